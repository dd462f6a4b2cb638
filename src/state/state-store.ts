import type { RateLimitError } from '../errors/rate-limit-error.ts';
import type { BudgetStore } from '../metering/budget-store.ts';
import type { LedgerCostFilter } from '../metering/ledger-store.ts';
import type { CircuitBreaker, CircuitBreakerSettings, CircuitTransition } from '../resilience/circuit-breaker.ts';
import type { LatencyStats } from '../router/latency-stats.ts';
import type { RateLimitInfo } from '../types/rate-limit-info.ts';
import type { LimitBlock } from './limit-block.ts';
import type { LimitSpec } from './limit-spec.ts';
import type { StateHealth } from './state-health.ts';

/** What the store needs to know about one route target, once, when the route is built. */
export interface TargetStateSpec {
  alias: string;
  /** The provider's config id. */
  provider: string;
  /** The model sent on the wire. */
  model: string;
  /** The circuit breaker's settings (the alias's over the top level's over the defaults). */
  circuit: CircuitBreakerSettings;
  /** Called when the circuit opens or closes, whichever instance caused it. */
  onTransition: (transition: CircuitTransition) => void;
  /** The provider's `limits` and the target's own, each counted under its own key. */
  limits: readonly LimitSpec[];
}

/** What an attempt holds once `acquire` granted it: given back (batched, off the request path) when the attempt ends. */
export interface HeldLimits {
  readonly block?: undefined;
  /** Frees the concurrency slots and settles the token estimate to `tokens` (undefined: the estimate stands). */
  release(tokens: number | undefined, now: number): void;
}

/**
 * What `acquire` answers: the limits are held; or one of them is reached (nothing was taken); or (`retry`) they were
 * not looked at because another operation sent together with them could not be made (a budget period to load first).
 */
export type LimitGrant = HeldLimits | { readonly block: LimitBlock } | { readonly block?: undefined; readonly retry: true };

/**
 * The shared state of one target: its circuit breaker, latency averages, limits, what its provider said about its
 * capacity, and the concurrency limit learned from its refusals. Targets of several aliases on the same provider and
 * model share one view of the provider (signals, learned concurrency); limits are shared by their config key.
 */
export interface TargetState {
  /** The target's circuit breaker (shared by the fleet with `state.type: redis`). */
  readonly breaker: CircuitBreaker;
  /** The target's moving averages (shared with `state.type: redis`). */
  readonly stats: LatencyStats;
  /** True when an attempt must go through `acquire`: limits are configured, or a concurrency limit was learned. */
  readonly limited: boolean;
  /** True when a `tokensPerMinute` applies, so that `acquire` needs the request's token estimate. */
  readonly countsTokens: boolean;
  /**
   * Why the target is at a limit now, from what is known locally (a provider said it is exhausted), or undefined.
   * Reads the clock only while a provider's signal holds: free on the hot path.
   */
  blockedNow(): LimitBlock | undefined;
  /** Takes the attempt's share of every limit at once (one request, `tokens` estimated, one slot in flight), or none. */
  acquire(tokens: number, now: number): LimitGrant | Promise<LimitGrant>;
  /** An attempt to the target starts (counted for the concurrency learned from refusals). */
  started(): void;
  /** An attempt to the target ended (once per `started`). */
  ended(): void;
  /** The provider answered, with its rate-limit headers where it sent them. */
  answered(rateLimit: RateLimitInfo | undefined, now: number): void;
  /** The provider refused with a rate-limit error (a 429 and its retry-after, or a refusal of kind `concurrency`). */
  rateLimited(error: RateLimitError, startedAt: number, now: number): void;
  /** Limits and signals, for `health()`. */
  limitsHealth(now: number): TargetLimitsHealth | undefined;
}

/** A target's limits in `health()`. */
export interface TargetLimitsHealth {
  /** When a provider's signal (rate-limit headers, a 429) stops the target being skipped, ms since the epoch. */
  exhaustedUntil?: number;
  /** Which signal: `requests`, `tokens`, or the 429 itself. */
  exhaustedBy?: string;
  /** The concurrency limit learned from refusals, fleet-wide, while one is in force. */
  learnedMaxConcurrency?: number;
}

/**
 * What instances share: circuit breakers, limits, budgets and latency averages, behind one interface. The memory
 * store keeps them in this process (`state.type: memory`, the default); the Redis store shares them with every
 * instance using the same Redis and `keyPrefix`, with a local copy kept current by pub/sub so that a call that needs
 * no limit and no budget makes no round trip.
 */
export interface StateStore {
  /** `memory` or `redis`. */
  readonly type: 'memory' | 'redis';
  /** The state of one target, made once per route target. */
  target(spec: TargetStateSpec): TargetState;
  /**
   * Runs `fn`, sending every limit and budget operation it starts (synchronously) to the store together, as one
   * atomic step and one round trip. The memory store just runs it.
   */
  together<T>(fn: () => T): T;
  /** The error calls fail with right now (`onUnavailable: fail` while Redis is unreachable), else undefined. Cheap. */
  unavailable(): Error | undefined;
  /** While the store loads the fleet's state at start: a promise that settles once it did (within `timeoutMs`). */
  ready(): Promise<void> | undefined;
  /** A budget store on this state, or undefined to keep metering's own (memory or PostgreSQL). */
  budgetStore(initialSpend: (filter: LedgerCostFilter) => Promise<bigint>): BudgetStore | undefined;
  /** The store's health, for `health()`. */
  health(): StateHealth;
  /** Stops timers, gives back what this instance holds, closes connections. */
  close(): Promise<void>;
}
