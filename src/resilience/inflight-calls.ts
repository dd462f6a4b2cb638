import { SwitchyardError } from '../errors/switchyard-error.ts';

/** The error of a call made after `close()`: code `closed`. */
export function closedError(): SwitchyardError {
  return new SwitchyardError('closed', 'This Switchyard instance was closed; create a new one with createSwitchyard().');
}

/**
 * Counts the calls in flight, so that `close()` can wait for them before it closes the ledger: every attempt
 * that reached a provider gets its ledger record, even when the instance is closed while calls run. A call is in
 * flight from its start until its last attempt has ended (for a stream: until it finished, failed, was returned
 * or aborted, or passed its deadline). One increment and one decrement per call, nothing else.
 */
export class InflightCalls {
  #count = 0;
  #closed = false;
  #waiters: Array<() => void> = [];

  /** The number of calls in flight. */
  get count(): number {
    return this.#count;
  }

  /** A call starts. Throws the `closed` error once `close()` was called (a stream created before, first read after). */
  start(): void {
    if (this.#closed) throw closedError();
    this.#count++;
  }

  /** A call ended (once per `start`). */
  end(): void {
    if (--this.#count > 0 || this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Refuses new calls from now on; resolves `true` once no call is in flight (at once when none is), or `false`
   * when `timeoutMs` passed first (a stream nobody reads any more must not hold `close()` until its deadline).
   */
  close(timeoutMs: number): Promise<boolean> {
    this.#closed = true;
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref?.();
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
