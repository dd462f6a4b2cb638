import type { Clock } from './clock.ts';

/** When a target's circuit opens, and for how long. */
export interface CircuitBreakerSettings {
  /** Open after this many failures in a row. @default 5 */
  consecutiveFailures: number;
  /** How long an open circuit skips the target before one probe is let through, in ms. @default 30000 */
  cooldownMs: number;
  /**
   * Also open when the share of failures over a sliding window reaches `threshold` (0 to 1),
   * once the window holds at least `minRequests` outcomes. Off unless set.
   */
  failureRate?: { threshold: number; windowMs: number; minRequests: number };
}

/** `closed`: traffic flows; `open`: the target is skipped; `half-open`: the cooldown is over and one probe may go. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** What `acquire` grants: a normal attempt, or the one probe of a half-open circuit. */
export interface CircuitPermit {
  /** True for the half-open probe, whose outcome closes or reopens the circuit. */
  probe: boolean;
}

/** A change of state, reported through `onTransition`. */
export interface CircuitTransition {
  /** The new state. */
  state: 'open' | 'closed';
  /** Why, in words (`5 consecutive failures`, `probe succeeded`). */
  reason: string;
}

/** What `health()` shows about a circuit. */
export interface CircuitSnapshot {
  state: CircuitState;
  /** Failures in a row since the last success. */
  consecutiveFailures: number;
  /** When the circuit last opened (ms since the epoch). */
  openedAt?: number | undefined;
  /** When an open circuit lets a probe through (ms since the epoch). */
  retryAt?: number | undefined;
}

const PROBE: CircuitPermit = { probe: true };
const NORMAL: CircuitPermit = { probe: false };

/**
 * A circuit breaker for one target. Opens after `consecutiveFailures` failures in a row (or a failure rate
 * over a window), skips the target while open, and after `cooldownMs` lets exactly one probe through:
 * its success closes the circuit, its failure opens it for another cooldown.
 */
export class CircuitBreaker {
  readonly #settings: CircuitBreakerSettings;
  readonly #clock: Clock;
  readonly #onTransition: ((transition: CircuitTransition) => void) | undefined;
  #open = false;
  #probing = false;
  #consecutive = 0;
  #openedAt = 0;
  #retryAt = 0;
  #openReason = '';
  #window: Array<{ at: number; failed: boolean }> = [];

  constructor(settings: CircuitBreakerSettings, clock: Clock, onTransition?: (transition: CircuitTransition) => void) {
    this.#settings = settings;
    this.#clock = clock;
    this.#onTransition = onTransition;
  }

  /** The current state. */
  get state(): CircuitState {
    if (!this.#open) return 'closed';
    return this.#clock.now() >= this.#retryAt ? 'half-open' : 'open';
  }

  /** Why the target would be skipped now, without taking a permit (undefined: `acquire` may grant one). Cheap: for routing. */
  skipReason(): string | undefined {
    if (!this.#open) return undefined;
    if (this.#clock.now() < this.#retryAt) return this.#openReason;
    return this.#probing ? 'circuit half-open: a probe is already in flight' : undefined;
  }

  /** Asks to send an attempt: a permit, or the reason the target must be skipped. */
  acquire(): CircuitPermit | string {
    if (!this.#open) return NORMAL;
    const now = this.#clock.now();
    if (now < this.#retryAt) return this.#openReason;
    if (this.#probing) return 'circuit half-open: a probe is already in flight';
    this.#probing = true;
    return PROBE;
  }

  /** Records a successful attempt. */
  recordSuccess(permit: CircuitPermit): void {
    if (permit.probe) {
      this.#probing = false;
      this.#open = false;
      this.#consecutive = 0;
      this.#window = [];
      this.#onTransition?.({ state: 'closed', reason: 'probe succeeded' });
      return;
    }
    if (this.#open) return;
    this.#consecutive = 0;
    if (this.#settings.failureRate) this.#note(false);
  }

  /** Records a failure that counts against the target (see `isTargetFailure`). */
  recordFailure(permit: CircuitPermit): void {
    if (permit.probe) {
      this.#probing = false;
      this.#trip('probe failed');
      return;
    }
    if (this.#open) return;
    this.#consecutive++;
    if (this.#consecutive >= this.#settings.consecutiveFailures) {
      this.#trip(`${this.#consecutive} consecutive failure${this.#consecutive === 1 ? '' : 's'}`);
      return;
    }
    const rate = this.#settings.failureRate;
    if (rate) {
      this.#note(true);
      const failed = this.#window.reduce((n, o) => n + (o.failed ? 1 : 0), 0);
      if (this.#window.length >= rate.minRequests && failed / this.#window.length >= rate.threshold) {
        this.#trip(`${failed} of ${this.#window.length} attempts failed within ${rate.windowMs} ms`);
      }
    }
  }

  /** Records an attempt that says nothing about the target's health (aborted, a request error); releases a probe. */
  recordNeutral(permit: CircuitPermit): void {
    if (permit.probe) this.#probing = false;
  }

  /** The state and counters, for `health()`. */
  snapshot(): CircuitSnapshot {
    const snap: CircuitSnapshot = { state: this.state, consecutiveFailures: this.#consecutive };
    if (this.#openedAt) snap.openedAt = this.#openedAt;
    if (this.#open) snap.retryAt = this.#retryAt;
    return snap;
  }

  #note(failed: boolean): void {
    const now = this.#clock.now();
    const rate = this.#settings.failureRate as { windowMs: number };
    this.#window.push({ at: now, failed });
    let drop = 0;
    while (drop < this.#window.length && (this.#window[drop] as { at: number }).at <= now - rate.windowMs) drop++;
    if (drop > 0) this.#window.splice(0, drop);
  }

  #trip(reason: string): void {
    const now = this.#clock.now();
    this.#open = true;
    this.#openedAt = now;
    this.#retryAt = now + this.#settings.cooldownMs;
    this.#openReason = `circuit open until ${new Date(this.#retryAt).toISOString()} (${reason})`;
    this.#window = [];
    this.#onTransition?.({ state: 'open', reason });
  }
}
