/** Rate-limit headroom a provider reported on its response (`x-ratelimit-*` headers), for routing decisions. */
export interface RateLimitInfo {
  /** Requests left in the current window. */
  remainingRequests?: number;
  /** Tokens left in the current window. */
  remainingTokens?: number;
}
