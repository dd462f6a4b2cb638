import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** The prompt is longer than the model's context window. The router moves on to targets with a larger window. Code `context_length`. */
export class ContextLengthError extends ProviderApiError {
  constructor(message: string, details: ProviderApiErrorDetails) {
    super('context_length', message, details);
  }
}
markError(ContextLengthError);
