import type { RateLimitError } from '../errors/rate-limit-error.ts';
import { CircuitBreaker } from '../resilience/circuit-breaker.ts';
import type { Clock } from '../resilience/clock.ts';
import { readRateLimitHeaders } from '../http/read-rate-limit-headers.ts';
import { LatencyStats } from '../router/latency-stats.ts';
import type { RateLimitInfo } from '../types/rate-limit-info.ts';
import { lowerConcurrency, raiseConcurrency } from './learned-concurrency.ts';
import type { LimitBlock } from './limit-block.ts';
import type { LimitSpec } from './limit-spec.ts';
import { checkLimits, LimitCounterMap, releaseLimits, takeLimits } from './local-limits.ts';
import { exhaustionOfError, exhaustionOfInfo, ProviderView } from './provider-view.ts';
import type { HeldLimits, LimitGrant, StateStore, TargetLimitsHealth, TargetState, TargetStateSpec } from './state-store.ts';

/** The smallest `maxConcurrency` among a target's limits: where a learned limit is no longer needed. */
export function configuredConcurrency(specs: readonly LimitSpec[]): number | undefined {
  let min: number | undefined;
  for (const spec of specs) if (spec.maxConcurrency !== undefined && (min === undefined || spec.maxConcurrency < min)) min = spec.maxConcurrency;
  return min;
}

/** The block of a learned concurrency limit. */
export function learnedBlock(view: ProviderView, limit: number, inflight: number): LimitBlock {
  return {
    limit: 'learnedConcurrency',
    scope: 'target',
    path: 'learned from refusals (RateLimitError kind concurrency)',
    message: `the concurrency ${view.provider} accepts, learned from its refusals (${limit} in flight), is reached: ${inflight} in flight`,
  };
}

/** Limits held by one attempt in this process's memory. */
class LocalHeld implements HeldLimits {
  readonly #counters: LimitCounterMap;
  readonly #specs: readonly LimitSpec[];
  readonly #estimate: number;
  readonly #takenAt: number;
  /** The provider view whose learned limit it holds a slot of, if it does. */
  readonly #learned: ProviderView | undefined;
  #released = false;

  constructor(counters: LimitCounterMap, specs: readonly LimitSpec[], estimate: number, takenAt: number, learned: ProviderView | undefined) {
    this.#counters = counters;
    this.#specs = specs;
    this.#estimate = estimate;
    this.#takenAt = takenAt;
    this.#learned = learned;
  }

  release(tokens: number | undefined, now: number): void {
    if (this.#released) return;
    this.#released = true;
    releaseLimits(this.#counters, this.#specs, this.#estimate, tokens, this.#takenAt, now);
    if (this.#learned && this.#learned.learnedHeld > 0) this.#learned.learnedHeld--;
  }
}

/** A target's state in this process's memory: the reference behaviour that the Redis store shares across instances. */
class MemoryTargetState implements TargetState {
  readonly breaker: CircuitBreaker;
  readonly stats = new LatencyStats();
  readonly #specs: readonly LimitSpec[];
  readonly #counters: LimitCounterMap;
  readonly #view: ProviderView;
  readonly #configured: number | undefined;
  readonly #clock: Clock;
  readonly countsTokens: boolean;

  constructor(spec: TargetStateSpec, clock: Clock, counters: LimitCounterMap, view: ProviderView) {
    this.#clock = clock;
    this.breaker = new CircuitBreaker(spec.circuit, clock, spec.onTransition);
    this.#specs = spec.limits;
    this.countsTokens = spec.limits.some((l) => l.tokensPerMinute !== undefined);
    this.#counters = counters;
    this.#view = view;
    this.#configured = configuredConcurrency(spec.limits);
  }

  get limited(): boolean {
    return this.#specs.length > 0 || this.#view.learned !== undefined;
  }

  blockedNow(): LimitBlock | undefined {
    return this.#view.exhaustion === undefined ? undefined : this.#view.blocked(this.#clock.now());
  }

  acquire(tokens: number, now: number): LimitGrant {
    const view = this.#view;
    const learned = view.learned;
    if (learned !== undefined && view.learnedHeld >= learned.limit) return { block: learnedBlock(view, learned.limit, view.learnedHeld) };
    const block = checkLimits(this.#counters, this.#specs, tokens, now);
    if (block) return { block };
    takeLimits(this.#counters, this.#specs, tokens, now);
    if (learned !== undefined) view.learnedHeld++;
    return new LocalHeld(this.#counters, this.#specs, tokens, now, learned !== undefined ? view : undefined);
  }

  started(): void {
    this.#view.inflight++;
  }

  ended(): void {
    if (this.#view.inflight > 0) this.#view.inflight--;
  }

  answered(rateLimit: RateLimitInfo | undefined, now: number): void {
    const view = this.#view;
    if (rateLimit) view.exhaust(exhaustionOfInfo(rateLimit, now));
    if (view.learned) view.learned = raiseConcurrency(view.learned, this.#configured, now);
  }

  rateLimited(error: RateLimitError, startedAt: number, now: number): void {
    const view = this.#view;
    if (error.kind === 'concurrency') {
      const next = lowerConcurrency(view.learned, view.inflight, startedAt, now);
      if (next) view.learned = next;
      return;
    }
    view.exhaust(exhaustionOfError(error, readRateLimitHeaders(error.headers), now));
  }

  limitsHealth(now: number): TargetLimitsHealth | undefined {
    return limitsHealthOf(this.#view, now);
  }
}

/** What `health()` shows of a provider view, or undefined when there is nothing to show. */
export function limitsHealthOf(view: ProviderView, now: number): TargetLimitsHealth | undefined {
  view.blocked(now);
  if (view.exhaustion === undefined && view.learned === undefined) return undefined;
  const health: TargetLimitsHealth = {};
  if (view.exhaustion) {
    health.exhaustedUntil = view.exhaustion.until;
    health.exhaustedBy = view.exhaustion.by;
  }
  if (view.learned) health.learnedMaxConcurrency = view.learned.limit;
  return health;
}

/**
 * Creates the state store of `state.type: memory` (the default): circuit breakers, limits, provider signals and
 * learned concurrency in this process only. Everything is synchronous and allocation-free for a target without limits.
 */
export function createMemoryStateStore(clock: Clock): StateStore {
  const counters = new LimitCounterMap();
  const views = new Map<string, ProviderView>();
  return {
    type: 'memory',
    target(spec) {
      const key = `${spec.provider}/${spec.model}`;
      let view = views.get(key);
      if (!view) views.set(key, (view = new ProviderView(key, spec.provider)));
      return new MemoryTargetState(spec, clock, counters, view);
    },
    together: (fn) => fn(),
    unavailable: () => undefined,
    ready: () => undefined,
    budgetStore: () => undefined,
    health: () => ({ type: 'memory', source: 'memory' }),
    close: async () => {},
  };
}
