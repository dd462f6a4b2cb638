import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';
import { network } from '../setup/network.ts';

const ENDPOINT = 'https://contoso-eastus.openai.azure.com';
const MESSAGES = [{ role: 'user' as const, content: 'Bonjour' }];
const DEPLOYMENTS = { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } };

function azure(apiVersion?: string) {
  const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' }, script: [{ type: 'text', text: 'Salut' }] });
  network.use(...mock.handlers);
  const provider = createAzureOpenAI({ endpoint: ENDPOINT, apiKey: 'azure-key-0123456789abcdef', deployments: DEPLOYMENTS, ...(apiVersion ? { apiVersion } : {}) });
  return { mock, provider };
}

function vertex(apiVersion?: 'v1' | 'v1beta1') {
  const mock = createVertexMock({ script: [{ type: 'text', text: 'Salut' }] });
  network.use(...mock.handlers);
  const provider = createVertex({ project: 'acme', location: 'europe-west4', accessToken: 'ya29.test-token', ...(apiVersion ? { apiVersion } : {}) });
  return { mock, provider };
}

describe('DEFAULT_VERSIONS', () => {
  it('should pin every default version to an exact string', () => {
    expect(DEFAULT_VERSIONS).toEqual({ azureOpenAIApiVersion: 'v1', vertexApiVersion: 'v1', anthropicVertexVersion: 'vertex-2023-10-16', openAIBasePath: 'v1' });
  });
});

describe('the version strings that reach each URL', () => {
  it('should use the Azure v1 API by default: /openai/v1/, no api-version query, the deployment in body.model', async () => {
    const { mock, provider } = azure();
    await provider.chat({ model: 'prod-gpt4o', messages: MESSAGES });
    expect(provider.apiVersion).toBe('v1');
    expect(mock.requests[0].url).toBe(`${ENDPOINT}/openai/v1/chat/completions`);
    expect(mock.requests[0].body.model).toBe('prod-gpt4o');
  });

  it('should keep the classic URL for a pinned dated GA exactly as before: ?api-version=2024-10-21', async () => {
    const { mock, provider } = azure('2024-10-21');
    await provider.chat({ model: 'prod-gpt4o', messages: MESSAGES });
    expect(provider.apiVersion).toBe('2024-10-21');
    expect(mock.requests[0].url).toBe(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21`);
    expect(mock.requests[0].body.model).toBeUndefined();
  });

  it('should send a pinned dated preview exactly as configured', async () => {
    const { mock, provider } = azure('2025-04-01-preview');
    await provider.chat({ model: 'prod-gpt4o', messages: MESSAGES });
    expect(mock.requests[0].url).toBe(`${ENDPOINT}/openai/deployments/prod-gpt4o/chat/completions?api-version=2025-04-01-preview`);
  });

  it('should send the classic api-version on embeddings too, and v1 embeddings by default', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: [{ type: 'embeddings', dimensions: 4 }] });
    network.use(...mock.handlers);
    const deployments = { emb: { model: 'text-embedding-3-small' } };
    await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21', deployments }).embed({ model: 'emb', input: ['bonjour'] });
    await createAzureOpenAI({ endpoint: ENDPOINT, apiKey: 'azure-key-0123456789abcdef', deployments }).embed({ model: 'emb', input: ['bonjour'] });
    expect(mock.requests.map((r) => r.url)).toEqual([`${ENDPOINT}/openai/deployments/emb/embeddings?api-version=2024-10-21`, `${ENDPOINT}/openai/v1/embeddings`]);
    expect(mock.requests[1].body.model).toBe('emb');
  });

  it("should use the Azure v1 API without an api-version for apiVersion: 'v1'", async () => {
    const { mock, provider } = azure('v1');
    await provider.chat({ model: 'prod-gpt4o', messages: MESSAGES });
    expect(mock.requests[0].url).toBe(`${ENDPOINT}/openai/v1/chat/completions`);
    expect(mock.requests[0].body.model).toBe('prod-gpt4o');
  });

  it("should use the Azure v1 API with ?api-version=preview for apiVersion: 'preview'", async () => {
    const { mock, provider } = azure('preview');
    await provider.chat({ model: 'prod-gpt4o', messages: MESSAGES });
    expect(mock.requests[0].url).toBe(`${ENDPOINT}/openai/v1/chat/completions?api-version=preview`);
    expect(mock.requests[0].body.model).toBe('prod-gpt4o');
  });

  it('should send Vertex requests to /v1/ by default', async () => {
    const { mock, provider } = vertex();
    await provider.chat({ model: 'gemini-2.0-flash-001', messages: MESSAGES });
    expect(provider.apiVersion).toBe('v1');
    expect(mock.requests[0].url).toBe('https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:generateContent');
  });

  it('should stream from /v1/ by default', async () => {
    const { mock, provider } = vertex();
    for await (const part of provider.stream({ model: 'gemini-2.0-flash-001', messages: MESSAGES })) void part;
    expect(mock.requests[0].url).toBe('https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse');
  });

  it("should send Vertex requests to /v1beta1/ for apiVersion: 'v1beta1'", async () => {
    const { mock, provider } = vertex('v1beta1');
    await provider.chat({ model: 'gemini-2.0-flash-001', messages: MESSAGES });
    expect(mock.requests[0].url).toBe('https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/acme/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:generateContent');
  });

  it('should send Claude on Vertex anthropic_version vertex-2023-10-16 by default, and a pinned 2026-10-21 exactly', async () => {
    const { mock, provider } = vertex();
    await provider.chat({ model: 'claude-haiku-4-5@20251001', messages: MESSAGES });
    expect(mock.requests[0].url).toBe('https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict');
    expect(mock.requests[0].body.anthropic_version).toBe('vertex-2023-10-16');
    const pinned = createVertex({ project: 'acme', location: 'europe-west4', accessToken: 'ya29.test-token', anthropic: { version: '2026-10-21' } });
    await pinned.chat({ model: 'claude-haiku-4-5@20251001', messages: MESSAGES });
    expect(mock.requests[1].body.anthropic_version).toBe('2026-10-21');
  });

  it('should send OpenAI requests under /v1/', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'Salut' } });
    network.use(...mock.handlers);
    await createOpenAI({ apiKey: 'sk-test-abcdefghijklmnopqrstuvwxyz123456' }).chat({ model: 'gpt-4o-2024-08-06', messages: MESSAGES });
    expect(mock.requests[0].url).toBe('https://api.openai.com/v1/chat/completions');
  });
});
