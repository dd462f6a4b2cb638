import { markError, SwitchyardError } from './switchyard-error.ts';

/** The caller aborted the call through its `AbortSignal`. Code `aborted`. Never retried, never failed over. */
export class AbortError extends SwitchyardError {
  /** Always false: a caller's abort is never retried. */
  readonly retryable = false;

  constructor(message = 'The call was aborted by the caller.', options: { provider?: string | undefined; cause?: unknown } = {}) {
    super('aborted', message, options);
  }
}
markError(AbortError);
