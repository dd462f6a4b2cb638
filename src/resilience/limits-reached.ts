import { RateLimitError, type RateLimitKind } from '../errors/rate-limit-error.ts';
import type { LimitBlock } from '../state/limit-block.ts';
import type { CallState } from './call-state.ts';
import { sleep } from './sleep.ts';

/** The first poll while waiting for a slot in flight to free (doubled on each pass up to `MAX_POLL_MS`), in ms. */
const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 100;

function kindOf(block: LimitBlock): RateLimitKind {
  if (block.limit === 'tokensPerMinute' || block.path.includes('tokens')) return 'tokens';
  if (block.limit === 'maxConcurrency' || block.limit === 'learnedConcurrency') return 'concurrency';
  return 'requests';
}

/**
 * The block whose capacity frees first, with the wait: its `retryAfterMs`, or `unknownMs` for a slot in flight (it
 * frees when a call ends). Undefined when no block can ever free (requests larger than every limit).
 */
function soonest(blocks: readonly LimitBlock[], unknownMs: number | undefined): { block: LimitBlock; waitMs: number | undefined } | undefined {
  let best: { block: LimitBlock; waitMs: number | undefined } | undefined;
  for (const block of blocks) {
    if (block.never) continue;
    const waitMs = block.retryAfterMs ?? unknownMs;
    if (!best || (waitMs !== undefined && (best.waitMs === undefined || waitMs < best.waitMs))) best = { block, waitMs };
  }
  return best;
}

/** How long until a slot in flight frees, guessed from the targets' average latency; undefined when none was measured. */
function averageCallMs(call: CallState): number | undefined {
  let best: number | undefined;
  for (const target of call.route.targets) {
    const ms = target.stats.latencyMs ?? target.stats.ttftMs;
    if (ms !== undefined && (best === undefined || ms < best)) best = ms;
  }
  return best === undefined ? undefined : Math.max(1, Math.round(best));
}

/**
 * The error of a call whose every target is at a limit (the config's `limits`, a learned concurrency limit, or a
 * provider's signal): a `RateLimitError` with `local: true` (nothing was sent) and `retryAfterMs` until the soonest
 * limit frees. For a limit on requests in flight that time is unknown: the targets' average call time stands for it.
 */
export function limitsReachedError(call: CallState, blocks: readonly LimitBlock[]): RateLimitError {
  const first = soonest(blocks, averageCallMs(call));
  const retryAfterMs = first?.waitMs;
  const lines = call.attempts.filter((a) => a.outcome === 'skipped' || a.outcome === 'error').map((a) => `${a.provider}/${a.model}: ${a.outcome}${a.reason ? ` (${a.reason})` : ''}`);
  const when = first === undefined ? 'no target can ever fit this call' : retryAfterMs === undefined ? 'capacity frees when a call in flight ends' : `capacity frees in about ${retryAfterMs} ms`;
  const message = `Every target of ${call.route.alias} is at a limit; ${when}${call.route.queueMs > 0 ? ` (waited up to limits.queueMs ${call.route.queueMs} ms)` : ''}:\n  - ${lines.join('\n  - ')}`;
  const details: ConstructorParameters<typeof RateLimitError>[1] = { status: 429, retryable: first !== undefined, local: true, kind: kindOf(first?.block ?? (blocks[0] as LimitBlock)) };
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  return new RateLimitError(message, details);
}

/**
 * Waits before another pass over the candidates while every target is at a limit: until the soonest limit frees
 * (polling, 10 ms doubled up to 100 ms, when only slots in flight stand in the way). Resolves false, without waiting,
 * when capacity cannot free within `queueUntil` and the call's deadline; rejects with the call's abort.
 */
export async function waitForCapacity(call: CallState, blocks: readonly LimitBlock[], queueUntil: number, pass: number): Promise<boolean> {
  const clock = call.deps.clock;
  const left = Math.min(queueUntil, call.deadlineAt) - clock.now();
  const poll = Math.min(FIRST_POLL_MS * 2 ** pass, MAX_POLL_MS);
  // A known wait ends one millisecond past the moment its bucket leaves the window; a slot in flight is polled.
  const first = soonest(blocks, poll - 1);
  if (left <= 0 || first === undefined) return false;
  const waitMs = (first.waitMs as number) + 1;
  if (waitMs > left && first.block.retryAfterMs !== undefined) return false;
  await sleep(Math.min(waitMs, left), call.signal, clock);
  return true;
}
