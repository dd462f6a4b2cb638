import { describe, expect, it } from 'vitest';
import { azureOpenAIProviderDefinition, createAzureOpenAI, type AzureTokenCredential } from '../../adapters/azure-openai/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { createAzureOpenAIMock } from '../../src/testing/create-azure-openai-mock.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';

const KEY = '3f9c1d7e2b8a4c6f9e0d1a2b3c4d5e6f';
const ENDPOINT = 'https://contoso-eastus.openai.azure.com';
const DEPLOYMENTS = { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' }, 'embed-3-small': { model: 'text-embedding-3-small' } };
const user = (content: string) => [{ role: 'user' as const, content }];

/** A stand-in for an @azure/identity TokenCredential: hands out token-1, token-2, … valid for an hour. */
function fakeCredential(now: () => number = Date.now) {
  const scopes: Array<string | string[]> = [];
  const credential: AzureTokenCredential = {
    async getToken(scope) {
      scopes.push(scope);
      return { token: `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-token-${scopes.length}`, expiresOnTimestamp: now() + 3_600_000 };
    },
  };
  return { credential, scopes };
}

runProviderConformance({
  name: 'azure-openai (classic, api-key)',
  createProvider: () => createAzureOpenAI({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2025-04-01-preview', deployments: DEPLOYMENTS }),
  mock(script) {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script, deployments: { 'prod-gpt4o': 'gpt-4o-2024-08-06' } });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'prod-gpt4o',
  embeddingModel: 'embed-3-small',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe('https://contoso-eastus.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2025-04-01-preview');
    expect(request.headers['api-key']).toBe(KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body.model).toBeUndefined();
    if (stream) expect(request.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    else expect(request.body.stream).toBeUndefined();
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'person', schema } });
  },
});

runProviderConformance({
  name: 'azure-openai (v1 API, Entra credential)',
  createProvider: () => createAzureOpenAI({ endpoint: 'https://contoso-ai.cognitiveservices.azure.com', credential: fakeCredential().credential, apiVersion: 'v1', deployments: DEPLOYMENTS }),
  mock(script) {
    const mock = createAzureOpenAIMock({ endpoint: 'https://contoso-ai.cognitiveservices.azure.com', script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'prod-gpt4o',
  embeddingModel: 'embed-3-small',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe('https://contoso-ai.cognitiveservices.azure.com/openai/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-token-1');
    expect(request.headers['api-key']).toBeUndefined();
    expect(request.body.model).toBe('prod-gpt4o');
    if (stream) expect(request.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'person', schema } });
  },
});

describe('createAzureOpenAI URLs and headers', () => {
  const cases: Array<{ name: string; endpoint: string; apiVersion?: string; auth: 'key' | 'token'; chat: string; embeddings: string }> = [
    {
      name: 'the default (the v1 API) on *.openai.azure.com (trailing slash dropped)',
      endpoint: 'https://contoso-eastus.openai.azure.com/',
      auth: 'key',
      chat: 'https://contoso-eastus.openai.azure.com/openai/v1/chat/completions',
      embeddings: 'https://contoso-eastus.openai.azure.com/openai/v1/embeddings',
    },
    {
      name: 'the pinned dated GA 2024-10-21 on *.openai.azure.com',
      endpoint: 'https://contoso-eastus.openai.azure.com',
      apiVersion: '2024-10-21',
      auth: 'key',
      chat: 'https://contoso-eastus.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21',
      embeddings: 'https://contoso-eastus.openai.azure.com/openai/deployments/embed-3-small/embeddings?api-version=2024-10-21',
    },
    {
      name: 'a dated preview on *.cognitiveservices.azure.com with a token',
      endpoint: 'https://contoso-ai.cognitiveservices.azure.com',
      apiVersion: '2025-04-01-preview',
      auth: 'token',
      chat: 'https://contoso-ai.cognitiveservices.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2025-04-01-preview',
      embeddings: 'https://contoso-ai.cognitiveservices.azure.com/openai/deployments/embed-3-small/embeddings?api-version=2025-04-01-preview',
    },
    {
      name: 'the v1 API on *.services.ai.azure.com',
      endpoint: 'https://contoso-foundry.services.ai.azure.com',
      apiVersion: 'v1',
      auth: 'key',
      chat: 'https://contoso-foundry.services.ai.azure.com/openai/v1/chat/completions',
      embeddings: 'https://contoso-foundry.services.ai.azure.com/openai/v1/embeddings',
    },
    {
      name: 'the v1 preview behind an API Management gateway with a path prefix',
      endpoint: 'https://apim-contoso.azure-api.net/aoai/',
      apiVersion: 'preview',
      auth: 'token',
      chat: 'https://apim-contoso.azure-api.net/aoai/openai/v1/chat/completions?api-version=preview',
      embeddings: 'https://apim-contoso.azure-api.net/aoai/openai/v1/embeddings?api-version=preview',
    },
    {
      name: 'a dated GA behind an API Management gateway',
      endpoint: 'https://apim-contoso.azure-api.net/aoai',
      apiVersion: '2024-06-01',
      auth: 'key',
      chat: 'https://apim-contoso.azure-api.net/aoai/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-06-01',
      embeddings: 'https://apim-contoso.azure-api.net/aoai/openai/deployments/embed-3-small/embeddings?api-version=2024-06-01',
    },
  ];
  for (const c of cases) {
    it(`should send exact URLs and ${c.auth === 'key' ? 'the api-key header' : 'a bearer token'} for ${c.name}`, async () => {
      const mock = createAzureOpenAIMock({ endpoint: c.endpoint, script: [{ type: 'text', text: 'ok' }, { type: 'embeddings' }] });
      network.use(...mock.handlers);
      const auth = c.auth === 'key' ? { apiKey: KEY } : { credential: fakeCredential().credential };
      const azure = createAzureOpenAI({ endpoint: c.endpoint, apiVersion: c.apiVersion, deployments: DEPLOYMENTS, headers: { 'X-Tenant': 'acme' }, ...auth });
      await azure.chat({ model: 'prod-gpt4o', messages: user('Hi') });
      await azure.embed({ model: 'embed-3-small', input: ['hello'] });
      const [chat, embed] = mock.requests;
      expect(chat?.url).toBe(c.chat);
      expect(embed?.url).toBe(c.embeddings);
      for (const request of [chat, embed]) {
        expect(request?.headers['x-tenant']).toBe('acme');
        expect(request?.headers['content-type']).toBe('application/json');
        if (c.auth === 'key') {
          expect(request?.headers['api-key']).toBe(KEY);
          expect(request?.headers.authorization).toBeUndefined();
        } else {
          expect(request?.headers.authorization).toBe('Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-token-1');
          expect(request?.headers['api-key']).toBeUndefined();
        }
      }
      const v1 = c.apiVersion === undefined || c.apiVersion === 'v1' || c.apiVersion === 'preview';
      expect(chat?.body.model).toBe(v1 ? 'prod-gpt4o' : undefined);
      expect(embed?.body.model).toBe(v1 ? 'embed-3-small' : undefined);
      expect(azure.apiVersion).toBe(c.apiVersion ?? 'v1');
      expect(azure.deployments['prod-gpt4o']).toEqual({ model: 'gpt-4o-2024-08-06' });
    });
  }

  it('should read the endpoint and key from env when not given, and encode the deployment in the path', async () => {
    const mock = createAzureOpenAIMock({ endpoint: 'https://fabrikam.openai.azure.com', script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const azure = createAzureOpenAI({ apiVersion: '2024-10-21', env: { AZURE_OPENAI_ENDPOINT: 'https://fabrikam.openai.azure.com', AZURE_OPENAI_API_KEY: KEY } });
    await azure.chat({ model: 'gpt 4o/eu', messages: user('Hi') });
    expect(mock.requests[0]?.url).toBe('https://fabrikam.openai.azure.com/openai/deployments/gpt%204o%2Feu/chat/completions?api-version=2024-10-21');
    expect(mock.requests[0]?.headers['api-key']).toBe(KEY);
  });
});

describe('createAzureOpenAI settings errors', () => {
  const base = { endpoint: ENDPOINT };
  it.each([
    ['both a key and a credential', { ...base, apiKey: KEY, credential: fakeCredential().credential }, /either apiKey .* or credential/],
    ['both a key and a token provider', { ...base, apiKey: KEY, tokenProvider: async (): Promise<string> => 'tok' }, /either apiKey .* or tokenProvider/],
    ['a token provider and a credential', { ...base, tokenProvider: async (): Promise<string> => 'tok', credential: fakeCredential().credential }, /either tokenProvider or credential/],
    ['no credentials', { ...base, env: {} }, /AZURE_OPENAI_API_KEY/],
    ['no endpoint', { apiKey: KEY, env: {} }, /AZURE_OPENAI_ENDPOINT/],
    ['the key in the endpoint variable (swapped env vars)', { env: { AZURE_OPENAI_ENDPOINT: KEY, AZURE_OPENAI_API_KEY: 'https://contoso.openai.azure.com' } }, /endpoint is not a URL/],
    ['an endpoint ending in /openai', { endpoint: 'https://contoso.openai.azure.com/openai/', apiKey: KEY }, /remove "\/openai"/],
    ['an endpoint ending in /openai/v1', { endpoint: 'https://contoso.openai.azure.com/openai/v1', apiKey: KEY }, /remove "\/openai\/v1"/],
    ['an endpoint with a query', { endpoint: 'https://contoso.openai.azure.com?api-version=2024-10-21', apiKey: KEY }, /query/],
    ['a malformed api-version', { ...base, apiKey: KEY, apiVersion: '2024-10' }, /not an Azure OpenAI api-version/],
    ['a misspelt preview', { ...base, apiKey: KEY, apiVersion: '2025-04-01-Preview' }, /not an Azure OpenAI api-version/],
  ])('should throw ConfigError for %s', (_name, settings, message) => {
    const error = (() => {
      try {
        createAzureOpenAI(settings);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('should not take the env key when a token source is given', async () => {
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createAzureOpenAI({ endpoint: ENDPOINT, credential: fakeCredential().credential, env: { AZURE_OPENAI_API_KEY: KEY } }).chat({ model: 'prod-gpt4o', messages: user('Hi') });
    expect(mock.requests[0]?.headers['api-key']).toBeUndefined();
    expect(mock.requests[0]?.headers.authorization).toMatch(/^Bearer /);
  });
});

describe('azureOpenAIProviderDefinition', () => {
  it('should accept a config entry and build a provider with the context id, env and transport', async () => {
    const config = azureOpenAIProviderDefinition.configSchema.parse({ endpoint: 'https://contoso-eastus.openai.azure.com', apiKey: KEY, apiVersion: '2024-10-21', deployments: { 'prod-gpt4o': { model: 'gpt-4o-2024-08-06' } }, headers: { 'x-team': 'search' } });
    const provider = azureOpenAIProviderDefinition.create(config, { id: 'azure-east', env: {} });
    expect(provider).toMatchObject({ id: 'azure-east', type: 'azure-openai', apiVersion: '2024-10-21' });
    const mock = createAzureOpenAIMock({ endpoint: ENDPOINT, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const result = await provider.chat({ model: 'prod-gpt4o', messages: user('Hi') });
    expect(result.provider).toBe('azure-east');
    expect(mock.requests[0]?.headers['x-team']).toBe('search');
  });

  it('should accept credential: default and reject unknown keys, bad versions and a deployment without its model', () => {
    const schema = azureOpenAIProviderDefinition.configSchema;
    expect(schema.safeParse({ endpoint: ENDPOINT, credential: 'default', apiVersion: 'v1' }).success).toBe(true);
    expect(schema.safeParse({ endpoint: ENDPOINT, apiKey: KEY, deployment: 'x' }).success).toBe(false);
    expect(schema.safeParse({ endpoint: ENDPOINT, apiKey: KEY, apiVersion: '2024-10' }).success).toBe(false);
    expect(schema.safeParse({ endpoint: ENDPOINT, apiKey: KEY, deployments: { 'prod-gpt4o': {} } }).success).toBe(false);
    expect(schema.safeParse({ endpoint: 'contoso', apiKey: KEY }).success).toBe(false);
  });
});
