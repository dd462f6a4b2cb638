import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/router/route-table.ts';
import type { CallOutcome, WorkerCommand } from './fixtures/fleet-worker.ts';
import { startFakeOpenAIServer, type FakeOpenAIServer } from './helpers/fake-openai-server.ts';
import { hasRedisServer, inspector, REDIS_SKIP, startOwnRedis, TEST_REDIS_URL, uniquePrefix, type OwnRedis } from './helpers/redis-server.ts';

type Command = WorkerCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

/** One instance of the fleet: a child process running test/state/fixtures/fleet-worker.ts. */
class Instance {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #next = 1;
  readonly ready: Promise<void>;

  constructor() {
    this.#child = fork(join(import.meta.dirname, 'fixtures', 'fleet-worker.ts'), [], { execPath: process.execPath, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve, reject) => {
      this.#child.once('error', reject);
      this.#child.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (message.ready) return resolve();
        const pending = this.#pending.get(message.id as number);
        if (!pending) return;
        this.#pending.delete(message.id as number);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(new Error(`fleet worker failed: ${message.error}`));
      });
    });
  }

  send<T>(command: Command): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ ...command, id });
    });
  }

  run = (calls: number, concurrency: number) => this.send<CallOutcome[]>({ type: 'run', calls, concurrency });
  health = () => this.send<HealthReport>({ type: 'health' });
  warnings = () => this.send<Array<{ code: string; message: string }>>({ type: 'warnings' });

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null) return resolve();
      this.#child.once('exit', () => resolve());
      this.#child.disconnect();
    });
  }
}

const MODEL = 'gpt-4o-2024-08-06';

describe.skipIf(!TEST_REDIS_URL || !hasRedisServer())(`a fleet of three processes sharing one Redis [${REDIS_SKIP}, and redis-server]`, { timeout: 90_000 }, () => {
  let redis: OwnRedis;
  let fake: FakeOpenAIServer;
  let fleet: Instance[];
  const primary = () => fake.target('primary');
  const fallback = () => fake.target('fallback');

  /** The config every instance gets: a primary with a fallback, on the fake server, sharing state through Redis. */
  function config(prefix: string, { primaryExtra = {}, alias = {}, state = {}, extra = {} }: { primaryExtra?: Record<string, unknown>; alias?: Record<string, unknown>; state?: Record<string, unknown>; extra?: Record<string, unknown> } = {}) {
    return {
      providers: {
        primary: { type: 'openai', apiKey: 'sk-fleet-primary-0123456789', baseURL: `${fake.origin}/primary/v1`, ...primaryExtra },
        fallback: { type: 'openai', apiKey: 'sk-fleet-fallback-0123456789', baseURL: `${fake.origin}/fallback/v1` },
      },
      models: { chat: { targets: [{ provider: 'primary', model: MODEL }, { provider: 'fallback', model: MODEL }], ...alias } },
      // Loopback Redis answers in well under a millisecond; the tests run on a busy machine, where a process may stall
      // longer than the default 50 ms, and an instance that times out goes on alone for a moment (which is right, but
      // would blur what each test measures).
      state: { type: 'redis', url: redis.url, keyPrefix: prefix, timeoutMs: 1_000, ...state },
      ledger: { type: 'none' },
      ...extra,
    };
  }
  const createAll = (cfg: Record<string, unknown>, waitUp = true) => Promise.all(fleet.map((i) => i.send<HealthReport>({ type: 'create', config: cfg, waitUp })));
  const all = <T>(fn: (i: Instance, n: number) => Promise<T>) => Promise.all(fleet.map(fn));

  beforeAll(async () => {
    [redis, fake] = await Promise.all([startOwnRedis(), startFakeOpenAIServer()]);
    fleet = [new Instance(), new Instance(), new Instance()];
    await Promise.all(fleet.map((i) => i.ready));
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await Promise.all((fleet ?? []).map((i) => i.stop()));
    await Promise.all([redis?.stop(), fake?.close()]);
  });

  it('should open the primary\'s circuit fleet-wide after consecutiveFailures, then let exactly one probe through', async () => {
    primary().mode = '503';
    await createAll(config(uniquePrefix('breaker'), { alias: { circuitBreaker: { consecutiveFailures: 5, cooldownMs: 3_000 } } }));
    const first = (await all((i) => i.run(20, 1))).flat();
    expect(first.every((c) => c.ok && c.provider === 'fallback')).toBe(true);
    // One in flight per instance when the circuit opens, at most.
    expect(primary().requests).toBeGreaterThanOrEqual(5);
    expect(primary().requests).toBeLessThanOrEqual(5 + 3);
    const opened = primary().requests;
    for (const health of await all((i) => i.health())) expect(health.targets[0]).toMatchObject({ provider: 'primary', state: 'open', source: 'redis' });
    // After the cooldown, all three call at once: one instance sends the probe, the others keep skipping.
    await new Promise((r) => setTimeout(r, 3_200));
    const second = (await all((i) => i.run(10, 2))).flat();
    expect(second.every((c) => c.ok && c.provider === 'fallback')).toBe(true);
    expect(primary().requests - opened).toBe(1);
  });

  it('should keep the primary within requestsPerMinute across the fleet, without a 429 from it', async () => {
    primary().ownRpm = 60;
    await createAll(config(uniquePrefix('rpm'), { primaryExtra: { limits: { requestsPerMinute: 60 } } }));
    const outcomes = (await all((i) => i.run(100, 5))).flat();
    expect(outcomes).toHaveLength(300);
    expect(outcomes.every((c) => c.ok)).toBe(true);
    expect(primary().requests).toBeLessThanOrEqual(60);
    expect(primary().requests).toBeGreaterThan(0);
    expect(primary().statuses.filter((s) => s === 429)).toEqual([]);
    expect(fallback().requests).toBe(300 - primary().requests);
    expect(outcomes.filter((c) => c.provider === 'fallback').every((c) => c.attempts[0]?.limit === 'requestsPerMinute')).toBe(true);
  });

  it('should never have more than maxConcurrency requests in flight at the primary from the whole fleet', async () => {
    primary().delayMs = 40;
    await createAll(config(uniquePrefix('concurrency'), { primaryExtra: { limits: { maxConcurrency: 4 } } }));
    const outcomes = (await all((i) => i.run(40, 6))).flat();
    expect(outcomes.every((c) => c.ok)).toBe(true);
    expect((await all((i) => i.warnings())).flat().filter((w) => w.code.startsWith('state-'))).toEqual([]);
    expect(primary().peak).toBeLessThanOrEqual(4);
    expect(primary().peak).toBeGreaterThan(0);
    expect(fallback().requests).toBeGreaterThan(0);
  });

  it('should serve exactly the 10 calls a hard budget fits, of 200 concurrent calls, without PostgreSQL', async () => {
    primary().delayMs = 200;
    primary().usage = { prompt_tokens: 100, completion_tokens: 100 };
    // Each call may cost up to 100 input tokens ('x' * 92 and its framing) plus maxTokens 100, at 10 USD per million: 0.002 USD.
    const cfg = config(uniquePrefix('budget'), {
      primaryExtra: { prices: { [MODEL]: { input: 10, output: 10 } } },
      alias: { targets: [{ provider: 'primary', model: MODEL }] },
      extra: { budgets: [{ name: 'fleet', provider: 'primary', period: 'day', limitUsd: 0.02 }], ledger: { type: 'memory' } },
    });
    await createAll(cfg);
    const outcomes = (await all((i, n) => i.run(n === 2 ? 66 : 67, 67))).flat();
    expect(outcomes).toHaveLength(200);
    expect(outcomes.filter((c) => c.ok)).toHaveLength(10);
    expect(outcomes.filter((c) => !c.ok).map((c) => c.code)).toEqual(Array(190).fill('budget_exceeded'));
    expect(primary().requests).toBe(10);
  });

  it('should make the other instances skip a target that answered 429 with no requests left, until its reset', async () => {
    primary().mode = '429-once';
    primary().resetSeconds = 4;
    await createAll(config(uniquePrefix('signal')));
    const [one, two, three] = fleet as [Instance, Instance, Instance];
    const [first] = await one.run(1, 1);
    expect(first).toMatchObject({ ok: true, provider: 'fallback' });
    expect(primary().statuses).toEqual([429]);
    const others = [...(await two.run(5, 1)), ...(await three.run(5, 1))];
    expect(others.every((c) => c.ok && c.provider === 'fallback' && c.attempts[0]?.limit === 'providerSignal')).toBe(true);
    expect(primary().requests).toBe(1);
    const waited = Date.now() - (primary().times[0] as number);
    await new Promise((r) => setTimeout(r, Math.max(0, 4_100 - waited)));
    const [after] = await two.run(1, 1);
    expect(after).toMatchObject({ ok: true, provider: 'primary' });
    expect(primary().requests).toBe(2);
  });

  it('should keep serving calls while Redis is killed and restarted, warn once each way, and share the state again after', async () => {
    const prefix = uniquePrefix('outage');
    await createAll(config(prefix, { primaryExtra: { limits: { requestsPerMinute: 100_000 } }, alias: { circuitBreaker: { consecutiveFailures: 5, cooldownMs: 60_000 } } }));
    const looping = all((i) => i.send<CallOutcome[]>({ type: 'loop', ms: 3_000, concurrency: 2 }));
    await new Promise((r) => setTimeout(r, 700));
    await redis.kill();
    await new Promise((r) => setTimeout(r, 800));
    await redis.restart();
    const outcomes = (await looping).flat();
    expect(outcomes.length).toBeGreaterThan(30);
    expect(outcomes.filter((c) => !c.ok)).toEqual([]);
    for (const i of fleet) {
      const deadline = Date.now() + 10_000;
      while ((await i.health()).state.status !== 'up' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await i.health()).state).toMatchObject({ source: 'redis', status: 'up', instances: 3 });
      expect((await i.warnings()).map((w) => w.code).filter((code) => code.startsWith('state-'))).toEqual(['state-unavailable', 'state-recovered']);
    }
    // Shared again: the fleet counts the primary's failures together.
    primary().mode = '503';
    const before = primary().requests;
    await all((i) => i.run(10, 1));
    expect(primary().requests - before).toBeLessThanOrEqual(5 + 3);
    const check = await inspector(redis.url);
    expect(await check.hGet(`${prefix}c:chat/primary/${MODEL}`, 'o')).toBe('1');
    await check.close();
  });

  it('should fail calls with state_unavailable within timeoutMs under onUnavailable: fail when Redis is killed', async () => {
    // A limit on the primary: every call needs the shared state.
    await createAll(config(uniquePrefix('fail'), { primaryExtra: { limits: { requestsPerMinute: 100_000 } }, state: { onUnavailable: 'fail', timeoutMs: 100 }, alias: { timeouts: { totalMs: 30_000 } } }));
    await redis.kill();
    try {
      const outcomes = (await all((i) => i.run(5, 1))).flat();
      expect(outcomes.map((c) => c.code)).toEqual(Array(15).fill('state_unavailable'));
      // Bounded by the state's timeout, far from the call's own 30 s deadline.
      expect(Math.max(...outcomes.map((c) => c.elapsedMs))).toBeLessThan(2_000);
      expect(primary().requests).toBe(0);
    } finally {
      await redis.restart();
    }
  });
});
