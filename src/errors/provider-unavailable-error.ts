import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/**
 * The provider failed or is overloaded (408, 409, 5xx, Vertex UNAVAILABLE), retryable; or Switchyard could not use it
 * from this process at all (`status` 0, not retryable: an optional package its credentials need failed to load), so
 * the router moves on to the next target. Code `unavailable`.
 */
export class ProviderUnavailableError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('unavailable', message, details);
  }
}
markError(ProviderUnavailableError);
