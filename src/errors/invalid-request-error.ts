import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** What an `InvalidRequestError` takes beside the provider's answer. */
export interface InvalidRequestErrorDetails extends ProviderApiErrorDetails {
  /** True when Switchyard rejected the request itself, before anything was sent. @default false */
  local?: boolean | undefined;
  /** The request field at fault, as a path (`messages[2].role`, `maxTokens`), for a request Switchyard rejected. */
  field?: string | undefined;
}

/**
 * The request is invalid. Either a provider rejected it (other 400, 404, 422), or Switchyard did before sending
 * anything (`local: true`, `status` 400, `field` names the field: `messages[2].role: expected system | user |
 * assistant | tool, found "asistant"`). Never retried, never failed over. Code `invalid_request`.
 */
export class InvalidRequestError extends ProviderApiError {
  /** True when Switchyard rejected the request itself, before anything was sent (no provider saw it). */
  readonly local: boolean;
  /** The request field at fault, for a request Switchyard rejected (`messages[2].role`). */
  declare readonly field?: string;

  constructor(message: string, details: InvalidRequestErrorDetails) {
    super('invalid_request', message, details);
    this.local = details.local ?? false;
    if (details.field !== undefined) this.field = details.field;
  }
}
markError(InvalidRequestError);
