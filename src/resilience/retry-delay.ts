import type { RetrySettings } from '../router/route.ts';
import type { CallState } from './call-state.ts';
import { fullJitter } from './full-jitter.ts';

/**
 * How long to wait before trying the same target again after `error` on try number `tryNumber`, or
 * undefined to stop retrying it (and let the router fail over):
 * - no retry when the tries are used up, when the error is not retryable, or when the call was aborted;
 * - the wait is the full-jitter backoff, or the provider's `retryAfterMs` when that is longer;
 * - a `retryAfterMs` longer than `maxDelayMs`, or a wait that would pass the call's deadline, stops at
 *   once instead of sleeping: another target may answer now.
 */
export function retryDelay(error: unknown, tryNumber: number, settings: RetrySettings, call: CallState): number | undefined {
  if (tryNumber >= settings.attempts || call.signal.aborted) return undefined;
  const details = error as { retryable?: unknown; retryAfterMs?: unknown; kind?: unknown } | null;
  if (details?.retryable !== true || details.kind === 'total') return undefined;
  const retryAfter = typeof details.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
  if (retryAfter !== undefined && retryAfter > settings.maxDelayMs) return undefined;
  const wait = Math.max(fullJitter(tryNumber, settings.minDelayMs, settings.maxDelayMs, call.deps.random), retryAfter ?? 0);
  if (call.deps.clock.now() + wait >= call.deadlineAt) return undefined;
  return wait;
}
