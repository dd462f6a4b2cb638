import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError } from '../errors/config-error.ts';
import type { BudgetStore } from '../metering/budget-store.ts';
import { createRedisBudgetStore } from '../metering/redis-budget-store.ts';
import type { Clock } from '../resilience/clock.ts';
import type { EmitEvent } from '../router/switchyard-events.ts';
import { LimitCounterMap } from './local-limits.ts';
import { requireRedisClient } from './load-redis-client.ts';
import { parseRedisUrl } from './parse-redis-url.ts';
import { ProviderView } from './provider-view.ts';
import { RedisLink } from './redis-link.ts';
import type { GroupPart, RedisStateContext } from './redis-state-context.ts';
import { RedisTargetState, type RedisProviderView } from './redis-target-state.ts';
import type { RedisStateConfig } from './state-config-schema.ts';
import type { StateHealth } from './state-health.ts';
import type { StateStore } from './state-store.ts';

/** The defaults of `state` with `type: redis`. */
export const REDIS_STATE_DEFAULTS = { keyPrefix: 'switchyard:', timeoutMs: 50, onUnavailable: 'local' } as const;

/** How often this instance announces itself (its heartbeat lives 10 s), in ms. */
const HEARTBEAT_MS = 3_000;
/** How often latency samples are merged into the fleet's averages, in ms. */
const STATS_MS = 1_000;
/** Targets and provider views followed at most (direct `providerId:model` routes come and go). */
const MAX_TRACKED = 5_000;
/** The most script arguments one batch carries; more go in the next. */
const MAX_BATCH_ARGS = 4_000;

/** What a part of the store writes back after a (re)connect; `undo` keeps it for the next one when the write failed. */
export interface SyncPart {
  ops: string[];
  count: number;
  undo?: () => void;
}

interface Part {
  count: number;
  resolve: (part: GroupPart) => void;
  reject: (error: unknown) => void;
}

/** One attempt's admission: its operations, and the parts (limits, budgets) that wait for their share of the answer. */
interface Admission {
  ops: string[];
  parts: Part[];
}

interface Queued {
  count: number;
  onResult: ((results: unknown[]) => void) | undefined;
  onFailed: (() => void) | undefined;
}

interface Message {
  t: string;
  k: string;
  i: string;
  r?: number;
  why?: string;
  f?: number;
  u?: number;
  by?: string;
  lim?: number;
  la?: number;
  rf?: number;
}

/** The Redis implementation of `StateStore`; see `createRedisStateStore`. */
class RedisStateStore implements StateStore, RedisStateContext {
  readonly type = 'redis';
  readonly link: RedisLink;
  readonly clock: Clock;
  readonly keyPrefix: string;
  readonly onUnavailable: 'local' | 'fail';
  readonly counters = new LimitCounterMap();
  readonly #where: string;
  readonly #timeoutMs: number;
  readonly #instanceId: string;
  /** The targets' states by circuit key (several routes to one alias, provider and model share one). */
  readonly #targets = new Map<string, RedisTargetState>();
  readonly #views = new Map<string, RedisProviderView>();
  readonly #syncers: Array<(lost: boolean) => SyncPart> = [];
  /** What this instance counted in each window while Redis was away: key -> second -> amount. */
  #away = new Map<string, Map<number, number>>();
  #instances = 1;
  #epoch: string | undefined;
  #group: Admission | undefined;
  #admissions: { list: Admission[]; args: number } = { list: [], args: 0 };
  #admissionsScheduled = false;
  #queue: { ops: string[]; items: Queued[] } = { ops: [], items: [] };
  #flushScheduled = false;
  readonly #inflight = new Set<Promise<unknown>>();
  readonly #timers: Array<ReturnType<typeof setInterval>> = [];
  #budgetStore: BudgetStore | undefined;
  #closed = false;

  constructor(config: RedisStateConfig, where: string, specifier: string, clock: Clock, emit: EmitEvent) {
    this.#where = where;
    this.#timeoutMs = config.timeoutMs ?? REDIS_STATE_DEFAULTS.timeoutMs;
    this.clock = clock;
    this.keyPrefix = config.keyPrefix ?? REDIS_STATE_DEFAULTS.keyPrefix;
    this.onUnavailable = config.onUnavailable ?? REDIS_STATE_DEFAULTS.onUnavailable;
    this.#instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.link = new RedisLink(
      {
        url: config.url,
        where,
        specifier,
        timeoutMs: this.#timeoutMs,
        onUnavailable: this.onUnavailable,
        channel: `${this.keyPrefix}events`,
        instancesKey: `${this.keyPrefix}i`,
        instanceId: this.#instanceId,
        now: () => clock.now(),
      },
      {
        sync: () => this.#sync(),
        message: (raw) => this.#message(raw),
        warn: (warning) => emit('warning', { ...warning, where }),
      },
    );
    const heartbeat = setInterval(() => this.#heartbeat(), HEARTBEAT_MS);
    const stats = setInterval(() => this.#mergeStats(), STATS_MS);
    for (const timer of [heartbeat, stats]) {
      timer.unref?.();
      this.#timers.push(timer);
    }
  }

  instances(): number {
    return this.#instances;
  }

  target(spec: Parameters<StateStore['target']>[0]): RedisTargetState {
    const viewKey = `${this.keyPrefix}v:${spec.provider}/${spec.model}`;
    const circuitKey = `${this.keyPrefix}c:${spec.alias}/${spec.provider}/${spec.model}`;
    // A direct `providerId:model` route made again after the route table let it go finds its state as it was.
    const known = this.#targets.get(circuitKey);
    if (known) return known;
    let view = this.#views.get(viewKey);
    if (!view) {
      view = Object.assign(new ProviderView(`${spec.provider}/${spec.model}`, spec.provider), { redisKey: viewKey }) as RedisProviderView;
      this.#views.set(viewKey, view);
      if (this.#views.size > MAX_TRACKED) this.#views.delete(this.#views.keys().next().value as string);
    }
    const state = new RedisTargetState(spec, this, view);
    this.#targets.set(circuitKey, state);
    // Bounded, for calls to ever new `providerId:model` addresses: the oldest stop following the fleet (they keep working).
    if (this.#targets.size > MAX_TRACKED) this.#targets.delete(this.#targets.keys().next().value as string);
    return state;
  }

  together<T>(fn: () => T): T {
    if (this.#group) return fn();
    const group: Admission = (this.#group = { ops: [], parts: [] });
    try {
      return fn();
    } finally {
      this.#group = undefined;
      if (group.parts.length > 0) this.#queueAdmission(group);
    }
  }

  admit(ops: string[], count: number): Promise<GroupPart> {
    return new Promise<GroupPart>((resolve, reject) => {
      const part: Part = { count, resolve, reject };
      const group = this.#group;
      if (group) {
        for (const op of ops) group.ops.push(op);
        group.parts.push(part);
      } else this.#queueAdmission({ ops, parts: [part] });
    });
  }

  /**
   * Queues one attempt's admission: those made in the same turn of the event loop go to Redis in one script call (each
   * still all or none, with an answer of its own), as node-redis writes a turn's commands together anyway.
   */
  #queueAdmission(admission: Admission): void {
    const pending = this.#admissions;
    if (pending.args > 0 && pending.args + admission.ops.length > MAX_BATCH_ARGS) this.#sendAdmissions();
    this.#admissions.list.push(admission);
    this.#admissions.args += admission.ops.length + 1;
    if (!this.#admissionsScheduled) {
      this.#admissionsScheduled = true;
      setImmediate(this.#sendAdmissions);
    }
  }

  /** Sends the queued admissions: one script call, and each attempt's share of each answer. */
  readonly #sendAdmissions = (): void => {
    this.#admissionsScheduled = false;
    const { list } = this.#admissions;
    if (list.length === 0) return;
    this.#admissions = { list: [], args: 0 };
    const args: string[] = [];
    for (const admission of list) {
      if (args.length > 0) args.push('|');
      for (const op of admission.ops) args.push(op);
    }
    void this.link.run('g', args).then(
      (reply) => {
        const answers = reply as Array<[string, number, number, unknown[]]>;
        list.forEach((admission, i) => {
          const [status, index, wait, out] = answers[i] as [string, number, number, unknown[]];
          let start = 0;
          for (const part of admission.parts) {
            const results = out.slice(start, start + part.count);
            const mine = index > start && index <= start + part.count;
            if (status === 'ok') part.resolve({ status: 'ok', results });
            else if (!mine) part.resolve({ status: 'not-taken', results });
            else if (status === 'init') part.resolve({ status: 'init', results });
            else part.resolve({ status: 'blocked', results, blockedAt: index - start - 1, waitMs: wait });
            start += part.count;
          }
        });
      },
      (error: unknown) => {
        for (const admission of list) for (const part of admission.parts) part.reject(error);
      },
    );
  };

  enqueue(ops: string[], count: number, onResult?: (results: unknown[]) => void, onFailed?: () => void): void {
    if (this.#closed && !this.link.up) {
      onFailed?.();
      return;
    }
    const queue = this.#queue;
    if (queue.ops.length + ops.length > MAX_BATCH_ARGS) this.#flush();
    for (const op of ops) this.#queue.ops.push(op);
    this.#queue.items.push({ count, onResult, onFailed });
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(this.#flush);
    }
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false;
    const { ops, items } = this.#queue;
    if (items.length === 0) return;
    this.#queue = { ops: [], items: [] };
    this.#track(this.#runBatch(ops, items));
  };

  #runBatch(ops: string[], items: Queued[], duringSync = false): Promise<void> {
    return this.link.run('b', ops, duringSync).then(
      (reply) => {
        const out = reply as unknown[];
        let start = 0;
        for (const item of items) {
          try {
            item.onResult?.(out.slice(start, start + item.count));
          } catch {
            // A part's bookkeeping must not stop the others'.
          }
          start += item.count;
        }
      },
      () => {
        for (const item of items) item.onFailed?.();
      },
    );
  }

  runNow(ops: string[], count: number): Promise<unknown[]> {
    return this.link.run('b', ops).then((reply) => (reply as unknown[]).slice(0, count));
  }

  noteAway(key: string, second: number, amount: number): void {
    let seconds = this.#away.get(key);
    if (!seconds) this.#away.set(key, (seconds = new Map()));
    seconds.set(second, (seconds.get(second) ?? 0) + amount);
  }

  onSync(collect: (lost: boolean) => SyncPart): void {
    this.#syncers.push(collect);
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#inflight.delete(tracked));
    this.#inflight.add(tracked);
  }

  #heartbeat(): void {
    if (!this.link.up) return;
    this.enqueue(['h', String(this.clock.now() + 10_000)], 1, (results) => {
      this.#instances = Math.max(1, Number(results[0]) || 1);
    });
  }

  #mergeStats(): void {
    if (!this.link.up) return;
    for (const target of this.#targets.values()) {
      const stats = target.stats;
      if (!stats.pending) continue;
      this.enqueue(['m', ...stats.takeSamples()], 1, (results) => stats.adopt(results[0] as unknown[]));
    }
  }

  /**
   * After every (re)connect: reads the epoch (a key that disappears when Redis loses its data), the fleet's circuits,
   * provider views and averages, and writes back what this instance holds (its slots in flight) and what it learned
   * while Redis was away (circuits it opened, providers that said they are exhausted, lowered concurrency, budget
   * spend made meanwhile); after a loss of data, all it knows.
   */
  async #sync(): Promise<void> {
    const now = this.clock.now();
    const candidate = `${now}-${randomBytes(6).toString('hex')}`;
    const read: string[] = ['E', `${this.keyPrefix}epoch`, candidate, 'h', String(now + 10_000)];
    const targets = [...this.#targets.values()];
    const views = [...this.#views.values()];
    for (const target of targets) read.push('y', target.sync.key);
    for (const view of views) read.push('z', view.redisKey);
    for (const target of targets) read.push('t', target.stats.key);
    const out = (await this.link.run('b', read, true)) as unknown[];
    const epoch = out[0] as string;
    // The epoch key disappears with Redis's data: a new one means the fleet's state is gone, and this instance writes back all it knows.
    const lost = this.#epoch !== undefined && epoch !== this.#epoch;
    this.#epoch = epoch;
    this.#instances = Math.max(1, Number(out[1]) || 1);
    let at = 2;
    const write: string[] = [];
    let count = 0;
    const push = (...ops: string[]) => {
      for (const op of ops) write.push(op);
      count++;
    };
    for (const target of targets) {
      const [open, retryAt, why, failures, prober, probeUntil] = out[at++] as Array<string | null>;
      const sync = target.sync;
      const key = sync.key;
      const away = sync.awayOpen;
      sync.awayOpen = undefined;
      const remoteRetryAt = Number(retryAt ?? 0);
      if (open === '1') {
        target.breaker.apply({ state: 'open', retryAt: remoteRetryAt, reason: why ?? 'opened by another instance', failures: Number(failures ?? 0) });
        if (prober && prober !== this.#instanceId && Number(probeUntil ?? 0) > now) target.breaker.apply({ state: 'probing' });
        if (away && away.retryAt > remoteRetryAt) push('o', key, String(away.retryAt), away.reason);
      } else if (away || (lost && target.breaker.state !== 'closed')) {
        const snap = target.breaker.snapshot();
        push('o', key, String(away?.retryAt ?? snap.retryAt ?? now), away?.reason ?? 'opened before Redis lost its data');
      } else {
        // The fleet closed it (or never opened it) while this instance was away.
        target.breaker.apply({ state: 'closed', reason: 'closed by another instance while this one was away from the shared state' });
        target.breaker.apply({ state: 'failures', failures: Number(failures ?? 0) });
      }
    }
    for (const view of views) {
      const [until, by, limit, loweredAt, refusedAt] = out[at++] as Array<string | null>;
      if (until !== null && Number(until) > now) view.exhaust({ until: Number(until), by: by ?? 'another instance' });
      const awayExhaustion = view.awayExhaustion;
      view.awayExhaustion = undefined;
      if (view.exhaustion && view.exhaustion.until > now && (lost || awayExhaustion !== undefined) && view.exhaustion.until > Number(until ?? 0)) {
        push('e', view.redisKey, String(view.exhaustion.until), view.exhaustion.by);
      }
      const awayLearned = view.awayLearned;
      view.awayLearned = undefined;
      if (limit !== null) {
        view.learned = { limit: Number(limit), successes: 0, loweredAt: Number(loweredAt ?? now), refusedAt: refusedAt === null || refusedAt === undefined ? undefined : Number(refusedAt) };
      } else if (view.learned && (awayLearned || lost)) {
        push('q', view.redisKey, String(view.learned.limit), String(view.learned.loweredAt), view.learned.refusedAt === undefined ? '' : String(view.learned.refusedAt));
      } else view.learned = undefined;
      if (view.learned || view.learnedHeld > 0) push('k', `${view.redisKey}#n`, String(view.learnedHeld));
    }
    for (const target of targets) {
      const values = out[at++] as unknown[];
      if (values.some((v) => v !== null)) target.stats.adopt(values);
      else if (target.stats.latencyMs !== undefined || target.stats.ttftMs !== undefined) {
        const s = target.stats;
        push('m', s.key, String(s.latencyMs ?? 0), s.latencyMs === undefined ? '0' : '1', String(s.ttftMs ?? 0), s.ttftMs === undefined ? '0' : '1', String(s.failureRate ?? 0), s.failureRate === undefined ? '0' : '1');
      }
      for (const [key, limitKey] of target.concurrencyKeys) push('k', key, String(this.counters.get(limitKey).inflight));
    }
    const oldest = Math.floor(now / 1000) - 60;
    const away = this.#away;
    this.#away = new Map();
    for (const [key, seconds] of away) for (const [second, amount] of seconds) if (second >= oldest) push('v', key, String(second), String(amount));
    const undo: Array<() => void> = [];
    for (const collect of this.#syncers) {
      const extra = collect(lost);
      for (const op of extra.ops) write.push(op);
      count += extra.count;
      if (extra.undo) undo.push(extra.undo);
    }
    if (count === 0) return;
    try {
      await this.link.run('b', write, true);
    } catch (error) {
      // Not written: kept for the next sync.
      for (const [key, seconds] of away) for (const [second, amount] of seconds) this.noteAway(key, second, amount);
      for (const fn of undo) fn();
      throw error;
    }
  }

  #message(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    const self = message.i === this.#instanceId;
    const target = this.#targets.get(message.k);
    if (target) {
      const breaker = target.breaker;
      switch (message.t) {
        case 'o':
          breaker.apply({ state: 'open', retryAt: Number(message.r), reason: self ? (message.why ?? 'opened') : `${message.why ?? 'opened'}, seen by instance ${message.i}`, failures: Number(message.f ?? 0) });
          break;
        case 'c':
          breaker.apply({ state: 'closed', reason: self ? (message.why ?? 'closed') : `${message.why ?? 'closed'} on instance ${message.i}` });
          break;
        case 'f':
          breaker.apply({ state: 'failures', failures: Number(message.f ?? 0) });
          break;
        case 'p':
          if (!self) breaker.apply({ state: 'probing' });
          break;
        case 'n':
          if (!self) breaker.apply({ state: 'released' });
          break;
      }
      return;
    }
    const view = this.#views.get(message.k);
    if (!view) return;
    if (message.t === 'e' && message.u !== undefined) view.exhaust({ until: Number(message.u), by: message.by ?? 'another instance' });
    else if (message.t === 'l') view.learned = message.lim === undefined ? undefined : { limit: Number(message.lim), successes: 0, loweredAt: Number(message.la ?? this.clock.now()), refusedAt: message.rf === undefined ? undefined : Number(message.rf) };
  }

  unavailable(): Error | undefined {
    if (this.onUnavailable !== 'fail' || this.link.status === 'up' || this.link.status === 'connecting') return undefined;
    return this.link.unavailableError();
  }

  ready(): Promise<void> | undefined {
    if (this.link.status !== 'connecting') return undefined;
    // Each call made while the store connects waits for the fleet's state at most timeoutMs, then goes on with this
    // process's own (under `fail`, fails).
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        if (this.onUnavailable === 'fail' && !this.link.up) reject(this.link.unavailableError(this.link.lastError ?? `not connected within ${this.#timeoutMs} ms (state.timeoutMs)`));
        else resolve();
      };
      const timer = setTimeout(done, this.#timeoutMs);
      void this.link.startup.then(done);
    });
  }

  budgetStore(initialSpend: Parameters<StateStore['budgetStore']>[0]): BudgetStore {
    this.#budgetStore ??= createRedisBudgetStore(this, initialSpend);
    return this.#budgetStore;
  }

  health(): StateHealth {
    const link = this.link;
    const health: StateHealth = {
      type: 'redis',
      source: link.up ? 'redis' : 'local',
      status: link.status,
      where: this.#where,
      keyPrefix: this.keyPrefix,
      onUnavailable: this.onUnavailable,
      since: link.since,
      instances: this.#instances,
      instanceId: this.#instanceId,
    };
    if (link.lastError !== undefined && !link.up) health.lastError = link.lastError;
    return health;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    // What this instance still holds goes back to the fleet, and it stops counting as alive.
    if (this.link.up) {
      const ops: string[] = [];
      let count = 0;
      for (const target of this.#targets.values()) for (const [key] of target.concurrencyKeys) (ops.push('k', key, '0'), count++);
      for (const view of this.#views.values()) if (view.learnedHeld > 0) (ops.push('k', `${view.redisKey}#n`, '0'), count++);
      ops.push('h', '0');
      count++;
      this.enqueue(ops, count);
    }
    this.#flush();
    await Promise.all([...this.#inflight]);
    await this.link.close();
  }
}

/**
 * Creates the state store of `state.type: redis`: circuit breakers, limits, provider signals, learned concurrency,
 * budgets and latency averages shared by every instance that uses the same Redis (or Valkey) and `keyPrefix`.
 * node-redis is loaded now, in the background; calls made before the fleet's state is loaded wait for it at most
 * `timeoutMs`. Throws `ConfigError` when `url` is not a Redis URL or node-redis is not installed.
 */
export function createRedisStateStore(config: RedisStateConfig, deps: { clock: Clock; emit: EmitEvent }): StateStore {
  const endpoint = parseRedisUrl(config.url);
  if ('problem' in endpoint) throw new ConfigError([{ path: 'state.url', message: endpoint.problem }]);
  return new RedisStateStore(config, endpoint.where, requireRedisClient(), deps.clock, deps.emit);
}
