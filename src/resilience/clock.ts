/**
 * The time source of the router: the current time and timers. Injectable so that tests (and simulations)
 * control time; the default reads `Date.now` and the global timers at call time, so fake timers work too.
 */
export interface Clock {
  /** The current time in milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a timer started with `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** The real clock: `Date.now` and the global timers, looked up on every call. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
