import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as aiSdk } from '../../examples/ai-sdk.ts';
import { main as azureEntraId } from '../../examples/azure-entra-id.ts';
import { main as basicChat } from '../../examples/basic-chat.ts';
import { main as budgets } from '../../examples/budgets.ts';
import { main as coreweaveVllm } from '../../examples/coreweave-vllm.ts';
import { main as costReport } from '../../examples/cost-report.ts';
import { main as failover } from '../../examples/failover.ts';
import { main as pinning } from '../../examples/pinning.ts';
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
    expect(a.requests[0]?.url).toBe(`${AZURE_ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21`);
    expect(o.requests).toHaveLength(1);
    expect(output[0]).toBe('azure-east failed (rate_limit): trying openai');
  });

  it('azure-entra-id: sends a bearer token from DefaultAzureCredential, no key', async () => {
    const mock = azure({ type: 'text', text: 'Hello back!' });
    const result = await azureEntraId({ AZURE_OPENAI_ENDPOINT: AZURE_ENDPOINT });
    expect(result.text).toBe('Hello back!');
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${ENTRA_TOKEN}`);
    expect(mock.requests[0]?.headers['api-key']).toBeUndefined();
    expect(entraScopes).toEqual(['https://cognitiveservices.azure.com/.default']);
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

  it('ai-sdk: generateText and streamText fail over from Azure to OpenAI', async () => {
    azure({ type: 'error', status: 503 });
    openai([{ type: 'text', text: 'Kumasi' }, { type: 'text', text: '1, 2, 3, 4, 5', chunks: 5 }]);
    expect(await aiSdk(env)).toEqual({ text: 'Kumasi', streamed: '1, 2, 3, 4, 5' });
    expect(output[0]).toBe('Kumasi (served by openai)');
  });

  it('should have checked every example config against the published JSON Schema', () => {
    // One per example (each creates one Switchyard); the mock above threw on any schema error.
    expect(configsSeen.length).toBe(12);
  });
});
