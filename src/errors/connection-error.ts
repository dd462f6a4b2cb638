import { markError, SwitchyardError } from './switchyard-error.ts';

/** The provider could not be reached, or the connection broke before a response (DNS, refused, reset, TLS). Code `connection`. Retryable. */
export class ConnectionError extends SwitchyardError {
  /** Always true: the request may not have reached the provider. */
  readonly retryable = true;

  constructor(message: string, options: { provider?: string | undefined; cause?: unknown } = {}) {
    super('connection', message, options);
  }
}
markError(ConnectionError);
