import type { Clock } from './clock.ts';

/**
 * Waits `ms` milliseconds on `clock`. Rejects with the signal's reason as soon as `signal` aborts,
 * so a caller's abort never waits out a backoff.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, clock: Clock): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
