import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, VersionDriftError } from '../../src/errors/index.ts';
import { createSwitchyard, type Switchyard } from '../../src/switchyard.ts';
import { createAzureOpenAIMock, createVertexMock, type ScriptStep } from '../../src/testing/index.ts';
import { network } from '../setup/network.ts';
import { collectParts } from '../helpers/stream-parts.ts';

const AZURE = 'https://contoso-east.openai.azure.com';
const CLAUDE = 'claude-sonnet-4-5@20250929';
const ask = [{ role: 'user' as const, content: 'Where is my order?' }];
let open: Switchyard[] = [];
afterEach(async () => {
  await Promise.all(open.map((sy) => sy.close()));
  open = [];
});

function switchyard(models: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const sy = createSwitchyard(
    {
      providers: {
        azure: { type: 'azure-openai', endpoint: AZURE, apiKey: 'azure-test-key-0123456789', apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } } },
        vertex: { type: 'vertex', project: 'acme-prod', location: 'global', accessToken: 'ya29.claude-router-token' },
      },
      ledger: { type: 'memory' },
      models,
      ...extra,
    },
    { env: {} },
  );
  open.push(sy);
  return sy;
}
const vertexMock = (script: ScriptStep | ScriptStep[]) => {
  const mock = createVertexMock({ script });
  network.use(...mock.handlers);
  return mock;
};
describe('Claude on Vertex in createSwitchyard: failover', () => {
  it('should fail over from a rate-limited Azure OpenAI deployment to Claude on Vertex', async () => {
    const azure = createAzureOpenAIMock({ endpoint: AZURE, deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: { type: 'error', status: 429, retryAfterSeconds: 60 } });
    const vertex = vertexMock({ type: 'text', text: 'It ships Thursday.', usage: { inputTokens: 20, outputTokens: 5 } });
    network.use(...azure.handlers);
    const sy = switchyard({ chat: { targets: [{ provider: 'azure', model: 'prod-gpt4o' }, { provider: 'vertex', model: CLAUDE }] } });
    const result = await sy.chat({ model: 'chat', messages: ask });
    expect(result).toMatchObject({ text: 'It ships Thursday.', provider: 'vertex', model: 'claude-sonnet-4-5-20250929' });
    expect(result.attempts?.map((a) => [a.provider, a.model, a.outcome, a.errorCode])).toEqual([
      ['azure', 'prod-gpt4o', 'error', 'rate_limit'],
      ['vertex', CLAUDE, 'success', undefined],
    ]);
    expect(vertex.requests[0]?.url).toBe(`https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/anthropic/models/${CLAUDE}:rawPredict`);
    expect(result.warnings).toEqual([]);
  });

  it('should fail over from an overloaded Claude (529) to Gemini on the same provider', async () => {
    const vertex = vertexMock([{ type: 'error', status: 529 }, { type: 'text', text: 'Thursday.' }]);
    const sy = switchyard({ chat: { targets: [{ provider: 'vertex', model: CLAUDE }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }] } });
    const result = await sy.chat({ model: 'chat', messages: ask });
    expect(result).toMatchObject({ text: 'Thursday.', model: 'gemini-2.0-flash-001' });
    expect(result.attempts?.map((a) => [a.model, a.errorCode])).toEqual([[CLAUDE, 'unavailable'], ['gemini-2.0-flash-001', undefined]]);
    expect(vertex.requests.map((r) => r.url.split(':').at(-1))).toEqual(['rawPredict', 'generateContent']);
  });

  it('should fail a stream over to Gemini on an overloaded_error before any content', async () => {
    const vertex = vertexMock([{ type: 'cut', text: '', error: 'overloaded_error' }, { type: 'text', text: 'Thursday, by noon.', chunks: 3 }]);
    const sy = switchyard({ chat: { targets: [{ provider: 'vertex', model: CLAUDE }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }] } });
    const parts = await collectParts(sy.stream({ model: 'chat', messages: ask }));
    expect(parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('')).toBe('Thursday, by noon.');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', model: 'gemini-2.0-flash-001', attempts: [expect.objectContaining({ model: CLAUDE, errorCode: 'unavailable' }), expect.objectContaining({ outcome: 'success' })] });
    expect(vertex.requests.map((r) => r.url.split(':').at(-1))).toEqual(['streamRawPredict', 'streamGenerateContent?alt=sse']);
  });

  it('should route a target with publisher: anthropic through rawPredict, and refuse publisher on a non-Vertex provider', async () => {
    const vertex = vertexMock({ type: 'text', text: 'ok' });
    const sy = switchyard({ chat: { targets: [{ provider: 'vertex', model: 'acme-tuned-claude', publisher: 'anthropic' }] } }, { versions: { floating: 'allow' } });
    await sy.chat({ model: 'chat', messages: ask });
    expect(vertex.requests[0]?.url).toBe('https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/anthropic/models/acme-tuned-claude:rawPredict');
    expect(vertex.requests[0]?.body.anthropic_version).toBe('vertex-2023-10-16');
    const error = (() => {
      try {
        switchyard({ chat: { targets: [{ provider: 'azure', model: 'prod-gpt4o', publisher: 'anthropic' }] } });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([{ path: 'models.chat.targets[0].publisher', message: expect.stringContaining('applies to Vertex AI targets only') }]);
  });
});

describe('Claude on Vertex in createSwitchyard: usage and cost', () => {
  // claude-sonnet-4-5 on Vertex in @pydantic/genai-prices (USD per million): input 3, cache write 3.75, cache read 0.30, output 15.
  // 24 uncached + 512 written + 28,804 read = 29,340 prompt tokens, 14 out:
  // 24 × 3 + 512 × 3.75 + 28,804 × 0.30 + 14 × 15 = 72 + 1,920 + 8,641.2 + 210 = 10,843.2 micro-USD = 10,843,200 nano-USD.
  const usage = { inputTokens: 29_340, cachedInputTokens: 28_804, cacheWriteTokens: 512, outputTokens: 14 };
  const expected = { nanoUsd: 10_843_200, usd: 0.0108432 };

  it('should price a cached conversation to the nano-USD, each part at its own rate, streaming and not', async () => {
    vertexMock({ type: 'text', text: 'Your order 7 shipped on Monday.', usage });
    const sy = switchyard({ chat: { targets: [{ provider: 'vertex', model: CLAUDE }] } });
    const result = await sy.chat({ model: 'chat', messages: ask, cache: { breakpoints: ['system', 'history'] } });
    expect(result.usage).toMatchObject({ inputTokens: 29_340, cachedInputTokens: 28_804, cacheWriteTokens: 512, outputTokens: 14, totalTokens: 29_354 });
    expect(result.cost).toEqual(expected);
    const parts = await collectParts(sy.stream({ model: 'chat', messages: ask }));
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 29_340, cachedInputTokens: 28_804, cacheWriteTokens: 512, outputTokens: 14 }, cost: expected });
    const report = await sy.costReport({ since: '1d', until: Date.now() + 60_000, groupBy: ['provider'] });
    expect(report.total).toMatchObject({ requests: 2, tokenCostNanoUsd: 21_686_400n });
  });

  it('should price a Claude model the price data does not list from the prices overrides, cache rates included', async () => {
    vertexMock({ type: 'text', text: 'ok', usage });
    const sy = createSwitchyard(
      {
        providers: { vertex: { type: 'vertex', project: 'acme-prod', location: 'global', accessToken: 'ya29.t', prices: { 'claude-opus-6': { input: 10, output: 50, cachedInput: 1, cacheWrite: 12.5 } } } },
        models: { chat: { targets: [{ provider: 'vertex', model: 'claude-opus-6' }] } },
        versions: { floating: 'allow' },
        ledger: { type: 'memory' },
      },
      { env: {} },
    );
    open.push(sy);
    const result = await sy.chat({ model: 'chat', messages: ask, maxTokens: 100 });
    // 24 × 10 + 512 × 12.5 + 28,804 × 1 + 14 × 50 = 240 + 6,400 + 28,804 + 700 = 36,144 micro-USD.
    expect(result.cost).toEqual({ nanoUsd: 36_144_000, usd: 0.036144 });
  });
});

describe('Claude on Vertex in createSwitchyard: pinning', () => {
  it('should pin an @YYYYMMDD id and accept the dated id the response reports', async () => {
    vertexMock({ type: 'text', text: 'ok' });
    const sy = switchyard({ chat: { versions: { onDrift: 'error' }, targets: [{ provider: 'vertex', model: CLAUDE }] } });
    await expect(sy.chat({ model: 'chat', messages: ask })).resolves.toMatchObject({ model: 'claude-sonnet-4-5-20250929', warnings: [] });
  });

  it('should detect drift against the response model and fail over under onDrift: failover', async () => {
    vertexMock([{ type: 'text', text: 'newer', model: 'claude-sonnet-4-5-20251120' }, { type: 'text', text: 'from Gemini' }]);
    const sy = switchyard({ chat: { versions: { onDrift: 'failover' }, targets: [{ provider: 'vertex', model: CLAUDE }, { provider: 'vertex', model: 'gemini-2.0-flash-001' }] } });
    const result = await sy.chat({ model: 'chat', messages: ask });
    expect(result.text).toBe('from Gemini');
    expect(result.attempts?.[0]).toMatchObject({ model: CLAUDE, errorCode: 'version_drift' });
    const strict = switchyard({ chat: { versions: { onDrift: 'error' }, targets: [{ provider: 'vertex', model: CLAUDE }] } });
    vertexMock({ type: 'text', text: 'newer', model: 'claude-sonnet-4-5-20251120' });
    const error = await strict.chat({ model: 'chat', messages: ask }).catch((e: unknown) => e);
    expect(VersionDriftError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ pin: CLAUDE, served: 'claude-sonnet-4-5-20251120' });
  });

  it('should flag a bare Claude id as floating under versions.floating', async () => {
    const error = (() => {
      try {
        switchyard({ chat: { targets: [{ provider: 'vertex', model: 'claude-opus-4-6' }] } }, { versions: { floating: 'error' } });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues[0]).toEqual({ path: 'models.chat.targets[0].model', message: expect.stringContaining("model 'claude-opus-4-6' floats (a Claude id without @YYYYMMDD") });
    const warnings: unknown[] = [];
    const sy = switchyard({ chat: { targets: [{ provider: 'vertex', model: 'claude-opus-4-6' }, { provider: 'vertex', model: 'claude-opus-4-6', pin: 'claude-opus-4-6' }] } });
    sy.on('warning', (w) => warnings.push(w));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Pinned to the bare id, drift is compared with that name (what Vertex serves under it may change in place).
    expect(warnings).toEqual([expect.objectContaining({ code: 'floating-model', model: 'claude-opus-4-6', path: 'models.chat.targets[0]' }), expect.objectContaining({ code: 'floating-pin', path: 'models.chat.targets[1]' })]);
  });
});
