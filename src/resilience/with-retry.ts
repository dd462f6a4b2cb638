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
 * Retries one target with p-retry: only retryable errors, exponential backoff with full jitter, honouring
 * `retry-after`, never past the call's deadline, and never after the caller aborted (the backoff sleep ends
 * at once). `settings.attempts` counts every try, the first included. When a retry is skipped (its circuit
 * opened, its budget ran out), the error of the last real try is thrown, so the router fails over on it.
 */
export function withRetry<T>(op: TargetOp<T>, settings: (call: Parameters<TargetOp<T>>[1]) => RetrySettings): TargetOp<T> {
  return (target, call) => {
    const retry = settings(call);
    if (retry.attempts <= 1) return op(target, call);
    let waitMs = 0;
    let lastError: Error | undefined;
    let skipped: SkipTargetError | undefined;
    const { default: pRetry, AbortError: StopRetrying } = loadPRetry();
    return pRetry(
      async (tryNumber: number) => {
        try {
          return await op(target, call);
        } catch (error) {
          if (error instanceof SkipTargetError) {
            // Skipped on the first try: the router records a skip; on a retry: it fails over on the last error.
            if (!lastError) skipped = error;
            throw new StopRetrying(lastError ?? new Error(error.reason));
          }
          const wait = retryDelay(error, tryNumber, retry, call);
          if (wait === undefined) throw new StopRetrying(asError(error));
          lastError = asError(error);
          waitMs = wait;
          throw lastError;
        }
      },
      {
        retries: retry.attempts - 1,
        minTimeout: 0,
        signal: call.signal,
        onFailedAttempt: () => sleep(waitMs, call.signal, call.deps.clock),
      },
    ).catch((error: unknown) => {
      throw skipped ?? error;
    });
  };
}
