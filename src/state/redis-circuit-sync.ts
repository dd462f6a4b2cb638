import type { CircuitBreaker, CircuitBreakerSettings, CircuitSync, RemoteCircuitUpdate } from '../resilience/circuit-breaker.ts';
import type { RedisStateContext } from './redis-state-context.ts';

/** How long a probe's claim holds, in ms: another instance may probe once it passed (the prober died, or hangs). */
export const PROBE_LEASE_MS = 30_000;

/**
 * Shares one circuit breaker through Redis: failures are counted fleet-wide (the circuit opens for everyone when the
 * fleet's count reaches `consecutiveFailures`), opens and closes are published, and the half-open probe is claimed so
 * that exactly one instance sends it. A healthy target's success sends nothing. While Redis is away the breaker works
 * alone, and what it opened meanwhile is written back on reconnect.
 */
export class RedisCircuitSync implements CircuitSync {
  /** The circuit's key. */
  readonly key: string;
  readonly #ctx: RedisStateContext;
  readonly #settings: CircuitBreakerSettings;
  #breaker: CircuitBreaker | undefined;
  /** Opened while Redis was away: written back on reconnect. */
  awayOpen: { retryAt: number; reason: string } | undefined;

  constructor(key: string, ctx: RedisStateContext, settings: CircuitBreakerSettings) {
    this.key = key;
    this.#ctx = ctx;
    this.#settings = settings;
  }

  /** The breaker this syncs (set once it is made, since the breaker takes the sync in its constructor). */
  attach(breaker: CircuitBreaker): void {
    this.#breaker = breaker;
  }

  /** Applies a change from the fleet. */
  apply(update: RemoteCircuitUpdate): void {
    this.#breaker?.apply(update);
  }

  failure(): void {
    if (!this.#ctx.link.up) return;
    this.#ctx.enqueue(['f', this.key, String(this.#settings.consecutiveFailures), String(this.#settings.cooldownMs)], 1, (results) => {
      const [open, failures, retryAt] = results[0] as [number, number, number];
      if (open === 1) this.apply({ state: 'open', retryAt, reason: `${failures} consecutive failures across the fleet`, failures });
      else this.apply({ state: 'failures', failures });
    });
  }

  success(probe: boolean): void {
    if (!this.#ctx.link.up) {
      if (probe) this.awayOpen = undefined;
      return;
    }
    this.#ctx.enqueue(probe ? ['x', this.key, 'probe succeeded'] : ['s', this.key], 1);
  }

  opened(retryAt: number, reason: string): void {
    if (!this.#ctx.link.up) {
      this.awayOpen = { retryAt, reason };
      return;
    }
    this.#ctx.enqueue(['o', this.key, String(retryAt), reason], 1);
  }

  claim(): Promise<string | undefined> {
    const ctx = this.#ctx;
    // Redis away: this instance decides alone (or, under `fail`, the call fails).
    if (!ctx.link.up) return ctx.onUnavailable === 'fail' ? Promise.reject(ctx.link.unavailableError()) : Promise.resolve(undefined);
    return ctx.runNow(['p', this.key, String(PROBE_LEASE_MS)], 1).then(
      (results) => (results[0] === 0 ? 'circuit half-open: another instance is sending the probe' : undefined),
      (error: unknown) => {
        if (ctx.onUnavailable === 'fail') throw error;
        return undefined;
      },
    );
  }

  release(): void {
    if (this.#ctx.link.up) this.#ctx.enqueue(['n', this.key], 1);
  }
}
