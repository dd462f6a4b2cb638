import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** The credentials were refused (401, 403). Not retried and not failed over by default. Code `authentication`. */
export class AuthenticationError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('authentication', message, details);
  }
}
markError(AuthenticationError);
