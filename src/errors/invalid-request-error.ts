import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** The provider rejected the request (other 400, 404, 422). Not retried. Code `invalid_request`. */
export class InvalidRequestError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('invalid_request', message, details);
  }
}
markError(InvalidRequestError);
