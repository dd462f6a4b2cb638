import { markError, SwitchyardError } from './switchyard-error.ts';

/** A deadline passed: the call's `timeoutMs`, a per-attempt or first-token timeout. Code `timeout`. Retryable. */
export class TimeoutError extends SwitchyardError {
  /** The limit that passed, in milliseconds. */
  readonly timeoutMs: number;
  /** Which limit: `total` (the call), `attempt`, or `first-token`. */
  readonly kind: 'total' | 'attempt' | 'first-token';
  /** Always true: another attempt (or another provider) may answer in time. */
  readonly retryable = true;

  constructor(message: string, options: { timeoutMs: number; kind?: 'total' | 'attempt' | 'first-token'; provider?: string; cause?: unknown }) {
    super('timeout', message, options);
    this.timeoutMs = options.timeoutMs;
    this.kind = options.kind ?? 'total';
  }
}
markError(TimeoutError);
