/**
 * How long a provider asked to wait, in milliseconds, from `retry-after-ms`, `x-ms-retry-after-ms`
 * (milliseconds) or `retry-after` (seconds, or an HTTP date). Undefined when none is usable.
 */
export function parseRetryAfter(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers[name];
    if (value !== undefined && value.trim() !== '') {
      const ms = Number(value);
      if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
    }
  }
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
