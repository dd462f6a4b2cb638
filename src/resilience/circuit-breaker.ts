import type { Clock } from './clock.ts';

/** When a target's circuit opens, and for how long. */
export interface CircuitBreakerSettings {
  /** Open after this many failures in a row. @default 5 */
  consecutiveFailures: number;
  /** How long an open circuit skips the target before one probe is let through, in ms. @default 30000 */
  cooldownMs: number;
  /**
   * How long the circuit stays open after the provider said its credits or quota are used up (`quota_exhausted`,
   * HTTP 402), in ms: one such answer opens it at once, for longer than an outage would. @default 600000 (10 minutes)
   */
  quotaCooldownMs?: number | undefined;
  /**
   * Also open when the share of failures over a sliding window reaches `threshold` (0 to 1),
   * once the window holds at least `minRequests` outcomes. Off unless set.
   */
  failureRate?: { threshold: number; windowMs: number; minRequests: number } | undefined;
}

/** `closed`: traffic flows; `open`: the target is skipped; `half-open`: the cooldown is over and one probe may go. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** What `acquire` grants: a normal attempt, or the one probe of a half-open circuit. */
export interface CircuitPermit {
  /** True for the half-open probe, whose outcome closes or reopens the circuit. */
  probe: boolean;
  /**
   * For a shared circuit's probe: settles once the fleet decided whether this instance sends the one probe
   * (undefined: it does; a reason: another instance does, skip the target).
   */
  claim?: Promise<string | undefined>;
}

/** A change of state, reported through `onTransition`. */
export interface CircuitTransition {
  /** The new state. */
  state: 'open' | 'closed';
  /** Why, in words (`5 consecutive failures`, `probe succeeded`). */
  reason: string;
  /** When an opened circuit lets a probe through (ms since the epoch); set for `open`. */
  retryAt?: number;
}

/**
 * How a circuit breaker shares its state with other instances (the Redis state store). Every method is called on a
 * change only, never on the success of a healthy target, and must not throw. The store answers with `apply`.
 */
export interface CircuitSync {
  /** A failure that counts against the target: counted fleet-wide. */
  failure(): void;
  /** A success: after failures it resets the fleet's count; a probe's success closes the circuit fleet-wide. */
  success(probe: boolean): void;
  /** The circuit opened here (its own count, its failure rate, or a failed probe): open it fleet-wide. */
  opened(retryAt: number, reason: string): void;
  /** Claims the one probe of the fleet: undefined when this instance sends it, else the reason to skip. */
  claim(): Promise<string | undefined>;
  /** A probe that said nothing about the target (aborted) gives its claim back. */
  release(): void;
}

/** A change made by another instance, as `CircuitSync`'s store reports it. */
export type RemoteCircuitUpdate =
  | { state: 'open'; retryAt: number; reason: string; failures?: number }
  | { state: 'closed'; reason: string }
  | { state: 'probing' }
  | { state: 'released' }
  | { state: 'failures'; failures: number };

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

/** `quotaCooldownMs` when unset: 10 minutes. */
export const DEFAULT_QUOTA_COOLDOWN_MS = 600_000;

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
  readonly #sync: CircuitSync | undefined;
  #open = false;
  #probing = false;
  #consecutive = 0;
  #openedAt = 0;
  #retryAt = 0;
  #openReason = '';
  #window: Array<{ at: number; failed: boolean }> = [];

  /** `sync` shares the circuit with other instances (failures counted, opened, probed and closed fleet-wide). */
  constructor(settings: CircuitBreakerSettings, clock: Clock, onTransition?: (transition: CircuitTransition) => void, sync?: CircuitSync) {
    this.#settings = settings;
    this.#clock = clock;
    this.#onTransition = onTransition;
    this.#sync = sync;
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
    return this.#sync ? { probe: true, claim: this.#sync.claim() } : PROBE;
  }

  /** Records a successful attempt. */
  recordSuccess(permit: CircuitPermit): void {
    if (permit.probe) {
      this.#probing = false;
      this.#open = false;
      this.#consecutive = 0;
      this.#window = [];
      this.#sync?.success(true);
      this.#onTransition?.({ state: 'closed', reason: 'probe succeeded' });
      return;
    }
    if (this.#open) return;
    const hadFailures = this.#consecutive > 0;
    this.#consecutive = 0;
    if (this.#settings.failureRate) this.#note(false);
    if (hadFailures) this.#sync?.success(false);
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
    this.#sync?.failure();
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

  /**
   * Records that the provider's credits or quota are used up: opens the circuit at once (also from half-open) for
   * `quotaCooldownMs`, since retrying within seconds cannot succeed.
   */
  recordQuotaExhausted(permit: CircuitPermit): void {
    if (permit.probe) this.#probing = false;
    const cooldown = this.#settings.quotaCooldownMs ?? DEFAULT_QUOTA_COOLDOWN_MS;
    // A circuit already open for longer (another attempt's quota answer) keeps its later probe time.
    if (this.#open && this.#retryAt >= this.#clock.now() + cooldown) return;
    this.#trip('credits or quota exhausted', cooldown);
  }

  /** Records an attempt that says nothing about the target's health (aborted, a request error); releases a probe. */
  recordNeutral(permit: CircuitPermit): void {
    if (!permit.probe) return;
    this.#probing = false;
    this.#sync?.release();
  }

  /**
   * Applies what another instance did (through the shared store): it opened the circuit, closed it, is probing it,
   * or the fleet's count of consecutive failures changed. Transitions are reported here too, so that every instance
   * emits `circuit-open` and `circuit-close` when its view changes.
   */
  apply(update: RemoteCircuitUpdate): void {
    switch (update.state) {
      case 'failures':
        if (!this.#open) this.#consecutive = update.failures;
        return;
      case 'probing':
        if (this.#open) this.#probing = true;
        return;
      case 'released':
        if (this.#open) this.#probing = false;
        return;
      case 'open':
        // Already open as long or longer (its own trip, or the same message twice): nothing new.
        if (this.#open && !this.#probing && this.#retryAt >= update.retryAt) return;
        if (update.failures !== undefined) this.#consecutive = update.failures;
        this.#probing = false;
        this.#trip(update.reason, undefined, update.retryAt);
        return;
      case 'closed':
        if (!this.#open) {
          this.#consecutive = 0;
          return;
        }
        this.#open = false;
        this.#probing = false;
        this.#consecutive = 0;
        this.#window = [];
        this.#onTransition?.({ state: 'closed', reason: update.reason });
    }
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

  /**
   * Opens the circuit for `cooldownMs` (the settings' by default; longer for exhausted quota); `remoteRetryAt` when
   * another instance opened it (and set when the probe may go): then nothing is published back.
   */
  #trip(reason: string, cooldownMs: number = this.#settings.cooldownMs, remoteRetryAt?: number): void {
    const now = this.#clock.now();
    this.#open = true;
    this.#openedAt = now;
    this.#retryAt = remoteRetryAt ?? now + cooldownMs;
    this.#openReason = `circuit open until ${new Date(this.#retryAt).toISOString()} (${reason})`;
    this.#window = [];
    if (remoteRetryAt === undefined) this.#sync?.opened(this.#retryAt, reason);
    this.#onTransition?.({ state: 'open', reason, retryAt: this.#retryAt });
  }
}
