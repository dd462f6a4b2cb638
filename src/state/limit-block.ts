/**
 * Which limit stopped a target: one of the config's `limits`, the concurrency learned from the provider's refusals,
 * or the provider's own signal (its rate-limit headers said it is exhausted, or it answered 429 with a retry-after).
 */
export type LimitName = 'requestsPerMinute' | 'tokensPerMinute' | 'maxConcurrency' | 'learnedConcurrency' | 'providerSignal';

/** A target at a limit, as recorded in `attempts` (`outcome: skipped`, reason `limit: …`). */
export interface LimitBlock {
  /** Which limit. */
  limit: LimitName;
  /** The provider's limits (shared by its targets) or this target's own. */
  scope: 'provider' | 'target';
  /** Where it is configured (`providers.azure-east.limits`), or which signal (`x-ratelimit-remaining-requests`). */
  path: string;
  /** How long until capacity may free, in ms; undefined when unknown (a slot in flight) or never (a request larger than the limit). */
  retryAfterMs?: number;
  /** True when waiting cannot help: the request alone is larger than the limit. */
  never?: boolean;
  /** What happened, in words (it follows `limit: ` in the attempt's reason). */
  message: string;
}
