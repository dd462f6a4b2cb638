import type { RateLimitError } from '../errors/rate-limit-error.ts';
import { readRateLimitHeaders } from '../http/read-rate-limit-headers.ts';
import { CircuitBreaker } from '../resilience/circuit-breaker.ts';
import type { RateLimitInfo } from '../types/rate-limit-info.ts';
import { lowerConcurrency, raiseConcurrency } from './learned-concurrency.ts';
import type { LimitBlock } from './limit-block.ts';
import type { LimitSpec } from './limit-spec.ts';
import { checkLimits, releaseLimits, takeLimits } from './local-limits.ts';
import { configuredConcurrency, learnedBlock, limitsHealthOf } from './memory-state-store.ts';
import { exhaustionOfError, exhaustionOfInfo, type Exhaustion, type ProviderView } from './provider-view.ts';
import { RedisCircuitSync } from './redis-circuit-sync.ts';
import type { GroupPart, RedisStateContext } from './redis-state-context.ts';
import { SharedLatencyStats } from './shared-latency-stats.ts';
import { SlidingWindow } from './sliding-window.ts';
import type { HeldLimits, LimitGrant, TargetLimitsHealth, TargetState, TargetStateSpec } from './state-store.ts';

/** A provider view shared through Redis: its key, and what changed here while Redis was away. */
export interface RedisProviderView extends ProviderView {
  /** Its Redis key. */
  readonly redisKey: string;
  /** The provider said it is exhausted while Redis was away: written back on reconnect. */
  awayExhaustion?: Exhaustion;
  /** The limit was lowered while Redis was away: written back on reconnect. */
  awayLearned?: boolean;
}

/** One operation of an admission group, and what it stands for (to name the limit that blocked). */
interface OpMeta {
  spec?: LimitSpec;
  limit: LimitBlock['limit'];
}

const who = (spec: LimitSpec) => (spec.scope === 'provider' ? `provider ${spec.key.slice(2)}` : `target ${spec.key.slice(2)}`);

/** What an attempt holds through Redis (or, while Redis is away, in this process). */
class RedisHeld implements HeldLimits {
  readonly #state: RedisTargetState;
  readonly #estimate: number;
  readonly #takenAt: number;
  readonly #learned: boolean;
  #released = false;

  constructor(state: RedisTargetState, estimate: number, takenAt: number, learned: boolean) {
    this.#state = state;
    this.#estimate = estimate;
    this.#takenAt = takenAt;
    this.#learned = learned;
  }

  release(tokens: number | undefined, now: number): void {
    if (this.#released) return;
    this.#released = true;
    this.#state.release(this.#estimate, tokens, this.#takenAt, now, this.#learned);
  }
}

/**
 * A target's state shared through Redis. Local copies (the provider view, the circuit) are kept current by the
 * store's pub/sub messages, so that `blockedNow` and the breaker cost no round trip; `acquire` is one operation group
 * of the attempt's admission (with its budgets: one script, one round trip); releases, settlements, failures and
 * signals are batched off the request path. This instance's own counts are kept too: while Redis is away it enforces
 * its share of each limit (the limit divided by the instances last seen) alone, under `onUnavailable: local`.
 */
export class RedisTargetState implements TargetState {
  readonly breaker: CircuitBreaker;
  readonly stats: SharedLatencyStats;
  readonly sync: RedisCircuitSync;
  readonly countsTokens: boolean;
  readonly #ctx: RedisStateContext;
  readonly #specs: readonly LimitSpec[];
  readonly #view: RedisProviderView;
  readonly #configured: number | undefined;
  /** The limit operations of an admission (without the learned one), built once, and what each stands for. */
  readonly #ops: Array<{ code: 'W' | 'C'; key: string; limit: number; tokens: boolean; meta: OpMeta }>;
  /** The admission's arguments when no token count varies (no tokensPerMinute), and their meanings: built once. */
  #fixedArgs: string[] | undefined;
  #metas: OpMeta[] = [];
  #learnedMetas: OpMeta[] = [];

  constructor(spec: TargetStateSpec, ctx: RedisStateContext, view: RedisProviderView) {
    const prefix = ctx.keyPrefix;
    const key = `${spec.alias}/${spec.provider}/${spec.model}`;
    this.#ctx = ctx;
    this.#specs = spec.limits;
    this.#view = view;
    this.#configured = configuredConcurrency(spec.limits);
    this.countsTokens = spec.limits.some((l) => l.tokensPerMinute !== undefined);
    this.sync = new RedisCircuitSync(`${prefix}c:${key}`, ctx, spec.circuit);
    this.breaker = new CircuitBreaker(spec.circuit, ctx.clock, spec.onTransition, this.sync);
    this.sync.attach(this.breaker);
    this.stats = new SharedLatencyStats(`${prefix}s:${key}`);
    this.#ops = [];
    for (const limit of spec.limits) {
      const base = `${prefix}l:${limit.key}`;
      if (limit.requestsPerMinute !== undefined) this.#ops.push({ code: 'W', key: `${base}:r`, limit: limit.requestsPerMinute, tokens: false, meta: { spec: limit, limit: 'requestsPerMinute' } });
      if (limit.tokensPerMinute !== undefined) this.#ops.push({ code: 'W', key: `${base}:t`, limit: limit.tokensPerMinute, tokens: true, meta: { spec: limit, limit: 'tokensPerMinute' } });
      if (limit.maxConcurrency !== undefined) this.#ops.push({ code: 'C', key: `${base}:c`, limit: limit.maxConcurrency, tokens: false, meta: { spec: limit, limit: 'maxConcurrency' } });
    }
    this.#metas = this.#ops.map((op) => op.meta);
    this.#learnedMetas = [...this.#metas, { limit: 'learnedConcurrency' }];
    if (!this.countsTokens) this.#fixedArgs = this.#args(0);
  }

  #args(tokens: number): string[] {
    const args: string[] = [];
    for (const op of this.#ops) {
      args.push(op.code, op.key, String(op.limit));
      if (op.code === 'W') args.push(op.tokens ? String(tokens) : '1');
    }
    return args;
  }

  /** The Redis keys of this target's slots in flight, with their limit keys (for writing them back after a reconnect). */
  get concurrencyKeys(): Array<[redisKey: string, limitKey: string]> {
    return this.#ops.filter((op) => op.code === 'C').map((op) => [op.key, (op.meta.spec as LimitSpec).key]);
  }

  get limited(): boolean {
    return this.#specs.length > 0 || this.#view.learned !== undefined;
  }

  blockedNow(): LimitBlock | undefined {
    return this.#view.exhaustion === undefined ? undefined : this.#view.blocked(this.#ctx.clock.now());
  }

  acquire(tokens: number, now: number): LimitGrant | Promise<LimitGrant> {
    const ctx = this.#ctx;
    if (!ctx.link.up) return this.#acquireLocally(tokens, now);
    const learned = this.#view.learned !== undefined;
    let ops = this.#fixedArgs ?? this.#args(tokens);
    if (learned) ops = [...ops, 'L', this.#view.redisKey];
    const metas = learned ? this.#learnedMetas : this.#metas;
    return ctx.admit(ops, metas.length).then(
      (part) => this.#granted(part, metas, tokens, now, learned),
      (error: unknown) => {
        if (ctx.onUnavailable === 'fail') throw error;
        return this.#acquireLocally(tokens, now);
      },
    );
  }

  #granted(part: GroupPart, metas: OpMeta[], tokens: number, now: number, learned: boolean): LimitGrant {
    if (part.status === 'not-taken' || part.status === 'init') return { retry: true };
    const view = this.#view;
    if (learned) {
      const [limit] = part.results[metas.length - 1] as [number | null, number];
      // The fleet forgot the learned limit (it expired): so does this copy.
      if (limit === null) view.learned = undefined;
    }
    if (part.status === 'blocked') return { block: this.#block(metas[part.blockedAt as number] as OpMeta, part.results[part.blockedAt as number], tokens, part.waitMs) };
    takeLimits(this.#ctx.counters, this.#specs, tokens, now);
    const holds = learned && view.learned !== undefined;
    if (holds) view.learnedHeld++;
    return new RedisHeld(this, tokens, now, holds);
  }

  #block(meta: OpMeta, result: unknown, tokens: number, waitMs: number | undefined): LimitBlock {
    const spec = meta.spec;
    if (!spec) {
      const [limit, inflight] = result as [number, number];
      return learnedBlock(this.#view, limit, inflight);
    }
    const base = { limit: meta.limit, scope: spec.scope, path: spec.path };
    if (meta.limit === 'maxConcurrency') {
      return { ...base, message: `maxConcurrency (${spec.maxConcurrency}) of ${who(spec)} reached (${spec.path}): ${result as number} requests in flight across the fleet` };
    }
    const ceiling = meta.limit === 'requestsPerMinute' ? spec.requestsPerMinute : spec.tokensPerMinute;
    if (waitMs === -2) return { ...base, never: true, message: `this call's estimated ${tokens} tokens exceed ${meta.limit} (${ceiling}) of ${who(spec)} (${spec.path}); it can never fit` };
    const what = meta.limit === 'requestsPerMinute' ? `${result as number} requests in the last minute across the fleet` : `${result as number} tokens in the last minute across the fleet, this call needs an estimated ${tokens}`;
    const block: LimitBlock = { ...base, message: `${meta.limit} (${ceiling}) of ${who(spec)} reached (${spec.path}): ${what}; capacity frees in ${waitMs} ms` };
    if (waitMs !== undefined && waitMs >= 0) block.retryAfterMs = waitMs;
    return block;
  }

  /** Redis away, `onUnavailable: local`: this instance's share of every limit, from its own counts. */
  #acquireLocally(tokens: number, now: number): LimitGrant | Promise<LimitGrant> {
    const ctx = this.#ctx;
    if (ctx.onUnavailable === 'fail') return Promise.reject(ctx.link.unavailableError());
    const share = ctx.instances();
    const view = this.#view;
    const learned = view.learned;
    if (learned !== undefined) {
      const ceiling = Math.max(1, Math.floor(learned.limit / share));
      if (view.learnedHeld >= ceiling) return { block: learnedBlock(view, ceiling, view.learnedHeld) };
    }
    const block = checkLimits(ctx.counters, this.#specs, tokens, now, share);
    if (block) return { block: { ...block, message: `${block.message} (this instance's share while the shared state is unreachable)` } };
    takeLimits(ctx.counters, this.#specs, tokens, now);
    const second = SlidingWindow.bucketOf(now);
    for (const op of this.#ops) if (op.code === 'W') ctx.noteAway(op.key, second, op.tokens ? tokens : 1);
    if (learned !== undefined) view.learnedHeld++;
    return new RedisHeld(this, tokens, now, learned !== undefined);
  }

  /** Gives back what an attempt held (called by its `HeldLimits`). */
  release(estimate: number, tokens: number | undefined, takenAt: number, now: number, learned: boolean): void {
    const ctx = this.#ctx;
    releaseLimits(ctx.counters, this.#specs, estimate, tokens, takenAt, now);
    if (learned && this.#view.learnedHeld > 0) this.#view.learnedHeld--;
    // Redis away: its counts are written back from this instance's own on reconnect.
    if (!ctx.link.up) return;
    const ops: string[] = [];
    let count = 0;
    for (const op of this.#ops) {
      if (op.code === 'C') {
        ops.push('c', op.key);
        count++;
      } else if (op.tokens && tokens !== undefined && tokens !== estimate) {
        ops.push('w', op.key, String(SlidingWindow.bucketOf(takenAt)), String(tokens - estimate));
        count++;
      }
    }
    if (learned) {
      ops.push('l', this.#view.redisKey);
      count++;
    }
    if (count > 0) ctx.enqueue(ops, count);
  }

  started(): void {
    this.#view.inflight++;
  }

  ended(): void {
    if (this.#view.inflight > 0) this.#view.inflight--;
  }

  answered(rateLimit: RateLimitInfo | undefined, now: number): void {
    const view = this.#view;
    if (rateLimit) this.#exhaust(exhaustionOfInfo(rateLimit, now));
    const learned = view.learned;
    if (!learned) return;
    view.learned = raiseConcurrency(learned, this.#configured, now);
    if (this.#ctx.link.up) this.#ctx.enqueue(['i', view.redisKey, String(this.#configured ?? 0)], 1);
  }

  rateLimited(error: RateLimitError, startedAt: number, now: number): void {
    const view = this.#view;
    if (error.kind !== 'concurrency') {
      this.#exhaust(exhaustionOfError(error, readRateLimitHeaders(error.headers), now));
      return;
    }
    // What was in flight fleet-wide when it refused: this instance's attempts, times the instances, until Redis counts them.
    const estimate = Math.max(1, view.inflight * this.#ctx.instances());
    const next = lowerConcurrency(view.learned, estimate, startedAt, now);
    if (!next) return;
    view.learned = next;
    if (!this.#ctx.link.up) {
      view.awayLearned = true;
      return;
    }
    this.#ctx.enqueue(['d', view.redisKey, String(estimate), String(startedAt), String(this.#configured ?? 0)], 1, (results) => {
      const limit = results[0] as number;
      if (typeof limit === 'number' && view.learned) view.learned = { ...view.learned, limit };
    });
  }

  #exhaust(exhaustion: Exhaustion | undefined): void {
    if (!exhaustion || !this.#view.exhaust(exhaustion)) return;
    if (!this.#ctx.link.up) {
      this.#view.awayExhaustion = exhaustion;
      return;
    }
    this.#ctx.enqueue(['e', this.#view.redisKey, String(exhaustion.until), exhaustion.by], 1);
  }

  limitsHealth(now: number): TargetLimitsHealth | undefined {
    return limitsHealthOf(this.#view, now);
  }
}
