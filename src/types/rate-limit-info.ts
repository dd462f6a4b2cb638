/** Rate-limit headroom a provider reported on its response (`x-ratelimit-*` headers), for routing decisions. */
export interface RateLimitInfo {
  /** Requests left in the current window. */
  remainingRequests?: number | undefined;
  /** Tokens left in the current window. */
  remainingTokens?: number | undefined;
  /** When no requests are left: how long until the request limit is back to its full value, in ms (`x-ratelimit-reset-requests`). */
  resetRequestsMs?: number | undefined;
  /** When no tokens are left: how long until the token limit is back to its full value, in ms (`x-ratelimit-reset-tokens`). */
  resetTokensMs?: number | undefined;
}
