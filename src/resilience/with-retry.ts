import type * as PRetry from 'p-retry';
import type { RetrySettings } from '../router/route.ts';
import { loadPackage } from '../runtime/load-package.ts';
import { retryDelay } from './retry-delay.ts';
import { SkipTargetError } from './skip-target-error.ts';
import { sleep } from './sleep.ts';
import type { TargetOp } from './target-op.ts';

// p-retry is loaded by the first call that may retry (a target with `retry.attempts` above 1), not by createSwitchyard.
let pRetryModule: typeof PRetry | undefined;
const loadPRetry = (): typeof PRetry => (pRetryModule ??= loadPackage<typeof PRetry>('p-retry'));

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Retries one target: only retryable errors, exponential backoff with full jitter, honouring `retry-after`, never past
 * the call's deadline, and never after the caller aborted (the backoff sleep ends at once). `settings.attempts` counts
 * every try, the first included. When a retry is skipped (its circuit opened, its budget ran out), the error of the last
 * real try is thrown, so the router fails over on it. The first try runs on its own (most calls end with it: p-retry's
 * bookkeeping is measurable per call); p-retry runs the tries after it.
 */
export function withRetry<T>(op: TargetOp<T>, settings: (call: Parameters<TargetOp<T>>[1]) => RetrySettings): TargetOp<T> {
  return (target, call) => {
    const retry = settings(call);
    if (retry.attempts <= 1) return op(target, call);
    return op(target, call).catch((error: unknown) => {
      // Skipped on the first try: the router records a skip.
      if (error instanceof SkipTargetError) throw error;
      const wait = retryDelay(error, 1, retry, call);
      if (wait === undefined) throw asError(error);
      return retryAfterFirst(op, target, call, retry, asError(error), wait);
    });
  };
}

/** Tries 2 to `retry.attempts`, after the first failed with `firstError` and the backoff said to wait `firstWaitMs`. */
function retryAfterFirst<T>(op: TargetOp<T>, target: Parameters<TargetOp<T>>[0], call: Parameters<TargetOp<T>>[1], retry: RetrySettings, firstError: Error, firstWaitMs: number): Promise<T> {
  let waitMs = firstWaitMs;
  let lastError = firstError;
  const { default: pRetry, AbortError: StopRetrying } = loadPRetry();
  return sleep(firstWaitMs, call.signal, call.deps.clock).then(() =>
    pRetry(
      async (retryNumber: number) => {
        try {
          return await op(target, call);
        } catch (error) {
          // Skipped on a retry: the router fails over on the last real error.
          if (error instanceof SkipTargetError) throw new StopRetrying(lastError);
          const wait = retryDelay(error, retryNumber + 1, retry, call);
          if (wait === undefined) throw new StopRetrying(asError(error));
          lastError = asError(error);
          waitMs = wait;
          throw lastError;
        }
      },
      {
        retries: retry.attempts - 2,
        minTimeout: 0,
        signal: call.signal,
        onFailedAttempt: () => sleep(waitMs, call.signal, call.deps.clock),
      },
    ),
  );
}
