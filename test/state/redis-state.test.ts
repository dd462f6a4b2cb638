import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.ts';
import { QuotaExhaustedError } from '../../src/errors/quota-exhausted-error.ts';
import { RateLimitError } from '../../src/errors/rate-limit-error.ts';
import { createSwitchyard, type Switchyard } from '../../src/switchyard.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { errors } from '../router/helpers/errors.ts';
import { createFakeProvider, fakeDefinition, type FakeProvider } from '../router/helpers/fake-provider.ts';
import { ask, collect, makeSwitchyard, type TestSwitchyard } from '../router/helpers/make-switchyard.ts';
import { eventually, hasRedisServer, inspector, REDIS_SKIP, startOwnRedis, TEST_REDIS_URL, uniquePrefix, watchScripts, type OwnRedis } from './helpers/redis-server.ts';

const request = (content = 'Hello'): ChatRequest => ({ model: 'chat', messages: ask(content), maxTokens: 100 });
const up = (t: { sy: Switchyard }) => eventually(() => t.sy.health().state.status === 'up', 'the shared state to be up');

/** A Switchyard over fakes with the metering its config asks for (budgets, a ledger), not a recording meter. */
function meteredSwitchyard(fakes: Record<string, FakeProvider>, config: Record<string, unknown> & { providers: Record<string, Record<string, unknown>> }): { sy: Switchyard } {
  const providers = Object.fromEntries(Object.entries(config.providers).map(([id, entry]) => [id, { type: 'fake', ...entry }]));
  return { sy: createSwitchyard({ ...config, providers }, { providers: [fakeDefinition(fakes)], env: {} }) };
}

function fleetConfig(prefix: string, url: string, extra: Record<string, unknown> = {}, state: Record<string, unknown> = {}) {
  return {
    providers: { a: {}, b: {} },
    models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }], circuitBreaker: { consecutiveFailures: 3, cooldownMs: 400 } } },
    state: { type: 'redis', url, keyPrefix: prefix, timeoutMs: 200, ...state },
    ...extra,
  };
}

describe('state: bad config', () => {
  it('should report a state.url that is not a Redis URL by its path, never printing the password', () => {
    const config = (url: string) => ({ providers: { a: { type: 'fake' } }, state: { type: 'redis', url } });
    const definitions = { providers: [fakeDefinition({ a: createFakeProvider('a', []) })] };
    for (const [url, message] of [
      ['http://:hunter22secret@cache.internal:6379', 'expected a redis:// or rediss:// URL such as redis://:password@redis.internal:6379/0, or rediss:// for TLS, found a http:// URL'],
      ['redis://:hunter22secret@cache.internal:6379/zero', "the URL's path must be a database number (redis://host:6379/0), found a path that is not one"],
      ['hunter22secret', 'expected a redis:// or rediss:// URL such as redis://:password@redis.internal:6379/0, or rediss:// for TLS; the value is not a URL (not shown: it may hold a password)'],
    ] as const) {
      const error = (() => {
        try {
          createSwitchyard(config(url), definitions);
        } catch (e) {
          return e;
        }
      })() as ConfigError;
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error.issues).toEqual([{ path: 'state.url', message }]);
      expect(String(error.message)).not.toContain('hunter22secret');
    }
  });

  it('should refuse unknown state keys and limits that are not positive integers', () => {
    const error = (() => {
      try {
        createSwitchyard(
          { providers: { a: { type: 'fake', limits: { requestsPerMinute: 0 } } }, models: { chat: { targets: [{ provider: 'a', model: 'm', limits: { maxConcurency: 2 } }], limits: { queueMs: -1 } } }, state: { type: 'redis', url: 'redis://localhost', timeout: 5 } },
          { providers: [fakeDefinition({ a: createFakeProvider('a', []) })] },
        );
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error.issues.map((i) => i.path).sort()).toEqual(['models.chat.limits.queueMs', 'models.chat.targets[0].limits.maxConcurency', 'providers.a.limits.requestsPerMinute', 'state.timeout']);
    expect(error.issues.find((i) => i.path === 'state.timeout')?.message).toContain('Did you mean "timeoutMs"?');
  });
});

describe.skipIf(!TEST_REDIS_URL)(`state.type: redis [${REDIS_SKIP}]`, () => {
  const url = TEST_REDIS_URL as string;
  let redis: Awaited<ReturnType<typeof inspector>>;
  const open: TestSwitchyard[] = [];
  const make = (fakes: Record<string, FakeProvider>, config: Parameters<typeof makeSwitchyard>[1]) => {
    const t = makeSwitchyard(fakes, config);
    open.push(t);
    return t;
  };
  const metered = (fakes: Record<string, FakeProvider>, config: Parameters<typeof meteredSwitchyard>[1]) => {
    const t = meteredSwitchyard(fakes, config);
    open.push(t as TestSwitchyard);
    return t;
  };
  beforeAll(async () => {
    redis = await inspector(url);
  });
  afterAll(async () => {
    await Promise.all(open.map((t) => t.sy.close()));
    await redis.close();
  });

  it('should show where the shared state comes from in health(), without the password', async () => {
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const t = make({ a, b: createFakeProvider('b', []) }, fleetConfig(uniquePrefix('health'), url));
    await up(t);
    const health = t.sy.health();
    expect(health.state).toMatchObject({ type: 'redis', source: 'redis', status: 'up', onUnavailable: 'local', instances: 1 });
    expect(health.state.where).toMatch(/^127\.0\.0\.1:\d+\/0$/);
    expect(health.targets[0]).toMatchObject({ source: 'redis', state: 'closed' });
    const password = new URL(url).password;
    if (password) expect(JSON.stringify(health)).not.toContain(password);
  });

  it('should open a circuit for every instance, and let exactly one of them probe it', async () => {
    const prefix = uniquePrefix('circuit');
    const a = createFakeProvider('a', [{ type: 'error', error: errors.unavailable('a') }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const one = make({ a, b }, fleetConfig(prefix, url));
    const two = make({ a, b }, fleetConfig(prefix, url));
    await Promise.all([up(one), up(two)]);
    for (let i = 0; i < 3; i++) await one.sy.chat(request());
    expect(a.calls).toHaveLength(3);
    await eventually(() => two.sy.health().targets[0]?.state === 'open', 'the circuit to open on the second instance');
    const result = await two.sy.chat(request());
    expect(result.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'skipped' });
    expect(result.attempts?.[0]?.reason).toMatch(/^circuit open until .*3 consecutive failures across the fleet/);
    expect(a.calls).toHaveLength(3);
    expect(two.eventsNamed('circuit-open')).toHaveLength(1);
    // After the cooldown both try at once: one probe reaches the target, the other instance skips it.
    await new Promise((r) => setTimeout(r, 450));
    const both = await Promise.all([one.sy.chat(request()), two.sy.chat(request()), one.sy.chat(request()), two.sy.chat(request())]);
    expect(a.calls).toHaveLength(4);
    expect(both.every((r) => r.provider === 'b')).toBe(true);
    // The probe failed: open again everywhere, for another cooldown.
    await eventually(() => one.sy.health().targets[0]?.state === 'open' && two.sy.health().targets[0]?.state === 'open', 'the circuit to reopen');
  });

  it('should open the circuit of a target out of credits for quotaCooldownMs on every instance, not for cooldownMs', async () => {
    const prefix = uniquePrefix('quota');
    const noCredits = new QuotaExhaustedError('a (gpt-4o) answered HTTP 402 insufficient_quota: You exceeded your current quota, please check your plan and billing details', { status: 402, provider: 'a', providerCode: 'insufficient_quota', retryable: false });
    const a = createFakeProvider('a', [{ type: 'error', error: noCredits }, { type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const config = fleetConfig(prefix, url);
    (config.models.chat.circuitBreaker as Record<string, number>).quotaCooldownMs = 60_000;
    const one = make({ a, b }, config);
    const two = make({ a, b }, config);
    await Promise.all([up(one), up(two)]);
    const before = Date.now();
    // One 402 on the first instance: open at once (not after consecutiveFailures), fleet-wide.
    const first = await one.sy.chat(request());
    expect(first.provider).toBe('b');
    expect(first.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'error', errorCode: 'quota_exhausted' });
    await eventually(() => two.sy.health().targets[0]?.state === 'open', 'the circuit to open on the second instance');
    const seen = two.sy.health().targets[0];
    expect(seen?.retryAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(seen?.retryAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(two.eventsNamed('circuit-open')).toEqual([expect.objectContaining({ provider: 'a', reason: expect.stringMatching(/^credits or quota exhausted, seen by instance /) })]);
    expect(await redis.hGet(`${prefix}c:chat/a/gpt-4o`, 'why')).toBe('credits or quota exhausted');
    // Well past cooldownMs (400 ms): still skipped everywhere, with no request to it and no probe.
    await new Promise((r) => setTimeout(r, 500));
    const later = await Promise.all([one.sy.chat(request()), two.sy.chat(request())]);
    for (const result of later) {
      expect(result.provider).toBe('b');
      expect(result.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'skipped' });
      expect(result.attempts?.[0]?.reason).toMatch(/^circuit open until \S+ \(credits or quota exhausted/);
    }
    expect(a.calls).toHaveLength(1);
  });

  it('should hold a stream\'s maxConcurrency slot fleet-wide while it is open, and give it back when it ends', async () => {
    const prefix = uniquePrefix('stream-slot');
    const a = createFakeProvider('a', [{ type: 'text', text: 'one two three four', chunks: 4 }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const config = { ...fleetConfig(prefix, url), providers: { a: { limits: { maxConcurrency: 1 } }, b: {} } };
    const one = make({ a, b }, config);
    const two = make({ a, b }, config);
    await Promise.all([up(one), up(two)]);
    const open = one.sy.stream(request())[Symbol.asyncIterator]();
    expect(await open.next()).toMatchObject({ value: { type: 'text-delta' } });
    const elsewhere = await collect(two.sy.stream(request()));
    const finish = elsewhere.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish.provider).toBe('b');
    expect(finish.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'skipped', limit: { name: 'maxConcurrency' } });
    expect(finish.attempts?.[0]?.reason).toContain('1 requests in flight across the fleet');
    // The caller stops reading: the slot goes back (batched, off the request path), and the other instance gets it.
    await open.return?.();
    await eventually(async () => (await redis.hGet(`${prefix}l:p/a:c`, '_t')) === '0', 'the slot to be given back');
    const after = await collect(two.sy.stream(request()));
    expect((after.at(-1) as Extract<StreamPart, { type: 'finish' }>).provider).toBe('a');
  });

  it('should count requestsPerMinute across instances', async () => {
    const prefix = uniquePrefix('rpm');
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const config = { ...fleetConfig(prefix, url), providers: { a: { limits: { requestsPerMinute: 5 } }, b: {} } };
    const one = make({ a, b }, config);
    const two = make({ a, b }, config);
    await Promise.all([up(one), up(two)]);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : two).sy.chat(request())));
    expect(a.calls).toHaveLength(5);
    expect(results.filter((r) => r.provider === 'a')).toHaveLength(5);
    const skipped = results.find((r) => r.provider === 'b')?.attempts?.[0];
    expect(skipped?.limit).toMatchObject({ name: 'requestsPerMinute', scope: 'provider', path: 'providers.a.limits' });
    expect(skipped?.reason).toMatch(/^limit: requestsPerMinute \(5\) of provider a reached \(providers\.a\.limits\): 5 requests in the last minute across the fleet; capacity frees in \d+ ms$/);
  });

  it('should keep a hard budget exact across instances without PostgreSQL', async () => {
    const prefix = uniquePrefix('budget');
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a', delayMs: 100, usage: { inputTokens: 100, outputTokens: 100 } }]);
    // 'x' * 92 with its message overhead is 100 worst-case input tokens, plus maxTokens 100: 200 tokens at 10 USD per million.
    const config = {
      ...fleetConfig(prefix, url),
      models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }] } },
      providers: { a: { prices: { 'gpt-4o': { input: 10, output: 10 } } } },
      budgets: [{ name: 'shared', provider: 'a', period: 'day', limitUsd: 0.02 }],
      ledger: { type: 'memory' },
    };
    const one = metered({ a }, config);
    const two = metered({ a }, config);
    await Promise.all([up(one), up(two)]);
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).sy.chat({ model: 'chat', messages: ask('x'.repeat(92)), maxTokens: 100 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'budget_exceeded')).toBe(true);
    await Promise.all([one.sy.close(), two.sy.close()]);
    const keys = await redis.keys(`${prefix}b:*`);
    expect(keys).toHaveLength(1);
    const period = await redis.hGetAll(keys[0] as string);
    // Settled: the ten calls' real cost, no reservation left open.
    expect(period).toEqual({ s: '20000000' });
  });

  it('should skip a target another instance heard was exhausted, until its reset', async () => {
    const prefix = uniquePrefix('signal');
    const limited = errors.rateLimit('a', 2000);
    const a = createFakeProvider('a', [{ type: 'error', error: limited }, { type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const one = make({ a, b }, fleetConfig(prefix, url));
    const two = make({ a, b }, fleetConfig(prefix, url));
    await Promise.all([up(one), up(two)]);
    expect((await one.sy.chat(request())).provider).toBe('b');
    await eventually(() => two.sy.health().targets[0]?.limits?.exhaustedBy === '429 retry-after 2000 ms', 'the signal to reach the second instance');
    const result = await two.sy.chat(request());
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]?.limit).toMatchObject({ name: 'providerSignal', path: '429 retry-after 2000 ms' });
    expect(a.calls).toHaveLength(1);
  });

  it('should share latency averages, so that a new instance knows them from its first call', async () => {
    const prefix = uniquePrefix('latency');
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a', delayMs: 30 }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const config = { ...fleetConfig(prefix, url), models: { chat: { strategy: 'least-latency', targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }] } } };
    const one = make({ a, b }, config);
    await up(one);
    for (let i = 0; i < 4; i++) await one.sy.chat(request());
    await eventually(async () => (await redis.hGet(`${prefix}s:chat/a/gpt-4o`, 'lat')) !== null && (await redis.hGet(`${prefix}s:chat/b/gpt-4o`, 'lat')) !== null, 'the averages to be merged');
    const late = make({ a, b }, config);
    await up(late);
    const [fast, slow] = [late.sy.health().targets[1]?.latencyMs ?? Infinity, late.sy.health().targets[0]?.latencyMs ?? -1];
    expect(slow).toBeGreaterThanOrEqual(25);
    expect(fast).toBeLessThan(slow);
    expect((await late.sy.chat(request())).provider).toBe('b');
  });

  it('should lower the learned concurrency for the whole fleet', async () => {
    const prefix = uniquePrefix('aimd');
    const refusal = () => new (errors.rateLimit('a').constructor as typeof import('../../src/errors/rate-limit-error.ts').RateLimitError)('a (llama) answered HTTP 429: Concurrency limit reached for requests', { status: 429, provider: 'a', retryable: true, kind: 'concurrency' });
    const a = createFakeProvider('a', [{ type: 'error', error: refusal() }, { type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const one = make({ a, b }, fleetConfig(prefix, url));
    const two = make({ a, b }, fleetConfig(prefix, url));
    await Promise.all([up(one), up(two)]);
    expect((await one.sy.chat(request())).provider).toBe('b');
    await eventually(() => two.sy.health().targets[0]?.limits?.learnedMaxConcurrency === 1, 'the learned limit to reach the second instance');
    expect(await redis.hGet(`${prefix}v:a/gpt-4o`, 'lim')).toBe('1');
    // What was in flight fleet-wide when it refused (as this instance estimated it): growing back to it goes slowly.
    expect(await redis.hGet(`${prefix}v:a/gpt-4o`, 'rf')).toMatch(/^[12]$/);
    // One slot fleet-wide: of two calls at once on the second instance, one goes to a, the other is skipped.
    const slow = createFakeProvider('a', [{ type: 'text', text: 'from a', delayMs: 50 }]);
    a.chat = slow.chat.bind(slow);
    const results = await Promise.all([two.sy.chat(request()), two.sy.chat(request())]);
    expect(results.map((r) => r.provider).sort()).toEqual(['a', 'b']);
    expect(results.find((r) => r.provider === 'b')?.attempts?.[0]?.limit?.name).toBe('learnedConcurrency');
    expect(one.sy.health().targets[0]?.state).toBe('closed');
  });

  it('should grow a learned concurrency back to the level that was refused only after PROBE_ROUNDS rounds of successes, fleet-wide', async () => {
    const prefix = uniquePrefix('aimd-probe');
    const refusal = new RateLimitError('a (llama) answered HTTP 429: Concurrency limit reached for requests', { status: 429, provider: 'a', retryable: true, kind: 'concurrency' });
    const a = createFakeProvider('a', [{ type: 'error', error: refusal }, { type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const one = make({ a, b }, fleetConfig(prefix, url));
    await up(one);
    expect((await one.sy.chat(request())).provider).toBe('b');
    const key = `${prefix}v:a/gpt-4o`;
    await eventually(async () => (await redis.hGet(key, 'lim')) === '1', 'the learned limit to be written');
    expect(await redis.hGet(key, 'rf')).toBe('1');
    // One in flight was refused, the limit is 1: one more (back at the refused level) only after 8 rounds of 1 success.
    for (let i = 0; i < 7; i++) expect((await one.sy.chat(request())).provider).toBe('a');
    await eventually(async () => (await redis.hGet(key, 'sc')) === '7', 'the successes to be counted');
    expect(await redis.hGet(key, 'lim')).toBe('1');
    await one.sy.chat(request());
    await eventually(async () => (await redis.hGet(key, 'lim')) === '2', 'the limit to grow');
    expect(await redis.hGet(key, 'sc')).toBe('0');
  });
});

describe.skipIf(!TEST_REDIS_URL || !hasRedisServer())(`state.type: redis when Redis is down, slow, or restarted [${REDIS_SKIP}, and redis-server]`, () => {
  let own: OwnRedis;
  const open: TestSwitchyard[] = [];
  const make = (fakes: Record<string, FakeProvider>, config: Parameters<typeof makeSwitchyard>[1]) => {
    const t = makeSwitchyard(fakes, config);
    open.push(t);
    return t;
  };
  beforeAll(async () => {
    own = await startOwnRedis();
  });
  afterAll(async () => {
    await Promise.all(open.map((t) => t.sy.close()));
    await own.stop();
  });

  it('should make no round trip before the attempt of a call without limits or budget, and exactly one for a call with both', async () => {
    const watch = await watchScripts(own.url);
    const seenAtAttempt: string[][] = [];
    const plainPrefix = uniquePrefix('plain');
    const limitedPrefix = uniquePrefix('limited');
    let prefix = plainPrefix;
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a', usage: { inputTokens: 10, outputTokens: 5 } }]);
    const answer = a.chat.bind(a);
    a.chat = async (req) => {
      // MONITOR reports a command on its own connection: give it a moment to arrive.
      await new Promise((r) => setTimeout(r, 20));
      seenAtAttempt.push(watch.of(prefix));
      return answer(req);
    };
    const b = createFakeProvider('b', []);
    const plain = meteredSwitchyard({ a, b }, { ...fleetConfig(plainPrefix, own.url), ledger: { type: 'none' } });
    const limited = meteredSwitchyard({ a, b }, {
      ...fleetConfig(limitedPrefix, own.url),
      providers: { a: { limits: { requestsPerMinute: 1000, maxConcurrency: 50 }, prices: { 'gpt-4o': { input: 1, output: 1 } } }, b: {} },
      budgets: [{ provider: 'a', period: 'day', limitUsd: 100 }],
      ledger: { type: 'memory' },
    });
    try {
      await Promise.all([up(plain), up(limited)]);
      for (const [t, p] of [[plain, plainPrefix], [limited, limitedPrefix]] as const) {
        prefix = p;
        // The first budget call of a day loads the period from the ledger: measured from the second call on.
        await t.sy.chat(request());
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setTimeout(r, 30));
          const before = watch.of(p).length;
          seenAtAttempt.length = 0;
          await t.sy.chat(request());
          const sent = (seenAtAttempt[0] as string[]).slice(before);
          if (t === plain) expect(sent.filter((mode) => mode === 'g')).toEqual([]);
          else expect(sent.filter((mode) => mode === 'g')).toEqual(['g']);
        }
      }
      // Apart from admissions, a store sends only batches off the request path (settlements, heartbeats, averages).
      expect(watch.of(plainPrefix).filter((mode) => mode !== 'b')).toEqual([]);
      expect(watch.of(plainPrefix).length).toBeLessThan(12);
    } finally {
      await Promise.all([plain.sy.close(), limited.sy.close()]);
      await watch.close();
    }
  });

  it('should serve calls with its own state when Redis is down at start, with one warning, and share again once it is there', async () => {
    const later = await startOwnRedis();
    const port = later.port;
    await later.stop();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const t = make({ a, b }, { ...fleetConfig(uniquePrefix('down'), `redis://127.0.0.1:${port}`), providers: { a: { limits: { requestsPerMinute: 100 } }, b: {} } });
    const results = await Promise.all(Array.from({ length: 5 }, () => t.sy.chat(request())));
    expect(results.every((r) => r.provider === 'a')).toBe(true);
    expect(t.sy.health().state).toMatchObject({ source: 'local', status: 'down' });
    await eventually(() => t.eventsNamed('warning').length > 0, 'the warning');
    expect(t.eventsNamed('warning')).toEqual([expect.objectContaining({ code: 'state-unavailable' })]);
    expect(String(t.eventsNamed('warning')[0]?.message)).toContain('is unreachable at start');
    const server = await startOwnRedis(port);
    try {
      await eventually(() => t.sy.health().state.status === 'up', 'the store to reconnect');
      expect(t.eventsNamed('warning').map((w) => w.code)).toEqual(['state-unavailable', 'state-recovered']);
      expect((await t.sy.chat(request())).provider).toBe('a');
      // Its own count was written back: 6 of the minute's requests.
      const check = await inspector(server.url);
      const key = (await check.keys('*l:p/a:r'))[0] as string;
      expect(Number(await check.hGet(key, '_t'))).toBe(6);
      await check.close();
    } finally {
      await t.sy.close();
      await server.stop();
    }
  });

  it('should fail calls with state_unavailable at once under onUnavailable: fail', async () => {
    const gone = await startOwnRedis();
    const port = gone.port;
    await gone.stop();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const t = make({ a, b: createFakeProvider('b', []) }, fleetConfig(uniquePrefix('fail'), `redis://127.0.0.1:${port}`, {}, { onUnavailable: 'fail' }));
    const started = Date.now();
    await expect(t.sy.chat(request())).rejects.toMatchObject({ code: 'state_unavailable', name: 'StateUnavailableError' });
    await expect(t.sy.chat(request())).rejects.toMatchObject({ code: 'state_unavailable' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(a.calls).toHaveLength(0);
  });

  it('should carry on when Redis stops answering, bounded by timeoutMs, and catch up when it answers again', async () => {
    const prefix = uniquePrefix('slow');
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const t = make({ a, b }, { ...fleetConfig(prefix, own.url, {}, { timeoutMs: 100 }), providers: { a: { limits: { requestsPerMinute: 1000 } }, b: {} } });
    await up(t);
    own.pause();
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => t.sy.chat(request())));
      expect(results.every((r) => r.provider === 'a')).toBe(true);
      expect(t.sy.health().state.source).toBe('local');
      expect(t.eventsNamed('warning').map((w) => w.code)).toEqual(['state-unavailable']);
      expect(String(t.eventsNamed('warning')[0]?.message)).toContain('did not answer within 100 ms (state.timeoutMs)');
    } finally {
      own.resume();
    }
    await eventually(() => t.sy.health().state.status === 'up', 'the store to catch up');
    expect(t.eventsNamed('warning').map((w) => w.code)).toEqual(['state-unavailable', 'state-recovered']);
  });

  it('should write its state back when Redis restarts with its data lost', async () => {
    const prefix = uniquePrefix('restart');
    const a = createFakeProvider('a', [{ type: 'error', error: errors.unavailable('a') }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const config = { ...fleetConfig(prefix, own.url), models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }], circuitBreaker: { consecutiveFailures: 2, cooldownMs: 60_000 } } } };
    const one = make({ a, b }, config);
    await up(one);
    await one.sy.chat(request());
    await one.sy.chat(request());
    expect(one.sy.health().targets[0]?.state).toBe('open');
    await own.kill();
    await own.restart();
    await eventually(() => one.eventsNamed('warning').some((w) => w.code === 'state-recovered'), 'the store to reconnect');
    // A new instance learns of the open circuit from Redis, which had lost it: the first instance wrote it back.
    const fresh = make({ a, b }, config);
    await up(fresh);
    expect(fresh.sy.health().targets[0]?.state).toBe('open');
    expect((await fresh.sy.chat(request())).attempts?.[0]?.outcome).toBe('skipped');
    expect(a.calls).toHaveLength(2);
  });
});
