import type { Clock } from '../resilience/clock.ts';

interface Pending {
  at: number;
  done: boolean;
  reject: (error: Error) => void;
}

/**
 * Bounds promises by one fixed timeout with one timer: since every entry waits the same time, they expire in the
 * order they came, so only the oldest needs a timer (a timer per Redis command would cost more than the command).
 */
export class DeadlineQueue {
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #onTimeout: (error: Error) => Error;
  #queue: Pending[] = [];
  #head = 0;
  #timer: unknown;

  /** `onTimeout` turns the timeout into the error to reject with (and may note the outage). */
  constructor(timeoutMs: number, clock: Clock, onTimeout: (error: Error) => Error) {
    this.#timeoutMs = timeoutMs;
    this.#clock = clock;
    this.#onTimeout = onTimeout;
  }

  /** `promise`, or a rejection once `timeoutMs` passed first (its late outcome is then ignored). */
  bound<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { at: this.#clock.now() + this.#timeoutMs, done: false, reject };
      this.#queue.push(entry);
      promise.then(
        (value) => {
          if (entry.done) return;
          entry.done = true;
          resolve(value);
        },
        (error: unknown) => {
          if (entry.done) return;
          entry.done = true;
          reject(error);
        },
      );
      if (this.#timer === undefined) this.#arm();
    });
  }

  /** Rejects everything pending at once (the connection is gone). */
  failAll(error: Error): void {
    for (let i = this.#head; i < this.#queue.length; i++) {
      const entry = this.#queue[i] as Pending;
      if (!entry.done) {
        entry.done = true;
        entry.reject(error);
      }
    }
    this.#queue = [];
    this.#head = 0;
  }

  #arm(): void {
    while (this.#head < this.#queue.length && (this.#queue[this.#head] as Pending).done) this.#head++;
    if (this.#head > 1024) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    if (this.#head >= this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
      return;
    }
    const wait = Math.max(0, (this.#queue[this.#head] as Pending).at - this.#clock.now());
    this.#timer = this.#clock.setTimeout(this.#fire, wait);
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = this.#clock.now();
    const expired: Pending[] = [];
    while (this.#head < this.#queue.length) {
      const entry = this.#queue[this.#head] as Pending;
      if (!entry.done && entry.at > now) break;
      this.#head++;
      if (!entry.done) expired.push(entry);
    }
    // Timers run before the event loop reads its sockets: an answer that already arrived (a busy process, not a slow
    // Redis) is read first, and only what is still unanswered then has timed out.
    if (expired.length > 0) setImmediate(() => this.#expire(expired));
    this.#arm();
  };

  #expire(expired: readonly Pending[]): void {
    let error: Error | undefined;
    for (const entry of expired) {
      if (entry.done) continue;
      entry.done = true;
      error ??= this.#onTimeout(new Error(`no answer within ${this.#timeoutMs} ms`));
      entry.reject(error);
    }
  }

  /** Stops the timer (pending entries are left to their promises). */
  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
