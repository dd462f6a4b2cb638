import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOCI, ociBaseURL, ociProviderDefinition } from '../../adapters/oci/index.ts';
import { AuthenticationError, ConfigError } from '../../src/errors/index.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { openAIChatCompletion } from '../../src/testing/openai-wire.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';
import { captureRaw, checkOCISignature, createTestKeyPair, type RawRequest } from './oci-helpers.ts';

const REGION = 'us-chicago-1';
const BASE = 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/openai/v1';
const API_KEY = 'sk-oci-0b7f3c2a9e514d6f8a1c4e7b2d9f6a3c';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaa4kq2jz7w3xv5mfy6tqgnsd2ohr3pelkc7b6u4xwa5qzr2m';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq';
const USER = 'ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq';
const MODEL = 'meta.llama-3.3-70b-instruct';
const keys = createTestKeyPair();
const KEY_ID = `${TENANCY}/${USER}/${keys.fingerprint}`;
const signing = { region: REGION, compartmentId: COMPARTMENT, tenancy: TENANCY, user: USER, fingerprint: keys.fingerprint, privateKey: keys.privateKeyPem };

runProviderConformance({
  name: 'oci (API key)',
  createProvider: () => createOCI({ region: REGION, apiKey: API_KEY, compartmentId: COMPARTMENT }),
  mock(script) {
    const mock = createOpenAIMock({ baseURL: BASE, script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: MODEL,
  embeddingModel: 'cohere.embed-v4.0',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(`${BASE}/chat/completions`);
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers['opc-compartment-id']).toBe(COMPARTMENT);
    expect(request.headers.compartmentid).toBe(COMPARTMENT);
    expect(request.body.model).toBe(MODEL);
    if (stream) expect(request.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    else expect(request.body.stream).toBeUndefined();
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'person', schema } });
  },
});

runProviderConformance({
  name: 'oci (IAM request signing)',
  createProvider: () => createOCI(signing),
  mock(script) {
    const mock = createOpenAIMock({ baseURL: BASE, script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: MODEL,
  embeddingModel: 'cohere.embed-v4.0',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(`${BASE}/chat/completions`);
    expect(request.headers['opc-compartment-id']).toBe(COMPARTMENT);
    expect(request.headers.accept).toBe(stream ? 'text/event-stream' : 'application/json');
    // The mock keeps the parsed body; the base serialises with JSON.stringify, so re-serialising gives the sent bytes.
    const raw: RawRequest = { method: request.method, url: request.url, headers: request.headers, body: Buffer.from(JSON.stringify(request.body), 'utf8') };
    expect(checkOCISignature(raw, keys.publicKey, KEY_ID)).toBe(true);
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'person', schema } });
  },
});

describe('createOCI', () => {
  it('should build the regional URL, send max_tokens and the extra headers', async () => {
    const mock = createOpenAIMock({ baseURL: 'https://inference.generativeai.eu-frankfurt-1.oci.oraclecloud.com/openai/v1', script: { type: 'text', text: 'Hallo' } });
    network.use(...mock.handlers);
    const oci = createOCI({ region: 'eu-frankfurt-1', apiKey: API_KEY, headers: { 'OpenAI-Project': 'ocid1.generativeaiproject.oc1.eu-frankfurt-1.amaaaaaa' } });
    const result = await oci.chat({ model: 'xai.grok-4', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 20 });
    expect(result).toMatchObject({ text: 'Hallo', provider: 'oci' });
    const sent = mock.requests[0];
    expect(sent?.url).toBe('https://inference.generativeai.eu-frankfurt-1.oci.oraclecloud.com/openai/v1/chat/completions');
    expect(sent?.headers['openai-project']).toBe('ocid1.generativeaiproject.oc1.eu-frankfurt-1.amaaaaaa');
    expect(sent?.headers['opc-compartment-id']).toBeUndefined();
    expect(sent?.body).toMatchObject({ model: 'xai.grok-4', max_tokens: 20 });
    expect(sent?.body.max_completion_tokens).toBeUndefined();
  });

  it('should use a baseURL override instead of the region', async () => {
    const base = 'https://genai-proxy.internal.example.com/openai/v1';
    const mock = createOpenAIMock({ baseURL: base, script: { type: 'text', text: 'via proxy' } });
    network.use(...mock.handlers);
    await createOCI({ baseURL: `${base}/`, apiKey: API_KEY }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(mock.requests[0]?.url).toBe(`${base}/chat/completions`);
    expect(ociBaseURL('ap-osaka-1')).toBe('https://inference.generativeai.ap-osaka-1.oci.oraclecloud.com/openai/v1');
  });

  it('should map an OCI-style 401 without echoing the API key', async () => {
    network.use(
      http.post(`${BASE}/chat/completions`, () =>
        HttpResponse.json(
          { code: 'NotAuthenticated', message: `The required information to complete authentication was not provided or was incorrect (key ${API_KEY}).` },
          { status: 401, headers: { 'opc-request-id': 'E5C4B1A0F9D84A2C9B7E/0B1A2C3D4E5F/6A7B8C9D0E1F' } },
        ),
      ),
    );
    const error = await createOCI({ region: REGION, apiKey: API_KEY }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, providerCode: 'NotAuthenticated', provider: 'oci' });
    expect((error as Error).message).not.toContain(API_KEY);
    expect((error as AuthenticationError).body).not.toContain(API_KEY);
  });

  it('should sign the official openai client handed out as the escape hatch', async () => {
    const seen: RawRequest[] = [];
    network.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        seen.push(await captureRaw(request));
        return HttpResponse.json(openAIChatCompletion({ type: 'text', text: 'signed by hatch' }, MODEL));
      }),
    );
    const client = await createOCI(signing).getOpenAIClient();
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Grüß Gott' }] });
    expect(completion.choices[0]?.message.content).toBe('signed by hatch');
    expect(seen[0]?.headers['opc-compartment-id']).toBe(COMPARTMENT);
    expect(checkOCISignature(seen[0] as RawRequest, keys.publicKey, KEY_ID)).toBe(true);
  });

  it('should reject settings without credentials, with both kinds, or without a region', () => {
    const issue = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).issues;
      }
      throw new Error('expected a ConfigError');
    };
    expect(issue(() => createOCI({ region: REGION }))[0]).toMatchObject({ path: 'apiKey', message: expect.stringContaining('profile') });
    expect(issue(() => createOCI({ ...signing, apiKey: API_KEY }))[0]).toMatchObject({ path: 'apiKey', message: expect.stringContaining('alternatives') });
    expect(issue(() => createOCI({ apiKey: API_KEY }))[0]).toMatchObject({ path: 'region' });
    expect(issue(() => createOCI({ ...signing, compartmentId: undefined }))[0]).toMatchObject({ path: 'compartmentId' });
    expect(issue(() => createOCI({ region: REGION, compartmentId: COMPARTMENT, tenancy: TENANCY })).map((i) => i.path)).toEqual(['user', 'fingerprint', 'privateKey']);
    expect(issue(() => createOCI({ ...signing, fingerprint: keys.fingerprint.toUpperCase() }))[0]).toMatchObject({ path: 'fingerprint', message: expect.stringContaining('lower-case') });
  });
});

describe('ociProviderDefinition', () => {
  it('should validate `type: oci` config keys strictly and build a provider with the context', async () => {
    expect(ociProviderDefinition.type).toBe('oci');
    expect(ociProviderDefinition.configSchema.safeParse({ region: REGION, apiKey: API_KEY, compartmentId: COMPARTMENT }).success).toBe(true);
    expect(ociProviderDefinition.configSchema.safeParse({ region: REGION, apiKey: API_KEY, compartment: COMPARTMENT }).success).toBe(false);
    expect(ociProviderDefinition.configSchema.safeParse({ baseURL: 'not a url', apiKey: API_KEY }).success).toBe(false);

    const seen: RawRequest[] = [];
    network.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        seen.push(await captureRaw(request));
        return HttpResponse.json(openAIChatCompletion({ type: 'text', text: 'ok' }, MODEL));
      }),
    );
    const config = ociProviderDefinition.configSchema.parse({ ...signing });
    const provider = ociProviderDefinition.create(config, { id: 'oci-chicago', env: {}, now: () => Date.UTC(2026, 0, 21, 9, 30, 0) });
    const result = await provider.chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(result.provider).toBe('oci-chicago');
    expect(provider.type).toBe('oci');
    expect(seen[0]?.headers.date).toBe('Wed, 21 Jan 2026 09:30:00 GMT');
    expect(checkOCISignature(seen[0] as RawRequest, keys.publicKey, KEY_ID)).toBe(true);
  });
});
