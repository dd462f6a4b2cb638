import { generateKeyPairSync } from 'node:crypto';
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex } from '../../adapters/vertex/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { eventStream } from '../../src/testing/mock-responses.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-genai-test-token-0123456789';
const MODEL = 'gemini-2.5-flash';
const MODEL_URL = `https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models/${MODEL}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const META = { modelVersion: 'gemini-2.5-flash', createTime: '2026-04-07T16:49:58.333958Z', responseId: 'tjXVaYaxFISTq8YP_MWiyAo' };
const SIGNATURE = 'CiQBjz1rX4f2Hq0wEV3pWmZ8kQ0nW0J1b0h2bXk5cnRyZXBsYXk=';

/** The bytes both clients parse: whole responses and SSE streams in Vertex's shape. */
const FIXTURES = {
  text: {
    candidates: [{ content: { role: 'model', parts: [{ text: 'Thinking about r…', thought: true }, { text: 'There are **3** "r"s in strawberry.' }, { text: '', thoughtSignature: SIGNATURE }] }, finishReason: 'STOP', avgLogprobs: -0.182 }],
    usageMetadata: { promptTokenCount: 1030, cachedContentTokenCount: 1024, candidatesTokenCount: 28, thoughtsTokenCount: 244, totalTokenCount: 1302, trafficType: 'ON_DEMAND' },
    ...META,
  },
  calls: {
    candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris', unit: 'celsius' } }, thoughtSignature: SIGNATURE }, { functionCall: { name: 'get_time', args: { zone: 'Europe/Paris' } } }] }, finishReason: 'STOP', finishMessage: 'Model generated function call(s).' }],
    usageMetadata: { promptTokenCount: 61, candidatesTokenCount: 17, thoughtsTokenCount: 93, totalTokenCount: 171, trafficType: 'ON_DEMAND' },
    ...META,
  },
  textStream: [
    { candidates: [{ content: { role: 'model', parts: [{ text: 'The capital' }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
    { candidates: [{ content: { role: 'model', parts: [{ text: ' of France' }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
    { candidates: [{ content: { role: 'model', parts: [{ text: ' is Paris.' }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
    { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 7, thoughtsTokenCount: 31, totalTokenCount: 46, trafficType: 'ON_DEMAND' }, ...META },
  ],
  callStream: [
    { candidates: [{ content: { role: 'model', parts: [{ text: 'Checking both.' }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
    { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIGNATURE }] } }], usageMetadata: { trafficType: 'ON_DEMAND' }, ...META },
    { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_time', args: { zone: 'Europe/Paris' } } }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 22, totalTokenCount: 62, trafficType: 'ON_DEMAND' }, ...META },
  ],
};

/** Serves `body` on both methods of the model: JSON for :generateContent, CRLF-separated SSE for :streamGenerateContent. */
function serve(body: object | object[]) {
  const seen: Array<{ url: string; authorization: string | null }> = [];
  network.use(
    http.post(new RegExp(`^${escape(MODEL_URL)}:(generateContent|streamGenerateContent)(\\?alt=sse)?$`), ({ request }) => {
      seen.push({ url: request.url, authorization: request.headers.get('authorization') });
      if (!Array.isArray(body)) return HttpResponse.json(body);
      return new HttpResponse(eventStream(body.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`)), { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return seen;
}

function officialClient() {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: TOKEN });
  return new GoogleGenAI({ vertexai: true, project: 'acme-prod', location: 'us-central1', apiVersion: 'v1', googleAuthOptions: { authClient } });
}
const provider = () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} });

/** What Switchyard's usage rule makes of the usage an official client reports. */
function normalise(usage: GenerateContentResponse['usageMetadata']) {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return { inputTokens: usage?.promptTokenCount ?? 0, cachedInputTokens: usage?.cachedContentTokenCount ?? 0, outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts, reasoningTokens: thoughts, totalTokens: usage?.totalTokenCount ?? 0 };
}
const quiet = <T>(fn: () => T): T => {
  // The official client's `.text` getter warns on non-text parts; the comparison does not need it on the console.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
};

describe('Vertex differential test against @google/genai', () => {
  for (const name of ['text', 'calls'] as const) {
    it(`should read the same ${name} response as the official client`, async () => {
      const seen = serve(FIXTURES[name]);
      const ours = await provider().chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
      const theirs = await officialClient().models.generateContent({ model: MODEL, contents: 'Hi' });
      expect(seen).toHaveLength(2);
      expect(seen[0]).toEqual(seen[1]);
      expect(ours.text).toBe(quiet(() => theirs.text) ?? '');
      expect(ours.toolCalls.map((c) => ({ name: c.name, args: c.arguments }))).toEqual((theirs.functionCalls ?? []).map((c) => ({ name: c.name, args: c.args })));
      expect(ours.usage).toMatchObject(normalise(theirs.usageMetadata));
      expect(ours.model).toBe(theirs.modelVersion);
      expect(ours.requestId).toBe(theirs.responseId);
      expect(ours.rawFinishReason).toBe(theirs.candidates?.[0]?.finishReason);
    });
  }

  for (const name of ['textStream', 'callStream'] as const) {
    it(`should read the same ${name} as the official client`, async () => {
      const seen = serve(FIXTURES[name]);
      const parts: StreamPart[] = [];
      for await (const part of provider().stream({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })) parts.push(part);
      let text = '';
      const calls: Array<{ name?: string; args?: unknown }> = [];
      let usage: GenerateContentResponse['usageMetadata'];
      for await (const chunk of await officialClient().models.generateContentStream({ model: MODEL, contents: 'Hi' })) {
        text += quiet(() => chunk.text) ?? '';
        for (const c of chunk.functionCalls ?? []) calls.push({ name: c.name, args: c.args });
        if (chunk.usageMetadata?.totalTokenCount !== undefined) usage = chunk.usageMetadata;
      }
      expect(seen.map((s) => s.url)).toEqual([`${MODEL_URL}:streamGenerateContent?alt=sse`, `${MODEL_URL}:streamGenerateContent?alt=sse`]);
      expect(parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('')).toBe(text);
      expect(parts.flatMap((p) => (p.type === 'tool-call' ? [{ name: p.name, args: p.arguments }] : []))).toEqual(calls);
      const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
      expect(finish.usage).toMatchObject(normalise(usage));
      expect(finish.usage.totalTokens).toBeGreaterThan(0);
    });
  }
});

describe('VertexProvider.getGoogleGenAI', () => {
  it('should hand out a GoogleGenAI in Vertex mode with the same project, location, version, headers and token', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'from the official client', chunks: 2 } });
    network.use(...mock.handlers);
    const genai = await createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, headers: { 'X-Team': 'search' }, env: {} }).getGoogleGenAI<GoogleGenAI>();
    expect(genai.vertexai).toBe(true);
    const response = await genai.models.generateContent({ model: MODEL, contents: 'Hi' });
    expect(response.text).toBe('from the official client');
    let streamed = '';
    for await (const chunk of await genai.models.generateContentStream({ model: MODEL, contents: 'Hi' })) streamed += chunk.text ?? '';
    expect(streamed).toBe('from the official client');
    expect(mock.requests.map((r) => r.url)).toEqual([`${MODEL_URL}:generateContent`, `${MODEL_URL}:streamGenerateContent?alt=sse`]);
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(mock.requests[0]?.headers['x-team']).toBe('search');
  });

  it('should pin the same API version and base URL', async () => {
    const base = 'https://gw.acme.example/vertex';
    const mock = createVertexMock({ baseURL: base, script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const genai = await createVertex({ project: 'acme-prod', location: 'europe-west4', apiVersion: 'v1beta1', baseURL: base, accessToken: TOKEN, env: {} }).getGoogleGenAI<GoogleGenAI>();
    await genai.models.generateContent({ model: MODEL, contents: 'Hi' });
    expect(mock.requests[0]?.url).toBe(`${base}/v1beta1/projects/acme-prod/locations/europe-west4/publishers/google/models/${MODEL}:generateContent`);
  });

  it('should use the express-mode API key on the project-less path', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const genai = await createVertex({ apiKey: 'AIzaSyD-express-key-0123456789abcdef', env: {} }).getGoogleGenAI<GoogleGenAI>();
    await genai.models.generateContent({ model: MODEL, contents: 'Hi' });
    expect(mock.requests[0]?.url).toBe(`https://aiplatform.googleapis.com/v1/publishers/google/models/${MODEL}:generateContent`);
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('AIzaSyD-express-key-0123456789abcdef');
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('should share the provider\'s cached ADC token', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    let fetched = 0;
    network.use(http.post('https://oauth2.googleapis.com/token', () => HttpResponse.json({ access_token: `ya29.c.adc-token-${++fetched}`, expires_in: 3599, token_type: 'Bearer' })));
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const vertex = createVertex({ project: 'acme-prod', location: 'us-central1', googleAuthOptions: { credentials: { type: 'service_account', client_email: 'ci@acme-prod.iam.gserviceaccount.com', private_key: privateKey } }, env: {} });
    await vertex.chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    await (await vertex.getGoogleGenAI<GoogleGenAI>()).models.generateContent({ model: MODEL, contents: 'Hi' });
    expect(fetched).toBe(1);
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.c.adc-token-1', 'Bearer ya29.c.adc-token-1']);
  });
});
