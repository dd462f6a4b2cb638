import { REASONING_EFFORTS, type ReasoningEffort } from './reasoning-effort.ts';

/**
 * The accepted effort closest to `effort` in `REASONING_EFFORTS` order; on a tie the higher one (an answer thought
 * through a little more, rather than less). `accepted` must not be empty.
 * @example nearestEffort('medium', ['low', 'high']) // 'high'
 */
export function nearestEffort<T extends ReasoningEffort>(effort: ReasoningEffort, accepted: readonly T[]): T {
  const at = REASONING_EFFORTS.indexOf(effort);
  let best = accepted[0] as T;
  let bestDistance = Infinity;
  for (const candidate of accepted) {
    const index = REASONING_EFFORTS.indexOf(candidate);
    const distance = Math.abs(index - at);
    if (distance < bestDistance || (distance === bestDistance && index > REASONING_EFFORTS.indexOf(best))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
