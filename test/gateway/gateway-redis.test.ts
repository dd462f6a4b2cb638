import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/gateway/create-gateway.ts';
import type { Gateway } from '../../src/gateway/gateway-options.ts';
import { createSwitchyard, type Switchyard } from '../../src/switchyard.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { eventually, inspector, REDIS_SKIP, TEST_REDIS_URL, uniquePrefix } from '../state/helpers/redis-server.ts';
import { useMockUpstreams } from './helpers/start-gateway.ts';

const upstreams = useMockUpstreams(1);
const SERVED = 'gpt-4o-2024-08-06';
const ACME_KEY = 'sy-acme-redis-key-0a1b2c3d';
const GLOBEX_KEY = 'sy-globex-redis-key-4e5f6a7b';
let running: Array<{ sy: Switchyard; gateway: Gateway }> = [];

afterEach(async () => {
  for (const { sy, gateway } of running) {
    await gateway.close();
    await sy.close();
  }
  running = [];
});

/** One gateway replica: its own Switchyard (budgets in Redis, an in-memory ledger), on its own port. */
async function replica(prefix: string) {
  const upstream = upstreams[0];
  if (!upstream || !TEST_REDIS_URL) throw new Error('no upstream or Redis');
  const sy = createSwitchyard(
    {
      providers: { main: { type: 'openai', apiKey: 'sk-upstream-0000000000', baseURL: `${upstream.origin}/v1` } },
      models: { chat: { targets: [{ provider: 'main', model: SERVED }] } },
      ledger: { type: 'memory' },
      state: { type: 'redis', url: TEST_REDIS_URL, keyPrefix: prefix, timeoutMs: 2000 },
      gateway: {
        keys: [
          // $0.0125 a call (1,000 tokens in at $2.50 and 1,000 out at $10 per million): the first call spends it.
          { key: '${ACME_KEY}', name: 'acme', tags: { tenant: 'acme' }, budgets: [{ period: 'day', limitUsd: 0.012 }] },
          { key: '${GLOBEX_KEY}', name: 'globex', tags: { tenant: 'globex' } },
        ],
      },
    },
    { env: { ACME_KEY, GLOBEX_KEY }, telemetry: false },
  );
  const gateway = createGateway(sy);
  running.push({ sy, gateway });
  const { url } = await gateway.listen(0, '127.0.0.1');
  return { sy, url, client: (key: string) => new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 }) };
}

const ask = (client: OpenAI) => client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 10 });

describe.skipIf(!TEST_REDIS_URL)(`gateway replicas sharing Redis (state.type: redis) [${REDIS_SKIP}]`, () => {
  it("should enforce a key's budget across replicas: spent on one, refused on the other, other keys unaffected", { timeout: 20_000 }, async () => {
    upstreams[0]?.use(...createOpenAIMock({ baseURL: `${upstreams[0]?.origin}/v1`, script: { type: 'text', text: 'Hello', usage: { inputTokens: 1000, outputTokens: 1000 } }, servedModel: SERVED }).handlers);
    const prefix = uniquePrefix('gateway-budget');
    const a = await replica(prefix);
    const b = await replica(prefix);
    const { response } = await ask(a.client(ACME_KEY)).withResponse();
    expect(response.headers.get('x-switchyard-cost-usd')).toBe('0.012500000');
    // The spend is in Redis, where the other replica reads it.
    const redis = await inspector(TEST_REDIS_URL as string);
    try {
      const keys = await redis.keys(`${prefix}b:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.destroy();
    }
    const refused = await ask(b.client(ACME_KEY)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe('insufficient_quota');
    expect(error.message).toContain('key acme, per day');
    expect(error.headers.get('x-should-retry')).toBe('false');
    expect(Number(error.headers.get('retry-after'))).toBeGreaterThan(0);
    // The other key has no budget and goes through on either replica.
    expect((await ask(b.client(GLOBEX_KEY))).choices[0]?.message.content).toBe('Hello');

    // /metrics says where the state comes from and how many replicas share it (counted from heartbeats, every 3 s).
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toContain('switchyard_state_source{type="redis",source="redis"} 1');
    expect(metrics).toContain('switchyard_state_up 1');
    expect(metrics).toMatch(/^switchyard_state_instances [1-9]$/m);
    expect(metrics).toMatch(/^switchyard_budget_events_total\{budget="key acme, per day",action="block(ed)?"\} 1$/m);
    await eventually(async () => /^switchyard_state_instances 2$/m.test(await (await fetch(`${a.url}/metrics`)).text()), 'replica a counts both replicas', 8_000);
  });
});
