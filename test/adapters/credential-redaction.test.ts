import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { createOCI } from '../../adapters/oci/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { AuthenticationError, ConnectionError, ResponseParseError, StreamInterruptedError } from '../../src/errors/index.ts';
import { createFetchTransport } from '../../src/http/create-fetch-transport.ts';
import { createUndiciTransport } from '../../src/http/create-undici-transport.ts';
import type { Provider } from '../../src/types/provider.ts';
import { network } from '../setup/network.ts';
import { createTestKeyPair } from './oci-helpers.ts';

/** Everything a logger could print of an error: its string, JSON, stack and `util.inspect` down to every `cause`. */
const printed = (error: unknown) => [String(error), JSON.stringify(error), (error as Error).stack, inspect(error, { depth: Infinity, showHidden: true })].join('\n');

/** The credential a request carried, as a provider that echoes it back would see it. */
function credentialOf(request: Request): string {
  const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '');
  return request.headers.get('api-key') ?? request.headers.get('x-goog-api-key') ?? bearer ?? '';
}

const sse = (events: string[]) =>
  new HttpResponse(
    new ReadableStream({
      start(controller) {
        for (const e of events) controller.enqueue(new TextEncoder().encode(e));
        controller.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );

const openAIChunk = (content: string) => `data: ${JSON.stringify({ id: 'chatcmpl-9xRedact01', object: 'chat.completion.chunk', created: 1764000000, model: 'gpt-4o-2024-08-06', choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`;
const vertexChunk = (text: string) => `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, modelVersion: 'gemini-2.0-flash-001', responseId: 'Redact01xYz', createTime: '2026-11-23T12:00:00.000000Z' })}\r\n\r\n`;

/** One way a provider authenticates, and how its wire answers. */
interface AuthMode {
  name: string;
  wire: 'openai' | 'vertex';
  /** Matches the chat (and stream) URL. */
  url: string | RegExp;
  create(): Provider;
  /** Credentials the test hands out or configures; none may appear in any error. */
  secrets: string[];
  model: string;
  /** False for IAM signing: the per-request signature is not a reusable credential and is not scrubbed. @default true */
  bearer?: boolean;
}

const { privateKey: saKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const ociKeys = createTestKeyPair({ type: 'pkcs8', passphrase: 'oci-passphrase-7f3a9c' });
const VERTEX_URL = /^https:\/\/us-central1-aiplatform\.googleapis\.com\/v1\/projects\/acme-prod\/locations\/us-central1\/publishers\/google\/models\/gemini-2\.0-flash-001:(generateContent|streamGenerateContent)/;
const VERTEX_EXPRESS_URL = /^https:\/\/aiplatform\.googleapis\.com\/v1\/publishers\/google\/models\/gemini-2\.0-flash-001:(generateContent|streamGenerateContent)/;
const AZURE_URL = 'https://contoso-eastus.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions';
const OCI_URL = 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/openai/v1/chat/completions';

/** A token source handing out a new token on every call (so a renewal after a 401 uses a second one). */
function tokens(prefix: string, handedOut: string[]) {
  return () => {
    const token = `${prefix}${handedOut.length + 1}-${'x'.repeat(24)}`;
    handedOut.push(token);
    return token;
  };
}

function modes(): AuthMode[] {
  const azureTokens: string[] = [];
  const azureCredentialTokens: string[] = [];
  const vertexTokens: string[] = [];
  const adcTokens: string[] = [];
  const nextAzure = tokens('eyJ0eXAiOiJKV1QifQ.azure-entra-', azureTokens);
  const nextCredential = tokens('eyJ0eXAiOiJKV1QifQ.azure-credential-', azureCredentialTokens);
  const nextAdc = tokens('ya29.c.adc-token-', adcTokens);
  network.use(http.post('https://oauth2.googleapis.com/token', () => HttpResponse.json({ access_token: nextAdc(), expires_in: 3599, token_type: 'Bearer' })));
  return [
    { name: 'openai apiKey', wire: 'openai', url: 'https://api.openai.com/v1/chat/completions', model: 'gpt-4o', secrets: ['sk-proj-redact-openai-0123456789abcdef'], create: () => createOpenAI({ apiKey: 'sk-proj-redact-openai-0123456789abcdef' }) },
    { name: 'coreweave apiKey', wire: 'openai', url: 'https://api.inference.wandb.ai/v1/chat/completions', model: 'meta-llama/Llama-3.1-8B-Instruct', secrets: ['wandb-redact-key-0123456789abcdef'], create: () => createCoreWeave({ apiKey: 'wandb-redact-key-0123456789abcdef' }) },
    { name: 'azure apiKey', wire: 'openai', url: AZURE_URL, model: 'prod-gpt4o', secrets: ['5e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b'], create: () => createAzureOpenAI({ endpoint: 'https://contoso-eastus.openai.azure.com', apiKey: '5e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b', apiVersion: '2025-04-01-preview' }) },
    {
      name: 'azure tokenProvider',
      wire: 'openai',
      url: AZURE_URL,
      model: 'prod-gpt4o',
      secrets: azureTokens,
      create: () => createAzureOpenAI({ endpoint: 'https://contoso-eastus.openai.azure.com', tokenProvider: () => ({ token: nextAzure(), expiresOnTimestamp: Date.now() + 3_600_000 }), apiVersion: '2025-04-01-preview' }),
    },
    {
      name: 'azure credential',
      wire: 'openai',
      url: AZURE_URL,
      model: 'prod-gpt4o',
      secrets: azureCredentialTokens,
      create: () => createAzureOpenAI({ endpoint: 'https://contoso-eastus.openai.azure.com', credential: { getToken: async () => ({ token: nextCredential(), expiresOnTimestamp: Date.now() + 3_600_000 }) }, apiVersion: '2025-04-01-preview' }),
    },
    { name: 'vertex express apiKey', wire: 'vertex', url: VERTEX_EXPRESS_URL, model: 'gemini-2.0-flash-001', secrets: ['AIzaSyRedactExpressKey0123456789abcd'], create: () => createVertex({ apiKey: 'AIzaSyRedactExpressKey0123456789abcd', env: {} }) },
    { name: 'vertex accessToken string', wire: 'vertex', url: VERTEX_URL, model: 'gemini-2.0-flash-001', secrets: ['ya29.a0-fixed-redact-token-0123456789'], create: () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: 'ya29.a0-fixed-redact-token-0123456789', env: {} }) },
    { name: 'vertex accessToken function', wire: 'vertex', url: VERTEX_URL, model: 'gemini-2.0-flash-001', secrets: vertexTokens, create: () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: tokens('ya29.a0-fn-token-', vertexTokens), env: {} }) },
    {
      name: 'vertex ADC',
      wire: 'vertex',
      url: VERTEX_URL,
      model: 'gemini-2.0-flash-001',
      secrets: adcTokens,
      create: () =>
        createVertex({
          project: 'acme-prod',
          location: 'us-central1',
          env: {},
          googleAuthOptions: { credentials: { type: 'service_account', project_id: 'acme-prod', private_key_id: '3f8a1c2b9d7e', private_key: saKey, client_email: 'ci@acme-prod.iam.gserviceaccount.com', client_id: '1045839201', token_uri: 'https://oauth2.googleapis.com/token' } },
        }),
    },
    { name: 'oci apiKey', wire: 'openai', url: OCI_URL, model: 'meta.llama-3.3-70b-instruct', secrets: ['sk-oci-redact-0b7f3c2a9e514d6f8a1c'], create: () => createOCI({ region: 'us-chicago-1', apiKey: 'sk-oci-redact-0b7f3c2a9e514d6f8a1c' }) },
    {
      name: 'oci IAM signing (encrypted key)',
      wire: 'openai',
      bearer: false,
      url: OCI_URL,
      model: 'meta.llama-3.3-70b-instruct',
      secrets: ['oci-passphrase-7f3a9c', ...ociKeys.privateKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))],
      create: () =>
        createOCI({
          region: 'us-chicago-1',
          compartmentId: 'ocid1.compartment.oc1..aaaaaaaaredact',
          tenancy: 'ocid1.tenancy.oc1..aaaaaaaaredact',
          user: 'ocid1.user.oc1..aaaaaaaaredact',
          fingerprint: ociKeys.fingerprint,
          privateKey: ociKeys.privateKeyPem,
          passphrase: 'oci-passphrase-7f3a9c',
        }),
    },
  ];
}

const user = [{ role: 'user' as const, content: 'Hi' }];

function expectNoSecret(error: unknown, mode: AuthMode) {
  const text = printed(error);
  expect(mode.secrets.length).toBeGreaterThan(0);
  for (const secret of mode.secrets) expect(text, `${mode.name}: a credential leaked`).not.toContain(secret);
}

/** A provider error body that quotes the credential it was sent, as some gateways and servers do. */
function echoError(mode: AuthMode, credential: string, status: number) {
  const message = `Access denied for credential ${credential} (header: Bearer ${credential})`;
  return mode.wire === 'vertex'
    ? { error: { code: status, message, status: status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL' } }
    : { error: { message, type: 'invalid_request_error', param: null, code: status === 401 ? 'invalid_api_key' : 'server_error' } };
}

describe('credential redaction in errors, for every auth mode', () => {
  for (const name of modes().map((m) => m.name)) {
    it(`should keep the credential out of a 401 that echoes it (${name}), after any renewal too`, async () => {
      const mode = modes().find((m) => m.name === name) as AuthMode;
      let calls = 0;
      network.use(
        http.post(mode.url, ({ request }) => {
          calls++;
          return HttpResponse.json(echoError(mode, credentialOf(request), 401), { status: 401, headers: { 'x-request-id': `req_redact_${calls}`, 'www-authenticate': `Bearer error="invalid_token", token="${credentialOf(request)}"` } });
        }),
      );
      const error = await mode.create().chat({ model: mode.model, messages: user }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(calls).toBeGreaterThanOrEqual(1);
      if (mode.bearer !== false) expect(printed(error)).toContain('[REDACTED]');
      expectNoSecret(error, mode);
    });

    it(`should keep the credential out of an error event after content (${name})`, async () => {
      const mode = modes().find((m) => m.name === name) as AuthMode;
      network.use(
        http.post(mode.url, ({ request }) => {
          const error = `data: ${JSON.stringify(echoError(mode, credentialOf(request), 500))}\n\n`;
          return mode.wire === 'vertex' ? sse([vertexChunk('Hello'), error]) : sse([openAIChunk('Hello'), error, 'data: [DONE]\n\n']);
        }),
      );
      const error = await (async () => {
        for await (const _ of mode.create().stream({ model: mode.model, messages: user })) void _;
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamInterruptedError);
      expectNoSecret(error, mode);
    });

    it(`should keep the credential out of the raw text of a response that is not JSON (${name})`, async () => {
      const mode = modes().find((m) => m.name === name) as AuthMode;
      network.use(http.post(mode.url, ({ request }) => new HttpResponse(`<html><body>Gateway debug: Authorization: Bearer ${credentialOf(request)}</body></html>`, { headers: { 'content-type': 'text/html' } })));
      const error = await mode.create().chat({ model: mode.model, messages: user }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseParseError);
      expect((error as ResponseParseError).rawText).toContain('Gateway debug');
      expectNoSecret(error, mode);
    });
  }

  it.each([
    ['fetch', createFetchTransport],
    ['undici', createUndiciTransport],
  ])('should keep a malformed key out of the transport error that rejects it (%s transport)', async (_name, make) => {
    // A key pasted with a line break (a two-line env var) is an invalid header value; fetch quotes the value in its error.
    const key = 'sk-proj-two-lines-0123456789abcdef\nsk-proj-second-line-fedcba9876543210';
    network.use(http.post('https://api.openai.com/v1/chat/completions', () => HttpResponse.json({ error: { message: 'unreachable' } }, { status: 500 })));
    const transport = make();
    const error = await createOpenAI({ apiKey: key, transport }).chat({ model: 'gpt-4o', messages: user }).catch((e: unknown) => e);
    await transport.close();
    expect(error).toBeInstanceOf(ConnectionError);
    const text = printed(error);
    for (const part of [key, ...key.split('\n')]) expect(text).not.toContain(part);
  });

  it('should keep the service account key and its signed assertion out of an ADC failure', async () => {
    let assertion = '';
    network.use(
      http.post('https://oauth2.googleapis.com/token', async ({ request }) => {
        assertion = new URLSearchParams(await request.text()).get('assertion') ?? '';
        return HttpResponse.json({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }, { status: 400 });
      }),
    );
    const vertex = createVertex({
      project: 'acme-prod',
      location: 'us-central1',
      env: {},
      googleAuthOptions: { credentials: { type: 'service_account', project_id: 'acme-prod', private_key_id: '3f8a1c2b9d7e', private_key: saKey, client_email: 'ci@acme-prod.iam.gserviceaccount.com', client_id: '1045839201', token_uri: 'https://oauth2.googleapis.com/token' } },
    });
    const error = await vertex.chat({ model: 'gemini-2.0-flash-001', messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(assertion.length).toBeGreaterThan(100);
    const text = printed(error);
    expect(text).not.toContain(assertion);
    expect(text).not.toContain(assertion.split('.')[2]);
    for (const line of saKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(text).not.toContain(line);
  });
});
