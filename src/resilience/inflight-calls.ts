/**
 * Counts the calls in flight, so that `close()` can wait for them before it closes the ledger: every attempt
 * that reached a provider gets its ledger record, even when the instance is closed while calls run. A call is in
 * flight from its start until its last attempt has ended (for a stream: until it finished, failed, was returned
 * or aborted, or passed its deadline). One increment and one decrement per call, nothing else.
 */
export class InflightCalls {
  #count = 0;
  #waiters: Array<() => void> = [];

  /** The number of calls in flight. */
  get count(): number {
    return this.#count;
  }

  /** A call started. */
  start(): void {
    this.#count++;
  }

  /** A call ended (once per `start`). */
  end(): void {
    if (--this.#count > 0 || this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once no call is in flight (at once when none is). */
  idle(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
