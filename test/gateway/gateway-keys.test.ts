import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/errors/config-error.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { startGateway, useMockUpstreams, type TestGateway } from './helpers/start-gateway.ts';

const upstreams = useMockUpstreams(1);
const SERVED = 'gpt-4o-2024-08-06';
const ACME_KEY = 'sy-acme-4f9c2d7e1b8a6053';
const GLOBEX_KEY = 'sy-globex-9a1b7c3d5e2f4061';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

function config(origin: string, extra: Record<string, unknown> = {}) {
  return {
    providers: { main: { type: 'openai', apiKey: 'sk-upstream-secret-0001', baseURL: `${origin}/v1` } },
    models: {
      chat: { targets: [{ provider: 'main', model: SERVED }] },
      embed: { targets: [{ provider: 'main', model: 'text-embedding-3-small' }] },
    },
    gateway: {
      keys: [
        { key: '${ACME_GATEWAY_KEY}', name: 'acme', tags: { tenant: 'acme', team: 'search' } },
        { key: `sha256:${sha256(GLOBEX_KEY)}`, name: 'globex', tags: { tenant: 'globex' }, aliases: ['chat'], budgets: [{ period: 'day', limitUsd: 0.01 }] },
      ],
    },
    ...extra,
  };
}

async function setUp(extra: Record<string, unknown> = {}) {
  const upstream = upstreams[0];
  if (!upstream) throw new Error('no upstream');
  const mock = createOpenAIMock({ baseURL: `${upstream.origin}/v1`, script: { type: 'text', text: 'Hello', usage: { inputTokens: 10, outputTokens: 5 } }, servedModel: SERVED });
  upstream.use(...mock.handlers);
  gw = await startGateway(config(upstream.origin, extra), {}, { ACME_GATEWAY_KEY: ACME_KEY });
  const as = (key: string) => new OpenAI({ apiKey: key, baseURL: `${gw?.url}/v1`, maxRetries: 0 });
  return { gw, mock, as };
}

const hi = [{ role: 'user' as const, content: 'Hi' }];

describe('gateway virtual keys', () => {
  it('should accept a key from the environment and one given as a sha256 digest', async () => {
    const { as } = await setUp();
    expect((await as(ACME_KEY).chat.completions.create({ model: 'chat', messages: hi })).choices[0]?.message.content).toBe('Hello');
    expect((await as(GLOBEX_KEY).chat.completions.create({ model: 'chat', messages: hi, max_tokens: 50 })).choices[0]?.message.content).toBe('Hello');
  });

  it('should answer 401 for a missing or unknown key, before any upstream call, and never echo the key', async () => {
    const { as, mock, gw } = await setUp();
    const wrong = await as('sy-not-a-real-key-00000').chat.completions.create({ model: 'chat', messages: hi }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((wrong as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    expect(JSON.stringify((wrong as InstanceType<typeof OpenAI.AuthenticationError>).error)).not.toContain('sy-not-a-real-key');
    const none = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'chat', messages: hi }) });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    const basic = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Basic ${Buffer.from(`x:${ACME_KEY}`).toString('base64')}` } });
    expect(basic.status).toBe(401);
    // A near miss (the right key with one character changed) is just as unknown.
    const near = await as(`${ACME_KEY.slice(0, -1)}4`).models.list().catch((e: unknown) => e);
    expect(near).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(mock.requests).toHaveLength(0);
    expect(JSON.stringify(gw.logs)).not.toContain(ACME_KEY);
  });

  it('should answer 403 for an alias the key may not use, and list only its aliases', async () => {
    const { as, mock } = await setUp();
    const error = await as(GLOBEX_KEY).embeddings.create({ model: 'embed', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((error as Error).message).toContain('may use chat');
    const direct = await as(GLOBEX_KEY).chat.completions.create({ model: `main:${SERVED}`, messages: hi }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const ids = (await as(GLOBEX_KEY).models.list()).data.map((m) => m.id);
    expect(ids).toEqual(['chat']);
    const all = (await as(ACME_KEY).models.list()).data.map((m) => m.id);
    expect(all).toEqual(['chat', 'embed', `main:${SERVED}`, 'main:text-embedding-3-small']);
    expect(mock.requests).toHaveLength(0);
  });

  it("should tag each request with its key's tags and name in the ledger, for reports per tenant", async () => {
    const { as, gw } = await setUp();
    await as(ACME_KEY).chat.completions.create({ model: 'chat', messages: hi });
    const stream = await as(ACME_KEY).chat.completions.create({ model: 'chat', messages: hi, stream: true });
    for await (const _ of stream);
    await as(GLOBEX_KEY).chat.completions.create({ model: 'chat', messages: hi, max_tokens: 50 });
    await gw.flush();
    expect(gw.ledger.records.map((r) => r.tags)).toEqual([
      { tenant: 'acme', team: 'search', key: 'acme' },
      { tenant: 'acme', team: 'search', key: 'acme' },
      { tenant: 'globex', key: 'globex' },
    ]);
    const report = await gw.sy.costReport({ since: '1d', groupBy: ['tag:tenant'] });
    expect(report.rows.map((r) => [r.group['tag:tenant'], r.requests])).toEqual([
      ['acme', 2],
      ['globex', 1],
    ]);
  });

  it("should refuse with 429 once a key's own budget is spent, leaving other keys alone", async () => {
    const { as } = await setUp();
    // $0.01 a day: the worst case of a call that may write 4096 tokens ($0.041) does not fit.
    const error = await as(GLOBEX_KEY).chat.completions.create({ model: 'chat', messages: hi, max_tokens: 4096 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const limited = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(limited.code).toBe('insufficient_quota');
    expect(limited.message).toContain('key globex, per day');
    expect(limited.message).toContain('raise gateway.keys[1].budgets[0].limitUsd');
    expect(limited.headers.get('x-should-retry')).toBe('false');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect((await as(ACME_KEY).chat.completions.create({ model: 'chat', messages: hi, max_tokens: 4096 })).choices[0]?.message.content).toBe('Hello');
  });
});

describe('gateway keys in the config', () => {
  const base = (keys: unknown[]) => ({ providers: { main: { type: 'openai', apiKey: 'sk-x' } }, models: { chat: { targets: [{ provider: 'main', model: SERVED }] } }, gateway: { keys } });
  const problems = (keys: unknown[], env: Record<string, string> = {}) => {
    try {
      loadConfig(base(keys), { env });
    } catch (error) {
      if (ConfigError.isInstance(error)) return error.message;
      throw error;
    }
    return '';
  };

  it('should report unknown aliases, duplicates, weak keys, bad digests and the reserved tag, without quoting keys', () => {
    const message = problems(
      [
        { key: '${SHORT_KEY}', name: 'a', aliases: ['chta'] },
        { key: 'sha256:abc', name: 'a', tags: { key: 'x' } },
        { key: 'sy-a-long-enough-key-1', name: 'b', budgets: [{ period: 'week', limitUsd: 1 }] },
        { key: 'sy-a-long-enough-key-1', name: 'c', budgets: [{ period: 'day', limitUsd: 1, alias: 'nope' }] },
      ],
      { SHORT_KEY: 'tiny-secret' },
    );
    expect(message).toContain('gateway.keys[0].key: a key must be at least 16 characters');
    expect(message).toContain('gateway.keys[0].aliases[0]: expected one of the configured aliases (chat), found "chta". Did you mean "chat"?');
    expect(message).toContain('gateway.keys[1].key: a sha256: digest is 64 lower-case hex digits');
    expect(message).toContain('gateway.keys[1].name: "a" is already the name of gateway.keys[0]');
    expect(message).toContain('gateway.keys[1].tags');
    expect(message).toContain('gateway.keys[2].budgets[0].period');
    expect(message).toContain('gateway.keys[3].key: the same key as gateway.keys[2].key');
    expect(message).toContain('gateway.keys[3].budgets[0].alias');
    expect(message).not.toContain('tiny-secret');
    expect(message).not.toContain('sy-a-long-enough-key-1');
  });

  it('should accept providerId:model in a key’s aliases', () => {
    expect(problems([{ key: 'sy-a-long-enough-key-1', name: 'a', aliases: [`main:${SERVED}`] }])).toBe('');
  });
});

describe('createGateway options', () => {
  it('should refuse key budgets given only in the options, and an open address without keys', async () => {
    const { createSwitchyard } = await import('../../src/switchyard.ts');
    const { createGateway } = await import('../../src/gateway/create-gateway.ts');
    const sy = createSwitchyard({ providers: { main: { type: 'openai', apiKey: 'sk-x' } }, models: { chat: { targets: [{ provider: 'main', model: SERVED }] } }, ledger: { type: 'memory' } }, { telemetry: false });
    try {
      expect(() => createGateway(sy, { keys: [{ key: ACME_KEY, name: 'acme', budgets: [{ period: 'day', limitUsd: 1, mode: 'hard' }] }] })).toThrow(/keys\[0\]\.budgets: budgets of a gateway key are enforced by the meter/);
      const gateway = createGateway(sy, { keys: [{ key: ACME_KEY, name: 'acme' }] });
      await gateway.close();
      const open = createGateway(sy);
      await expect(open.listen(0, '0.0.0.0')).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without keys/);
      await open.close();
      const allowed = createGateway(sy, { insecureNoAuth: true });
      expect((await allowed.listen(0, '0.0.0.0')).port).toBeGreaterThan(0);
      await allowed.close();
    } finally {
      await sy.close();
    }
  });
});
