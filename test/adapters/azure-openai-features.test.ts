import { describe, expect, it } from 'vitest';
import {
  AZURE_API_VERSION_FEATURES,
  azureVersionSupports,
  createAzureOpenAI,
  detectAzureRequestFeatures,
  parseAzureApiVersion,
  type AzureFeatureId,
} from '../../adapters/azure-openai/index.ts';
import { UnsupportedFeatureError } from '../../src/errors/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const ENDPOINT = 'https://contoso-eastus.openai.azure.com';
const KEY = '3f9c1d7e2b8a4c6f9e0d1a2b3c4d5e6f';
const hi = [{ role: 'user' as const, content: 'Hi' }];
const azureOptions = (fields: Record<string, unknown>) => ({ 'azure-openai': fields });

const REQUESTS: Record<string, Partial<ChatRequest>> = {
  json_schema: { responseFormat: { type: 'json', name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } },
  json_object: { responseFormat: { type: 'json' } },
  tools: { tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }] },
  tool_required: { tools: [{ name: 'lookup' }], toolChoice: 'required' },
  strict: { tools: [{ name: 'lookup', parameters: { type: 'object', properties: {}, additionalProperties: false }, strict: true }] },
  seed: { seed: 42 },
  image: { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'https://contoso.example/cat.png' }] }] },
  parallel: { tools: [{ name: 'lookup' }], providerOptions: azureOptions({ parallel_tool_calls: false }) },
  max_completion: { providerOptions: azureOptions({ max_completion_tokens: 256 }) },
  reasoning: { providerOptions: azureOptions({ reasoning_effort: 'low' }) },
  developer: { providerOptions: azureOptions({ messages: [{ role: 'developer', content: 'Answer in French.' }, { role: 'user', content: 'Hi' }] }) },
  stream_options: { providerOptions: azureOptions({ stream_options: { include_usage: true } }) },
};

type Row = [apiVersion: string, request: keyof typeof REQUESTS, feature: AzureFeatureId, outcome: 'sent' | 'warn' | { error: string }];
const ROWS: Row[] = [
  ['2024-06-01', 'json_schema', 'response_format.json_schema', { error: '2024-10-21' }],
  ['2024-07-01-preview', 'json_schema', 'response_format.json_schema', { error: '2024-08-01-preview' }],
  ['2024-08-01-preview', 'json_schema', 'response_format.json_schema', 'sent'],
  ['2024-10-21', 'json_schema', 'response_format.json_schema', 'sent'],
  ['v1', 'json_schema', 'response_format.json_schema', 'sent'],
  ['2023-05-15', 'json_object', 'response_format.json_object', { error: '2024-02-01' }],
  ['2024-02-01', 'json_object', 'response_format.json_object', 'sent'],
  ['2023-05-15', 'tools', 'tools', { error: '2024-02-01' }],
  ['2023-12-01-preview', 'tools', 'tools', 'sent'],
  ['2024-02-01', 'tools', 'tools', 'sent'],
  ['2023-05-15', 'seed', 'seed', { error: '2024-02-01' }],
  ['2023-05-15', 'image', 'image_input', { error: '2024-02-01' }],
  ['2024-02-01', 'image', 'image_input', 'sent'],
  ['2024-06-01', 'parallel', 'parallel_tool_calls', { error: '2024-10-21' }],
  ['2024-08-01-preview', 'parallel', 'parallel_tool_calls', { error: '2024-09-01-preview' }],
  ['2024-09-01-preview', 'parallel', 'parallel_tool_calls', 'sent'],
  ['2024-10-21', 'parallel', 'parallel_tool_calls', 'sent'],
  ['2024-06-01', 'max_completion', 'max_completion_tokens', { error: '2024-10-21' }],
  ['2024-09-01-preview', 'max_completion', 'max_completion_tokens', 'sent'],
  ['2024-10-21', 'reasoning', 'reasoning_effort', { error: '2024-12-01-preview' }],
  ['2024-10-01-preview', 'reasoning', 'reasoning_effort', { error: '2024-12-01-preview' }],
  ['2024-12-01-preview', 'reasoning', 'reasoning_effort', 'sent'],
  ['v1', 'reasoning', 'reasoning_effort', 'sent'],
  ['2024-10-21', 'developer', 'developer_role', { error: '2024-12-01-preview' }],
  ['2025-04-01-preview', 'developer', 'developer_role', 'sent'],
  ['preview', 'developer', 'developer_role', 'sent'],
  ['2024-10-21', 'stream_options', 'stream_options.include_usage', { error: '2024-09-01-preview' }],
  ['2024-09-01-preview', 'stream_options', 'stream_options.include_usage', 'sent'],
  ['2024-06-01', 'tool_required', 'tool_choice.required', 'warn'],
  ['2024-10-21', 'tool_required', 'tool_choice.required', 'sent'],
  ['2024-06-01', 'strict', 'tools.strict', 'warn'],
  ['2024-10-21', 'strict', 'tools.strict', 'sent'],
];

describe('Azure api-version feature checks', () => {
  for (const [apiVersion, name, feature, outcome] of ROWS) {
    const label = typeof outcome === 'string' ? outcome : `fail before sending (first: ${outcome.error})`;
    it(`should ${label}: ${feature} on api-version ${apiVersion}`, async () => {
      const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: '{"a":"ok"}' } });
      network.use(...mock.handlers);
      const azure = createAzureOpenAI({ id: 'azure-east', endpoint: ENDPOINT, apiKey: KEY, apiVersion });
      const call = azure.chat({ model: 'prod-gpt4o', messages: hi, ...REQUESTS[name] });
      if (typeof outcome === 'object') {
        const error = await call.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnsupportedFeatureError);
        expect(error).toMatchObject({ code: 'unsupported_feature', feature, apiVersion, minimumVersion: outcome.error, provider: 'azure-east' });
        expect((error as Error).message).toContain(`api-version ${apiVersion} does not have`);
        expect((error as Error).message).toContain(outcome.error);
        expect((error as Error).message).toContain('providers.azure-east.apiVersion');
        expect(mock.requests).toHaveLength(0);
        return;
      }
      const result = await call;
      expect(mock.requests).toHaveLength(1);
      const warnings = result.warnings.filter((w) => w.setting === feature);
      if (outcome === 'warn') {
        expect(warnings).toHaveLength(1);
        expect(warnings[0]?.message).toContain(`api-version ${apiVersion} may not support`);
      } else {
        expect(warnings).toHaveLength(0);
      }
    });
  }

  it('should check a stream before anything is sent', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'never' } });
    network.use(...mock.handlers);
    const stream = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-06-01' }).stream({ model: 'prod-gpt4o', messages: hi, ...REQUESTS.json_schema });
    const error = await (async () => {
      for await (const _ of stream) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsupported_feature', feature: 'response_format.json_schema', minimumVersion: '2024-10-21' });
    expect(mock.requests).toHaveLength(0);
  });

  it('should warn, not fail, for embedding dimensions on a version not known to have them', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'embeddings' } });
    network.use(...mock.handlers);
    const old = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2023-05-15' }).embed({ model: 'embed-3-small', input: ['a'], dimensions: 4 });
    expect(old.warnings.map((w) => w.setting)).toEqual(['embeddings.dimensions']);
    const current = await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-06-01' }).embed({ model: 'embed-3-small', input: ['a'], dimensions: 4 });
    expect(current.warnings).toEqual([]);
    expect(mock.requests.map((r) => r.body.dimensions)).toEqual([4, 4]);
  });
});

describe('Azure api-version request shape', () => {
  it.each([
    ['2024-06-01', 'max_tokens'],
    ['2024-08-01-preview', 'max_tokens'],
    ['2024-09-01-preview', 'max_completion_tokens'],
    ['2024-10-21', 'max_completion_tokens'],
    ['v1', 'max_completion_tokens'],
  ])('should send maxTokens on %s as %s', async (apiVersion, field) => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion }).chat({ model: 'prod-gpt4o', messages: hi, maxTokens: 300 });
    const body = mock.requests[0]?.body;
    expect(body[field]).toBe(300);
    expect(body[field === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens']).toBeUndefined();
  });

  async function streamOn(apiVersion: string) {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'Streaming usage check', chunks: 3, usage: { inputTokens: 14, outputTokens: 3 } } });
    network.use(...mock.handlers);
    const parts: StreamPart[] = [];
    for await (const part of createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion }).stream({ model: 'prod-gpt4o', messages: hi })) parts.push(part);
    return { body: mock.requests[0]?.body, finish: parts.at(-1) as Extract<StreamPart, { type: 'finish' }> };
  }

  it('should not send stream_options where the version lacks it, and warn that the stream has no usage', async () => {
    const { body, finish } = await streamOn('2024-10-21');
    expect(body.stream).toBe(true);
    expect(body.stream_options).toBeUndefined();
    expect(finish.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(finish.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'stream_options.include_usage', message: expect.stringMatching(/api-version 2024-10-21 does not take stream_options.include_usage.*token counts for this stream are 0.*2024-09-01-preview/) }),
    ]);
  });

  it.each(['2024-09-01-preview', '2025-04-01-preview', 'v1', 'preview'])('should ask for and report stream usage on %s', async (apiVersion) => {
    const { body, finish } = await streamOn(apiVersion);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(finish.usage).toMatchObject({ inputTokens: 14, outputTokens: 3, totalTokens: 17 });
    expect(finish.warnings).toEqual([]);
  });

  it.each([
    ['2023-05-15', { tools: false, jsonSchema: false, images: false }],
    ['2024-06-01', { tools: true, jsonSchema: false, images: true }],
    ['2024-10-21', { tools: true, jsonSchema: true, images: true }],
    ['v1', { tools: true, jsonSchema: true, images: true }],
  ])('should derive capabilities from api-version %s', (apiVersion, expected) => {
    expect(createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion }).capabilities).toMatchObject({ ...expected, embeddings: true });
  });
});

describe('Azure api-version feature table', () => {
  it('should parse both styles and reject other strings', () => {
    expect(parseAzureApiVersion('2024-10-21')).toEqual({ value: '2024-10-21', style: 'classic', channel: 'ga', date: '2024-10-21' });
    expect(parseAzureApiVersion('2025-04-01-preview')).toEqual({ value: '2025-04-01-preview', style: 'classic', channel: 'preview', date: '2025-04-01' });
    expect(parseAzureApiVersion('v1')).toEqual({ value: 'v1', style: 'v1', channel: 'ga' });
    expect(parseAzureApiVersion('preview')).toEqual({ value: 'preview', style: 'v1', channel: 'preview' });
    for (const bad of ['', 'latest', '2024-10', 'v2', '2024-10-21-beta']) expect(parseAzureApiVersion(bad)).toBeUndefined();
  });

  it('should hold consistent data: parseable versions, preview before GA, sources for every entry', () => {
    for (const [id, entry] of Object.entries(AZURE_API_VERSION_FEATURES)) {
      expect(parseAzureApiVersion(entry.firstPreview)?.channel, id).toBe('preview');
      if (entry.firstGA) {
        expect(parseAzureApiVersion(entry.firstGA)?.channel, id).toBe('ga');
        expect(entry.firstPreview.slice(0, 10) <= entry.firstGA, id).toBe(true);
      }
      expect(entry.sources.length, id).toBeGreaterThan(0);
      if (!entry.confirmed) expect(entry.sources.some((s) => s.includes('unconfirmed')), id).toBe(true);
    }
  });

  it('should know the v1 API in every entry, with a source, so that v1 never warns about what dated versions lack', async () => {
    for (const [id, entry] of Object.entries(AZURE_API_VERSION_FEATURES)) {
      expect(entry.v1, id).toBe(true);
      expect(entry.v1Source, id).toMatch(/^(S |`S |D )|azure-v1-v1-generated/);
    }
    expect(AZURE_API_VERSION_FEATURES.responses).toMatchObject({ firstPreview: '2025-03-01-preview', v1: true });
    expect(AZURE_API_VERSION_FEATURES.responses.firstGA).toBeUndefined();
    // Every request that warns or fails on some dated version goes out on the default (v1) without a word.
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const azure = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY });
    for (const request of Object.values(REQUESTS)) {
      const result = await azure.chat({ model: 'prod-gpt4o', messages: hi, ...request });
      // Only api-version warnings matter here (the mock's plain 'ok' draws the ignored-settings warnings of a forced tool or JSON).
      expect(result.warnings.filter((w) => w.setting !== undefined && w.setting in AZURE_API_VERSION_FEATURES)).toEqual([]);
    }
    expect(mock.requests.every((r) => r.url === `${ENDPOINT}/openai/v1/chat/completions`)).toBe(true);
  });

  it('should give the v1 API every feature and the latest dated GA none that only previews have', () => {
    const v1 = parseAzureApiVersion('v1')!;
    const ga = parseAzureApiVersion('2024-10-21')!;
    for (const id of Object.keys(AZURE_API_VERSION_FEATURES) as AzureFeatureId[]) {
      expect(azureVersionSupports(v1, id)).toBe(true);
      expect(azureVersionSupports(ga, id)).toBe(AZURE_API_VERSION_FEATURES[id].firstGA !== undefined);
    }
  });

  it('should find every feature in a built body', () => {
    const body = {
      messages: [{ role: 'developer', content: 'x' }, { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }, { role: 'tool', tool_call_id: 'call_1', content: '{}' }],
      tools: [{ type: 'function', function: { name: 'f', parameters: {}, strict: true } }],
      tool_choice: 'required',
      seed: 1,
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: {} } },
      max_completion_tokens: 10,
      parallel_tool_calls: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'high',
    };
    expect(detectAzureRequestFeatures(body, 'chat/completions').sort()).toEqual(
      ['tools', 'tool_choice.required', 'seed', 'developer_role', 'image_input', 'response_format.json_schema', 'tools.strict', 'max_completion_tokens', 'parallel_tool_calls', 'stream_options.include_usage', 'reasoning_effort'].sort(),
    );
    expect(detectAzureRequestFeatures({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5, temperature: 0.2 }, 'chat/completions')).toEqual([]);
    expect(detectAzureRequestFeatures({ input: ['a'], encoding_format: 'float', dimensions: 256 }, 'embeddings')).toEqual(['embeddings.dimensions']);
    expect(detectAzureRequestFeatures({ input: [], store: false }, 'responses')).toEqual(['responses']);
  });
});
