import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as aiSdk } from '../../examples/ai-sdk.ts';
import { main as azureEntraId } from '../../examples/azure-entra-id.ts';
import { main as responsesReasoning } from '../../examples/responses-reasoning.ts';
import { main as basicChat } from '../../examples/basic-chat.ts';
import { main as budgets } from '../../examples/budgets.ts';
import { main as claudeOnVertex } from '../../examples/claude-on-vertex.ts';
import { main as coreweaveVllm } from '../../examples/coreweave-vllm.ts';
import { main as costReport } from '../../examples/cost-report.ts';
import { main as failover } from '../../examples/failover.ts';
import { main as pinning } from '../../examples/pinning.ts';
import { main as reasoning } from '../../examples/reasoning.ts';
import { main as streaming } from '../../examples/streaming.ts';
import { main as structuredOutput } from '../../examples/structured-output.ts';
import { main as tools } from '../../examples/tools.ts';
import { main as vertexAdc } from '../../examples/vertex-adc.ts';
import { createAzureOpenAIMock, createCoreWeaveMock, createOpenAIMock, createVertexMock, type ScriptStep } from '../../src/testing/index.ts';
import { configSchemaErrors } from '../config/config-schema-validator.ts';
import { network } from '../setup/network.ts';

// The optional peer dependency that `credential: default` loads, as DefaultAzureCredential would answer on a managed identity.
const ENTRA_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-example-token';
const entraScopes: string[] = [];
vi.mock('@azure/identity', () => ({
  DefaultAzureCredential: class {
    async getToken(scopes: string | string[]) {
      entraScopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
      return { token: ENTRA_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    }
  },
}));

// @azure/identity is not installed in this repository: the mock above stands in for it, so it counts as installed.
vi.mock('../../src/runtime/is-package-installed.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/runtime/is-package-installed.ts')>();
  return { isPackageInstalled: (name: string) => name === '@azure/identity' || real.isPackageInstalled(name) };
});

// Every config an example passes to createSwitchyard (an object, or a file) must pass the published JSON Schema too.
const configsSeen: unknown[] = [];
vi.mock('../../src/on-demand.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/on-demand.ts')>();
  const { readConfigFile } = await import('../../src/config/read-config-file.ts');
  return {
    ...real,
    createSwitchyard: ((config, options) => {
      const value = typeof config === 'string' ? readConfigFile(config, options?.cwd).value : config;
      configsSeen.push(value);
      const errors = configSchemaErrors(value);
      if (errors.length > 0) throw new Error(`the example's config fails switchyard.schema.json:\n${errors.join('\n')}`);
      return real.createSwitchyard(config, options);
    }) as typeof real.createSwitchyard,
  };
});

const AZURE_ENDPOINT = 'https://contoso-east.openai.azure.com';
const env = {
  OPENAI_API_KEY: 'sk-proj-examples-0123456789',
  AZURE_OPENAI_ENDPOINT: AZURE_ENDPOINT,
  AZURE_OPENAI_API_KEY: 'azure-examples-key-0123456789',
  GOOGLE_CLOUD_PROJECT: 'acme-prod',
  GOOGLE_CLOUD_LOCATION: 'europe-west4',
};
let output: string[];

beforeEach(() => {
  output = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (output.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const openai = (script: ScriptStep | ScriptStep[], servedModel?: string) => {
  const mock = createOpenAIMock({ script, ...(servedModel ? { servedModel } : {}) });
  network.use(...mock.handlers);
  return mock;
};
const azure = (script: ScriptStep | ScriptStep[]) => {
  const mock = createAzureOpenAIMock({ endpoint: AZURE_ENDPOINT, deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script });
  network.use(...mock.handlers);
  return mock;
};

describe('examples', () => {
  it('basic-chat: one call with the key from the environment', async () => {
    const mock = openai({ type: 'text', text: 'Maakye! Wo ho te sɛn?', usage: { inputTokens: 18, outputTokens: 9 } });
    const result = await basicChat(env);
    expect(result.text).toBe('Maakye! Wo ho te sɛn?');
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${env.OPENAI_API_KEY}`);
    expect(output).toEqual(['Maakye! Wo ho te sɛn?', 'openai served gpt-4o-mini-2024-07-18: 18 tokens in, 9 out']);
  });

  it('streaming: prints the deltas, then who served', async () => {
    openai({ type: 'text', text: 'Brown water runs / past the weaver birds at dawn / the dam hums below', chunks: 6 });
    expect(await streaming(env)).toBe('Brown water runs / past the weaver birds at dawn / the dam hums below');
    expect(output.filter((o) => !o.startsWith('\n')).length).toBe(6);
    expect(output.at(-1)).toMatch(/^\n\[stop\] openai \/ gpt-4o-mini-2024-07-18, \d+ tokens, \$[\d.e-]+$/);
  });

  it('tools: runs the tool the model asked for and sends the result back', async () => {
    const mock = openai([{ type: 'tool-calls', calls: [{ id: 'call_W1', name: 'get_weather', arguments: { city: 'Accra' } }] }, { type: 'text', text: 'No umbrella needed: 31 °C and partly cloudy.' }]);
    expect(await tools(env)).toBe('No umbrella needed: 31 °C and partly cloudy.');
    expect(mock.requests[1]?.body.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_W1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Accra"}' } }] },
      { role: 'tool', tool_call_id: 'call_W1', content: '{"city":"Accra","temperatureC":31,"sky":"partly cloudy"}' },
    ]);
    expect(output[0]).toBe('calling get_weather({"city":"Accra"})');
  });

  it('responses-reasoning: calls the Responses API and hands the encrypted reasoning back with the tool result', async () => {
    const mock = openai([{ type: 'tool-calls', calls: [{ id: 'call_fx', name: 'get_fx_rate', arguments: { from: 'EUR', to: 'GHS' } }], reasoning: 'I need the EUR to GHS rate.' }, { type: 'text', text: '250 euros is about 4,050 cedis.' }]);
    const result = await responsesReasoning(env);
    expect(result.text).toBe('250 euros is about 4,050 cedis.');
    expect(mock.requests.map((r) => r.url)).toEqual(['https://api.openai.com/v1/responses', 'https://api.openai.com/v1/responses']);
    expect(mock.requests[0]?.body).toMatchObject({ reasoning: { effort: 'medium', summary: 'auto' }, store: false, include: ['reasoning.encrypted_content'] });
    expect(mock.requests[1]?.body.input.map((i: { type?: string; role?: string }) => i.type ?? i.role)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);
    expect(output).toEqual(['thinking: I need the EUR to GHS rate.', '250 euros is about 4,050 cedis.']);
  });

  it('structured-output: sends the zod schema strictly and parses the reply', async () => {
    const recipe = { name: 'Jollof rice', servings: 4, ingredients: [{ item: 'rice', quantity: '2 cups' }, { item: 'tomatoes', quantity: '4' }] };
    const mock = openai({ type: 'text', text: JSON.stringify(recipe) });
    expect(await structuredOutput(env)).toEqual(recipe);
    expect(mock.requests[0]?.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'recipe', strict: true, schema: { type: 'object', additionalProperties: false, required: ['name', 'servings', 'ingredients'] } } });
  });

  it('failover: Azure rate limited beyond the retry budget, OpenAI serves', async () => {
    const a = azure({ type: 'error', status: 429, retryAfterSeconds: 30 });
    const o = openai({ type: 'text', text: 'The Volta.' });
    const result = await failover(env);
    expect(result.provider).toBe('openai');
    expect(a.requests[0]?.url).toBe(`${AZURE_ENDPOINT}/openai/v1/chat/completions`);
    expect(o.requests).toHaveLength(1);
    expect(output[0]).toBe('azure-east failed (rate_limit): trying openai');
  });

  it('azure-entra-id: sends a bearer token from DefaultAzureCredential, no key', async () => {
    const mock = azure({ type: 'text', text: 'Hello back!' });
    const result = await azureEntraId({ AZURE_OPENAI_ENDPOINT: AZURE_ENDPOINT });
    expect(result.text).toBe('Hello back!');
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${ENTRA_TOKEN}`);
    expect(mock.requests[0]?.headers['api-key']).toBeUndefined();
    expect(entraScopes).toEqual(['https://ai.azure.com/.default']);
  });

  it('vertex-adc: gets a token through Application Default Credentials (a service account key file here)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'switchyard-adc-')), 'key.json');
    writeFileSync(keyFile, JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key_id: 'a1b2c3', private_key: privateKey, client_email: 'examples@acme-prod.iam.gserviceaccount.com', client_id: '1045839201', token_uri: 'https://oauth2.googleapis.com/token' }));
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', keyFile);
    network.use(http.post('https://oauth2.googleapis.com/token', () => HttpResponse.json({ access_token: 'ya29.c.adc-example-token', expires_in: 3599, token_type: 'Bearer' })));
    const mock = createVertexMock({ script: { type: 'text', text: 'Gemini is a family of Google models.' } });
    network.use(...mock.handlers);
    const result = await vertexAdc(env);
    expect(result.text).toBe('Gemini is a family of Google models.');
    expect(mock.requests[0]?.url).toBe('https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-prod/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:generateContent');
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer ya29.c.adc-example-token');
    expect(mock.requests[0]?.body.systemInstruction).toEqual({ parts: [{ text: 'You answer in one sentence.' }] });
  });

  it('coreweave-vllm: the self-hosted server is down, Serverless streams the answer', async () => {
    const vllm = createCoreWeaveMock({ baseURL: 'https://llm.acme.example/v1', script: { type: 'error', status: 503 } });
    const serverless = createCoreWeaveMock({ script: { type: 'text', text: 'An H100 has 80 GB of HBM3.', usage: { inputTokens: 15, outputTokens: 11 } } });
    network.use(...vllm.handlers, ...serverless.handlers);
    expect(await coreweaveVllm({ VLLM_BASE_URL: 'https://llm.acme.example/v1', VLLM_API_KEY: 'vllm-key', COREWEAVE_API_KEY: 'cw-key' })).toBe('An H100 has 80 GB of HBM3.');
    expect(vllm.requests[0]?.headers.authorization).toBe('Bearer vllm-key');
    expect(serverless.requests[0]?.headers.authorization).toBe('Bearer cw-key');
    expect(output.at(-1)).toBe('An H100 has 80 GB of HBM3.\n(serverless: 15 + 11 tokens)');
  });

  it('pinning: a drifted OpenAI snapshot fails over to the pinned Azure deployment', async () => {
    openai({ type: 'text', text: 'Hi' }, 'gpt-4o-2024-11-20');
    azure({ type: 'text', text: 'Hello' });
    const result = await pinning(env);
    expect(result.provider).toBe('azure');
    expect(output).toEqual(['openai served gpt-4o-2024-11-20, pinned gpt-4o-2024-08-06: failover', 'azure served gpt-4o-2024-08-06']);
  });

  it("budgets: the tenant's hard budget stops its calls", async () => {
    const mock = openai({ type: 'text', text: 'Kente comes from the Ashanti and Ewe peoples.', usage: { inputTokens: 1000, outputTokens: 100 } });
    const served = await budgets(env);
    expect(served).toBe(1);
    expect(mock.requests).toHaveLength(1);
    expect(output.at(-1)).toMatch(/^after 1 calls: .*acme-daily/);
  });

  it('cost-report: reports the calls per provider, model and tenant from the SQLite ledger', async () => {
    openai({ type: 'text', text: 'Anansi tried to hoard all wisdom.', usage: { inputTokens: 20, outputTokens: 10 } });
    const ledger = join(mkdtempSync(join(tmpdir(), 'switchyard-ledger-')), 'ledger.sqlite');
    const report = await costReport({ ...env, SWITCHYARD_LEDGER: ledger });
    expect(report.rows.map((r) => [r.group.model, r.group['tag:tenant'], r.requests])).toEqual([
      ['gpt-4o-2024-08-06', 'acme', 1],
      ['gpt-4o-mini-2024-07-18', 'acme', 1],
      ['gpt-4o-mini-2024-07-18', 'globex', 1],
    ]);
    expect(report.total.requests).toBe(3);
    expect(report.total.costNanoUsd).toBeGreaterThan(0n);
    expect(output.at(-1)).toMatch(/^TOTAL\s+3 calls\s+90 tokens\s+\$0\.\d{6}$/);
  });

  it('reasoning: streams Gemini thoughts, then sends the thought signature back on the next turn', async () => {
    const url = 'https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/google/models/gemini-2.5-flash';
    const meta = { modelVersion: 'gemini-2.5-flash', responseId: 'x5FmabCdEfGh', createTime: '2026-05-02T09:14:03.118207Z' };
    const usage = { promptTokenCount: 31, candidatesTokenCount: 14, thoughtsTokenCount: 212, totalTokenCount: 257, trafficType: 'ON_DEMAND' };
    const signature = 'EpwGCpkGAdHtim9kZXhhbXBsZS1zaWduYXR1cmU=';
    const bodies: any[] = [];
    network.use(
      // A regular expression: in an msw path string, `:streamGenerateContent` would be a path parameter.
      http.post(new RegExp(`^${url.replaceAll('.', '\\.')}:streamGenerateContent$`), async ({ request }) => {
        bodies.push(await request.json());
        const chunks = [
          { candidates: [{ content: { role: 'model', parts: [{ text: '**Setting up the equations**\n\nball + (ball + 1) = 1.10', thought: true }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...meta },
          { candidates: [{ content: { role: 'model', parts: [{ text: 'The ball costs $0.05.' }, { text: '', thoughtSignature: signature }] }, finishReason: 'STOP' }], usageMetadata: usage, ...meta },
        ];
        return new HttpResponse(chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join(''), { headers: { 'content-type': 'text/event-stream' } });
      }),
      http.post(new RegExp(`^${url.replaceAll('.', '\\.')}:generateContent$`), async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ candidates: [{ content: { role: 'model', parts: [{ text: 'Then the ball costs $0.' }] }, finishReason: 'STOP' }], usageMetadata: usage, ...meta });
      }),
    );
    const result = await reasoning({ ...env, VERTEX_ACCESS_TOKEN: 'ya29.example-token' });
    expect(result).toEqual({ answer: 'The ball costs $0.05.', next: 'Then the ball costs $0.' });
    expect(output).toEqual(['[thinking] **Setting up the equations**\n\nball + (ball + 1) = 1.10\n', 'The ball costs $0.05.\n(vertex: 212 of 226 output tokens were reasoning)', 'Then the ball costs $0.']);
    expect(bodies[0].generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } });
    expect(bodies[1].contents[1]).toEqual({ role: 'model', parts: [{ text: 'The ball costs $0.05.', thoughtSignature: signature }] });
  });

  it('ai-sdk: generateText and streamText fail over from Azure to OpenAI', async () => {
    azure({ type: 'error', status: 503 });
    openai([{ type: 'text', text: 'Kumasi' }, { type: 'text', text: '1, 2, 3, 4, 5', chunks: 5 }]);
    expect(await aiSdk(env)).toEqual({ text: 'Kumasi', streamed: '1, 2, 3, 4, 5' });
    expect(output[0]).toBe('Kumasi (served by openai)');
  });

  it('claude-on-vertex: Claude answers with its thinking, the cached system prompt priced at the cache rates', async () => {
    const mock = createVertexMock({
      script: {
        type: 'text',
        text: 'Yes: you are within the 30 days. Reply with a photo of the parcel and we refund you.',
        reasoning: 'Delivered 12 days ago, within 30 days, so a refund applies.',
        usage: { inputTokens: 2100, cachedInputTokens: 2048, outputTokens: 40, reasoningTokens: 14 },
      },
    });
    network.use(...mock.handlers);
    const result = await claudeOnVertex({ GOOGLE_CLOUD_PROJECT: 'acme-prod', VERTEX_ACCESS_TOKEN: 'ya29.example-token' });
    expect(result.provider).toBe('vertex');
    const request = mock.requests[0];
    expect(request?.url).toBe('https://aiplatform.googleapis.com/v1/projects/acme-prod/locations/global/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict');
    expect(request?.headers.authorization).toBe('Bearer ya29.example-token');
    expect(request?.body).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, system: [{ type: 'text', cache_control: { type: 'ephemeral' } }] });
    // 52 uncached × $3 + 2048 cached × $0.30 + 40 out × $15 per million.
    expect(result.cost).toEqual({ nanoUsd: 1_370_400, usd: 0.0013704 });
    expect(output).toEqual([
      'thinking: Delivered 12 days ago, within 30 days, so a refund applies.',
      'Yes: you are within the 30 days. Reply with a photo of the parcel and we refund you.',
      'claude-sonnet-4-5-20250929: 2100 in (2048 cached, 0 written), 40 out, $0.0013704',
    ]);
  });

  it('should have checked every example config against the published JSON Schema', () => {
    // One per example (each creates one Switchyard); the mock above threw on any schema error.
    expect(configsSeen.length).toBe(15);
  });

  it('should show Azure OpenAI on the v1 API, the default, in every example, the demo and the deploy configs', async () => {
    const { readConfigFile } = await import('../../src/config/read-config-file.ts');
    const files = ['examples/switchyard.yaml', 'examples/failover.yaml', 'demo/switchyard.demo.yaml', 'deploy/compose/switchyard.yaml'];
    const configs = [...configsSeen, ...files.map((f) => readConfigFile(new URL(`../../${f}`, import.meta.url).pathname).value)];
    const azure = configs.flatMap((c) => Object.entries((c as { providers?: Record<string, { type?: string; apiVersion?: string }> }).providers ?? {}).filter(([, p]) => p.type === 'azure-openai'));
    expect(azure.length).toBeGreaterThan(3);
    expect(azure.filter(([, p]) => p.apiVersion !== undefined && p.apiVersion !== 'v1').map(([id, p]) => `${id}: ${p.apiVersion}`)).toEqual([]);
  });
});
