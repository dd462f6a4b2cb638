import { AbortError } from '../errors/abort-error.ts';
import { TimeoutError } from '../errors/timeout-error.ts';
import { IdleTimer } from './idle-timer.ts';

/** The signal an adapter sends with, and how to tell why it fired. */
export interface CallDeadline {
  /** Fires on the caller's abort or when the deadline passes; undefined when neither can happen. */
  signal: AbortSignal | undefined;
  /** The typed error for the abort that happened (`AbortError` or `TimeoutError`), or undefined when none did. */
  reason(): AbortError | TimeoutError | undefined;
  /** Clears the timer and the listener. Call when the call is over (for a stream: when it ends). */
  dispose(): void;
  /** The idle watch of a stream (`idleTimeoutMs`), which aborts the signal with `TimeoutError` kind `idle`; undefined without one. */
  idle?: IdleTimer;
}

const NONE: CallDeadline = { signal: undefined, reason: () => undefined, dispose: () => undefined };

/**
 * The deadline of a call that has only the caller's signal (the router's calls): the signal as it is, one object
 * with its methods on the prototype rather than an object and two closures per attempt.
 */
class SignalDeadline implements CallDeadline {
  readonly signal: AbortSignal;
  readonly #provider: string | undefined;
  #typed: AbortError | TimeoutError | undefined;

  constructor(signal: AbortSignal, provider: string | undefined) {
    this.signal = signal;
    this.#provider = provider;
  }

  reason(): AbortError | TimeoutError | undefined {
    const signal = this.signal;
    if (!signal.aborted) return undefined;
    this.#typed ??= AbortError.isInstance(signal.reason) || TimeoutError.isInstance(signal.reason) ? signal.reason : new AbortError(undefined, { provider: this.#provider, cause: signal.reason });
    return this.#typed;
  }

  dispose(): void {}
}

/**
 * Joins the caller's `signal` and a `timeoutMs` deadline into one signal whose reason is typed:
 * the caller's abort becomes `AbortError` (never retried), the deadline `TimeoutError`. With `idleMs` (a stream's
 * `idleTimeoutMs`), `idle` is an `IdleTimer` that aborts the signal with `TimeoutError` kind `idle`.
 * Costs nothing when none is given.
 */
export function createCallDeadline(signal: AbortSignal | undefined, timeoutMs: number | undefined, provider?: string, idleMs?: number): CallDeadline {
  if (!signal && timeoutMs === undefined && idleMs === undefined) return NONE;
  if (signal?.aborted) {
    const aborted = new AbortError(undefined, { provider, cause: signal.reason });
    return { signal, reason: () => aborted, dispose: () => undefined };
  }
  if (timeoutMs === undefined && idleMs === undefined && signal) {
    // No deadline of its own: the caller's signal is passed through as it is (no second controller, no listener on the
    // hot path). A reason that is already typed (the router aborts with AbortError or TimeoutError) is kept.
    return new SignalDeadline(signal, provider);
  }
  const controller = new AbortController();
  let fired: AbortError | TimeoutError | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => {
    if (fired) return;
    fired = new AbortError(undefined, { provider, cause: signal?.reason });
    controller.abort(fired);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (timeoutMs !== undefined) {
    timer = setTimeout(() => {
      if (fired) return;
      fired = new TimeoutError(`The call did not finish within timeoutMs (${timeoutMs} ms).`, { timeoutMs, kind: 'total', provider });
      controller.abort(fired);
    }, timeoutMs);
  }
  let idle: IdleTimer | undefined;
  if (idleMs !== undefined) {
    const onIdle = (error: TimeoutError) => {
      if (fired) return;
      fired = error;
      controller.abort(error);
    };
    idle = new IdleTimer({ ms: idleMs, onIdle, label: provider ?? 'The provider', setting: 'idleTimeoutMs', ...(provider !== undefined ? { provider } : {}) });
  }
  const deadline: CallDeadline = {
    signal: controller.signal,
    reason: () => fired,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      idle?.stop();
      signal?.removeEventListener('abort', onAbort);
    },
  };
  if (idle) deadline.idle = idle;
  return deadline;
}
