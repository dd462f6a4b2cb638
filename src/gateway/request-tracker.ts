/** A request in flight that the drain can stop. */
export interface Drainable {
  /** Stops the request's work with `reason` (it answers with it if it can). */
  stop(reason: Error): void;
}

/** The API requests in flight, for `maxConcurrentRequests` and the drain, which stops them once `drainMs` has passed. */
export class RequestTracker {
  readonly #active = new Set<Drainable>();
  #waiters: Array<() => void> = [];

  /** Requests in flight. */
  get size(): number {
    return this.#active.size;
  }

  /** A request starts. */
  add(request: Drainable): void {
    this.#active.add(request);
  }

  /** A request ended (its response finished or its client went away). */
  delete(request: Drainable): void {
    if (!this.#active.delete(request) || this.#active.size > 0 || this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves true once no request is in flight, or false when `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#active.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Stops every request in flight with `reason`. */
  stopAll(reason: Error): void {
    for (const request of this.#active) request.stop(reason);
  }
}
