/**
 * The backoff before retry number `retry` (1 for the first retry) with full jitter:
 * a random wait between 0 and `min(maxDelayMs, minDelayMs * 2^(retry-1))`, in whole milliseconds.
 * Full jitter spreads the retries of many clients hit by the same outage (AWS architecture blog, "Exponential Backoff and Jitter").
 */
export function fullJitter(retry: number, minDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
