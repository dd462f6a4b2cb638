import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/**
 * Which limit a `RateLimitError` is about, where known: `requests` or `tokens` per window, `concurrency` (too many
 * requests in flight: send fewer at once rather than wait a fixed time; CoreWeave Serverless, vLLM/NIM servers).
 */
export type RateLimitKind = 'requests' | 'tokens' | 'concurrency';

/** What a `RateLimitError` takes beside the provider's answer. */
export interface RateLimitErrorDetails extends ProviderApiErrorDetails {
  /** Which limit, where the provider said so. */
  kind?: RateLimitKind | undefined;
  /** True when Switchyard's own limits (`limits` in the config) refused the call before anything was sent. @default false */
  local?: boolean | undefined;
}

/**
 * The provider is rate limiting or out of capacity (429, Vertex RESOURCE_EXHAUSTED), or every target is at one of
 * the config's own `limits` (`local: true`, nothing sent); `retryAfterMs` says how long to wait. Code `rate_limit`.
 */
export class RateLimitError extends ProviderApiError {
  /** Which limit, where known. */
  readonly kind?: RateLimitKind;
  /** True when Switchyard's own limits refused the call before anything was sent (no provider answered). */
  readonly local: boolean;

  constructor(message: string, details: RateLimitErrorDetails) {
    super('rate_limit', message, details);
    if (details.kind !== undefined) this.kind = details.kind;
    this.local = details.local ?? false;
  }
}
markError(RateLimitError);
