import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** The provider is rate limiting or out of capacity (429, Vertex RESOURCE_EXHAUSTED); `retryAfterMs` says how long it asked to wait. Code `rate_limit`. */
export class RateLimitError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('rate_limit', message, details);
  }
}
markError(RateLimitError);
