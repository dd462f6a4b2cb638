import { expect } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createOCI } from '../../adapters/oci/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { createOCIMock } from '../../src/testing/create-oci-mock.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { CapturedRequest } from '../../src/testing/script-step.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';

const OPENAI_KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz123456';
const AZURE_KEY = 'azure-key-0123456789abcdef';
const OCI_KEY = 'sk-oci-0b7f3c2a9e514d6f8a1c4e7b2d9f6a3c';
const AZURE_ENDPOINT = 'https://contoso-eastus.openai.azure.com';
const OCI_BASE = 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/openai/v1';

/** What every Responses request body has, whatever the provider: input items, stateless with encrypted reasoning, no Chat Completions fields. */
function expectResponsesBody(request: CapturedRequest, model: string, stream: boolean): void {
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers.accept).toBe(stream ? 'text/event-stream' : 'application/json');
  expect(request.body).toMatchObject({ model, store: false, include: ['reasoning.encrypted_content'] });
  expect(request.body.input[0]).toMatchObject({ role: 'user' });
  expect(request.body.messages).toBeUndefined();
  expect(request.body.stream_options).toBeUndefined();
  expect(request.body.max_completion_tokens).toBeUndefined();
  if (stream) expect(request.body.stream).toBe(true);
  else expect(request.body.stream).toBeUndefined();
}

const expectJsonSchemaSent = (request: CapturedRequest, schema: Record<string, unknown>) => {
  expect(request.body.text).toMatchObject({ format: { type: 'json_schema', name: 'person', schema } });
  expect(request.body.response_format).toBeUndefined();
};

runProviderConformance({
  name: 'openai (api: responses)',
  createProvider: () => createOpenAI({ apiKey: OPENAI_KEY, api: 'responses' }),
  mock(script) {
    const mock = createOpenAIMock({ script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'gpt-5.1-2025-11-13',
  embeddingModel: 'text-embedding-3-small',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe('https://api.openai.com/v1/responses');
    expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expectResponsesBody(request, 'gpt-5.1-2025-11-13', stream);
  },
  expectJsonSchemaSent,
});

runProviderConformance({
  name: 'azure-openai v1 (api: responses)',
  createProvider: () => createAzureOpenAI({ endpoint: AZURE_ENDPOINT, apiKey: AZURE_KEY, api: 'responses', deployments: { 'prod-gpt51': { model: 'gpt-5.1-2025-11-13' }, 'embed-3-small': { model: 'text-embedding-3-small' } } }),
  mock(script) {
    const mock = createAzureOpenAIMock({ endpoint: AZURE_ENDPOINT, script, deployments: { 'prod-gpt51': 'gpt-5.1-2025-11-13' } });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'prod-gpt51',
  embeddingModel: 'embed-3-small',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(`${AZURE_ENDPOINT}/openai/v1/responses`);
    expect(request.headers['api-key']).toBe(AZURE_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expectResponsesBody(request, 'prod-gpt51', stream);
  },
  expectJsonSchemaSent,
});

runProviderConformance({
  name: 'oci (api: responses)',
  createProvider: () => createOCI({ region: 'us-chicago-1', apiKey: OCI_KEY, api: 'responses' }),
  mock(script) {
    const mock = createOCIMock({ region: 'us-chicago-1', script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'openai.gpt-5.5-pro',
  embeddingModel: 'cohere.embed-v4.0',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(`${OCI_BASE}/responses`);
    expect(request.headers.authorization).toBe(`Bearer ${OCI_KEY}`);
    expectResponsesBody(request, 'openai.gpt-5.5-pro', stream);
  },
  expectJsonSchemaSent,
});
