import type { RateLimitInfo } from '../../src/types/rate-limit-info.ts';

/** Reads `x-ratelimit-remaining-requests` and `-tokens`; undefined when neither is a usable number. */
export function readRateLimitHeaders(headers: Record<string, string>): RateLimitInfo | undefined {
  const requests = headers['x-ratelimit-remaining-requests'];
  const tokens = headers['x-ratelimit-remaining-tokens'];
  if (requests === undefined && tokens === undefined) return undefined;
  const info: RateLimitInfo = {};
  const r = Number(requests);
  const t = Number(tokens);
  if (requests !== undefined && Number.isFinite(r)) info.remainingRequests = r;
  if (tokens !== undefined && Number.isFinite(t)) info.remainingTokens = t;
  return info.remainingRequests === undefined && info.remainingTokens === undefined ? undefined : info;
}
