import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * Which limit a `TimeoutError` is about: `total` (the call's `timeoutMs` or `timeouts.totalMs`), `attempt`
 * (`timeouts.attemptMs`), `first-token` (`timeouts.firstTokenMs`), or `idle` (`timeouts.idleMs` or the request's
 * `idleTimeoutMs`: a stream sent no part for that long after its first one).
 */
export type TimeoutKind = 'total' | 'attempt' | 'first-token' | 'idle';

/** A deadline passed: the call's `timeoutMs`, a per-attempt, first-token or idle timeout. Code `timeout`. Retryable. */
export class TimeoutError extends SwitchyardError {
  /** The limit that passed, in milliseconds. */
  readonly timeoutMs: number;
  /** Which limit passed. */
  readonly kind: TimeoutKind;
  /** Always true: another attempt (or another provider) may answer in time. */
  readonly retryable = true;

  constructor(message: string, options: { timeoutMs: number; kind?: TimeoutKind | undefined; provider?: string | undefined; cause?: unknown }) {
    super('timeout', message, options);
    this.timeoutMs = options.timeoutMs;
    this.kind = options.kind ?? 'total';
  }
}
markError(TimeoutError);
