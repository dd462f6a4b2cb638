import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * A stream failed after content had been delivered, so it could not fail over transparently.
 * Code `stream_interrupted`. `cause` is the underlying error (a cut connection, an error event, a timeout).
 */
export class StreamInterruptedError extends SwitchyardError {
  /** Parts delivered to the caller before the failure. */
  readonly partsDelivered: number;
  /** Characters of text delivered before the failure. */
  readonly charactersDelivered: number;
  /** Whether a retry may succeed (it would start the answer again). */
  readonly retryable: boolean;

  constructor(message: string, options: { partsDelivered: number; charactersDelivered: number; provider?: string | undefined; cause?: unknown; retryable?: boolean | undefined }) {
    super('stream_interrupted', message, options);
    this.partsDelivered = options.partsDelivered;
    this.charactersDelivered = options.charactersDelivered;
    this.retryable = options.retryable ?? true;
  }
}
markError(StreamInterruptedError);
