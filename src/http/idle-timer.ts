import { TimeoutError } from '../errors/timeout-error.ts';

/** The time source of an `IdleTimer` (the router's `Clock`). */
export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Who an `IdleTimer` watches, for its error. */
export interface IdleTimerSettings {
  /** The limit, in milliseconds. */
  ms: number;
  /** Called once when the stream went idle, with the `TimeoutError` (kind `idle`) to end it with. */
  onIdle: (error: TimeoutError) => void;
  /** The provider's id (or `provider/model`), for the message. */
  label: string;
  /** The setting that set the limit, for the message (`timeouts.idleMs`, `idleTimeoutMs`). */
  setting: string;
  /** The provider id the error carries. */
  provider?: string;
  /** @default the system clock */
  clock?: IdleClock;
}

/**
 * Ends a stream that went silent after its first part: no parts for `ms` milliseconds while a read from the provider
 * is waiting. The stream says when a read starts (`reading`) and when it produced parts (`received`); only the time
 * spent waiting on the provider counts (a caller that reads slowly is not idle), and bytes that make no part (SSE
 * comments, keep-alive pings) do not reset it. Costs a timestamp per read and one timer per `ms`, never one per part:
 * the timer, when it fires, re-arms for what is left of the wait instead of being reset on every read.
 */
export class IdleTimer {
  // The settings are copied, not kept: the object passed in then dies at once, so V8 never pretenures its literal, and a
  // settings object born old would keep `onIdle` (and the stream behind it) alive through every scavenge.
  readonly #ms: number;
  readonly #onIdle: (error: TimeoutError) => void;
  readonly #label: string;
  readonly #setting: string;
  readonly #provider: string | undefined;
  readonly #clock: IdleClock;
  /** When the read waiting on the provider started; -1 when none is waiting. */
  #since = -1;
  #started = false;
  #stopped = false;
  #timer: unknown;

  constructor(settings: IdleTimerSettings) {
    this.#ms = settings.ms;
    this.#onIdle = settings.onIdle;
    this.#label = settings.label;
    this.#setting = settings.setting;
    this.#provider = settings.provider;
    this.#clock = settings.clock ?? SYSTEM;
  }

  /** A read from the provider starts (ignored before the first part). */
  reading(): void {
    if (!this.#started || this.#stopped) return;
    this.#since = this.#clock.now();
    if (this.#timer === undefined) this.#timer = this.#clock.setTimeout(this.#check, this.#ms);
  }

  /** The read produced parts: the first call starts the watch. */
  received(): void {
    this.#since = -1;
    this.#started = true;
  }

  /** Stops watching (the stream ended or was released). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    if (this.#stopped) return;
    const since = this.#since;
    // No read waiting: the caller has not asked for more; the next read arms the timer again.
    if (since < 0) return;
    const waited = this.#clock.now() - since;
    const ms = this.#ms;
    if (waited < ms) {
      this.#timer = this.#clock.setTimeout(this.#check, ms - waited);
      return;
    }
    this.stop();
    const provider = this.#provider;
    this.#onIdle(
      new TimeoutError(`${this.#label} sent nothing for ${ms} ms after its last part (${this.#setting}): the stream went idle.`, { timeoutMs: ms, kind: 'idle', ...(provider !== undefined ? { provider } : {}) }),
    );
  };
}
