import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { startGateway, useMockUpstreams, type TestGateway } from './helpers/start-gateway.ts';

const run = promisify(execFile);
const python = process.env.SWITCHYARD_TEST_PYTHON;
const SCRIPT = fileURLToPath(new URL('./fixtures/python_client.py', import.meta.url));
const KEY = 'sy-python-client-7d3e9a1c';
const SERVED = 'gpt-4o-2024-08-06';
const upstreams = useMockUpstreams(1);
let gw: TestGateway | undefined;
let cases: Record<string, Record<string, unknown>> = {};

describe.skipIf(!python)('gateway with the openai Python client (SWITCHYARD_TEST_PYTHON: a python with `openai` installed; .ci/run makes one)', () => {
  beforeAll(async () => {
    const upstream = upstreams[0];
    if (!upstream) throw new Error('no upstream');
    const base = (name: string) => `${upstream.origin}/${name}/v1`;
    const mocks = [
      createOpenAIMock({ baseURL: base('ok'), script: { type: 'text', text: 'Hello from Python', chunks: 3, usage: { inputTokens: 8, outputTokens: 3 } }, servedModel: SERVED }),
      createOpenAIMock({ baseURL: base('cut'), script: { type: 'cut', text: 'This answer breaks off', chunks: 5 }, servedModel: SERVED }),
      createOpenAIMock({ baseURL: base('tools'), script: { type: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Lagos' } }] }, servedModel: SERVED }),
      createOpenAIMock({ baseURL: base('embed'), script: { type: 'embeddings', vectors: [[0.5, -0.25], [0.125, 1]], inputTokens: 2 }, servedModel: 'text-embedding-3-small' }),
      createOpenAIMock({ baseURL: base('limited'), script: { type: 'error', status: 429, retryAfterSeconds: 3 } }),
    ];
    upstream.use(...mocks.flatMap((m) => m.handlers));
    const provider = (name: string) => ({ type: 'openai', apiKey: `sk-${name}`, baseURL: base(name) });
    gw = await startGateway({
      providers: { ok: provider('ok'), cut: provider('cut'), tools: provider('tools'), embed: provider('embed'), limited: provider('limited') },
      models: {
        chat: { targets: [{ provider: 'ok', model: SERVED }] },
        cut: { targets: [{ provider: 'cut', model: SERVED }] },
        tools: { targets: [{ provider: 'tools', model: SERVED }] },
        embed: { targets: [{ provider: 'embed', model: 'text-embedding-3-small' }] },
        limited: { targets: [{ provider: 'limited', model: SERVED }] },
      },
      gateway: { keys: [{ key: '${PY_KEY}', name: 'python', tags: { team: 'data' } }] },
    }, {}, { PY_KEY: KEY });
    const { stdout } = await run(python as string, [SCRIPT], { env: { ...process.env, GATEWAY_URL: gw.url, GATEWAY_KEY: KEY }, timeout: 60_000 });
    cases = Object.fromEntries(stdout.trim().split('\n').map((line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return [parsed.case as string, parsed];
    }));
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('should parse a chat completion and read the Switchyard headers', () => {
    expect(cases.chat).toMatchObject({ text: 'Hello from Python', model: SERVED, finish: 'stop', provider: 'ok', usage: { prompt_tokens: 8, completion_tokens: 3, total_tokens: 11 } });
    expect(cases.chat?.id).toMatch(/^chatcmpl-/);
    expect(cases.chat?.cost).toBe('0.000050000');
  });

  it('should assemble a stream, with usage and the switchyard field on its last chunk', () => {
    expect(cases.stream).toMatchObject({ text: 'Hello from Python', usage: { prompt_tokens: 8, completion_tokens: 3 }, switchyard: { provider: 'ok', cost_usd: '0.000050000' } });
  });

  it('should raise on a stream that breaks after content, instead of returning a truncated answer', () => {
    expect(cases.cut).toMatchObject({ raised: true, error: 'APIError', code: 'stream_interrupted' });
    expect(String(cases.cut?.text).length).toBeGreaterThan(0);
  });

  it('should parse a Responses answer and assemble a Responses stream', () => {
    expect(cases.responses).toMatchObject({ text: 'Hello from Python', model: SERVED, status: 'completed', provider: 'ok', usage: { input_tokens: 8, output_tokens: 3, total_tokens: 11 } });
    expect(cases.responses?.id).toMatch(/^resp_/);
    expect(cases['responses-stream']).toMatchObject({ text: 'Hello from Python', final: 'Hello from Python', status: 'completed', usage: { input_tokens: 8, output_tokens: 3 } });
  });

  it('should raise on a Responses stream that breaks after content (the stream helper and create(stream=True))', () => {
    for (const name of ['responses-cut', 'responses-cut-create']) {
      expect(cases[name]).toMatchObject({ raised: true, error: 'APIError', code: 'stream_interrupted' });
      expect(String(cases[name]?.text).length).toBeGreaterThan(0);
    }
  });

  it('should read tool calls and embeddings (the base64 default decoded)', () => {
    expect(cases.tools).toEqual({ case: 'tools', name: 'get_weather', arguments: { city: 'Lagos' }, finish: 'tool_calls' });
    expect(cases.embeddings).toEqual({ case: 'embeddings', vectors: [[0.5, -0.25], [0.125, 1]], usage: { prompt_tokens: 2, total_tokens: 2 } });
  });

  it('should raise the typed errors for 404, 429, 400 and 401', () => {
    expect(cases['not-found']).toMatchObject({ raised: true, error: 'NotFoundError', status: 404, code: 'model_not_found' });
    expect(cases['rate-limited']).toMatchObject({ raised: true, error: 'RateLimitError', status: 429 });
    expect(cases['bad-request']).toMatchObject({ raised: true, error: 'BadRequestError', status: 400 });
    expect(cases.unauthorized).toMatchObject({ raised: true, error: 'AuthenticationError', status: 401, code: 'invalid_api_key' });
  });
});
