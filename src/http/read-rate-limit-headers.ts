import type { RateLimitInfo } from '../types/rate-limit-info.ts';

const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/**
 * Parses a reset value into milliseconds: OpenAI's Go-style durations (`12ms`, `1s`, `6m0s`, `1h2m3.5s`) or a plain
 * number of seconds (as Azure sends). Undefined when it is neither, or negative.
 */
export function parseResetDuration(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(text)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) ms += Number(amount) * (UNITS[unit as string] as number);
  return Math.round(ms);
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads `x-ratelimit-remaining-requests` and `-tokens` (OpenAI, Azure OpenAI, and servers copying them), and, when one
 * says none are left, its `x-ratelimit-reset-requests` or `-tokens` (the only time a reset matters, which keeps the
 * duration parsing off the common answer); undefined when no remaining count is a usable number. Azure's Responses
 * API has been seen sending `-1`: kept as sent (a negative count is not an exhausted one).
 */
export function readRateLimitHeaders(headers: Record<string, string>): RateLimitInfo | undefined {
  const requests = count(headers['x-ratelimit-remaining-requests']);
  const tokens = count(headers['x-ratelimit-remaining-tokens']);
  if (requests === undefined && tokens === undefined) return undefined;
  const info: RateLimitInfo = {};
  if (requests !== undefined) {
    info.remainingRequests = requests;
    const reset = requests === 0 ? parseResetDuration(headers['x-ratelimit-reset-requests']) : undefined;
    if (reset !== undefined) info.resetRequestsMs = reset;
  }
  if (tokens !== undefined) {
    info.remainingTokens = tokens;
    const reset = tokens === 0 ? parseResetDuration(headers['x-ratelimit-reset-tokens'] ?? headers['x-rate-limit-reset-tokens']) : undefined;
    if (reset !== undefined) info.resetTokensMs = reset;
  }
  return info;
}
