import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** The provider failed or is overloaded (408, 409, 5xx, Vertex UNAVAILABLE). Retryable. Code `unavailable`. */
export class ProviderUnavailableError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('unavailable', message, details);
  }
}
markError(ProviderUnavailableError);
