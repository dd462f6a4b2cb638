import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex, vertexProviderDefinition } from '../../adapters/vertex/index.ts';
import { ConfigError, ResponseParseError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-test-access-token-0123456789abcdef';
const MODEL_URL = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.0-flash-001';

/** JSON Schema types in Vertex's spelling, written out independently of the adapter's converter. */
function upperTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(upperTypes);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'type' && typeof v === 'string' ? v.toUpperCase() : upperTypes(v)]));
}

runProviderConformance({
  name: 'vertex',
  createProvider: () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} }),
  mock(script) {
    const mock = createVertexMock({ script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'gemini-2.0-flash-001',
  embeddingModel: 'text-embedding-005',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(stream ? `${MODEL_URL}:streamGenerateContent?alt=sse` : `${MODEL_URL}:generateContent`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe(stream ? 'text/event-stream' : 'application/json');
    expect(request.body.contents[0]).toEqual({ role: 'user', parts: [{ text: expect.any(String) }] });
    expect(request.body.model).toBeUndefined();
    expect(request.body.stream).toBeUndefined();
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.generationConfig).toMatchObject({ responseMimeType: 'application/json', responseSchema: upperTypes(schema) });
  },
});

describe('createVertex', () => {
  it('should send every request setting in the GenerateContentRequest shape', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, headers: { 'X-Team': 'search' }, env: {} }).chat({
      model: 'gemini-2.0-flash-001',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in these?' }, { type: 'image', data: new Uint8Array([137, 80, 78, 71]), mediaType: 'image/png' }, { type: 'image', url: 'gs://acme-bucket/cat.jpg' }, { type: 'image', url: 'data:image/webp;base64,UklGRg==' }] },
        { role: 'assistant', content: 'Let me look.', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'x' } }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"found":true}' },
      ],
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stop: 'END',
      seed: 7,
      tools: [{ name: 'lookup', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string', description: 'query' } }, required: ['q'] } }],
      toolChoice: { name: 'lookup' },
      providerOptions: { vertex: { safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' }], generationConfig: { thinkingConfig: { thinkingBudget: 512 } } }, openai: { ignored: true } },
    });
    expect(mock.requests[0]?.headers['x-team']).toBe('search');
    expect(mock.requests[0]?.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'What is in these?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw==' } }, { fileData: { mimeType: 'image/jpeg', fileUri: 'gs://acme-bucket/cat.jpg' } }, { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } }] },
        { role: 'model', parts: [{ text: 'Let me look.' }, { functionCall: { name: 'lookup', args: { q: 'x' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { found: true } } }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      tools: [{ functionDeclarations: [{ name: 'lookup', description: 'Search', parameters: { type: 'OBJECT', properties: { q: { type: 'STRING', description: 'query' } }, required: ['q'] } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['lookup'] } },
      generationConfig: { maxOutputTokens: 100, temperature: 0.5, topP: 0.9, stopSequences: ['END'], seed: 7, thinkingConfig: { thinkingBudget: 512 } },
      safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' }],
    });
  });

  it('should map each toolChoice to functionCallingConfig', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const vertex = createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} });
    for (const toolChoice of ['auto', 'none', 'required'] as const) {
      await vertex.chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }], tools: [{ name: 'noop' }], toolChoice });
    }
    expect(mock.requests.map((r) => r.body.toolConfig)).toEqual([{ functionCallingConfig: { mode: 'AUTO' } }, { functionCallingConfig: { mode: 'NONE' } }, { functionCallingConfig: { mode: 'ANY' } }]);
    // A tool without arguments has no `parameters` (Vertex rejects an OBJECT without properties).
    expect(mock.requests[0]?.body.tools).toEqual([{ functionDeclarations: [{ name: 'noop' }] }]);
  });

  it('should report modelVersion as model and responseId as requestId, with usage normalised', async () => {
    network.use(
      http.post(`${MODEL_URL}:generateContent`, () =>
        HttpResponse.json({
          candidates: [{ content: { role: 'model', parts: [{ text: 'There are 3 r in strawberry.' }] }, finishReason: 'STOP', avgLogprobs: -0.21 }],
          usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 28, thoughtsTokenCount: 244, cachedContentTokenCount: 4, totalTokenCount: 281, trafficType: 'ON_DEMAND' },
          modelVersion: 'gemini-2.0-flash-001',
          createTime: '2026-04-07T16:49:58.333958Z',
          responseId: 'tjXVaYaxFISTq8YP_MWiyAo',
        }),
      ),
    );
    const result = await createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'How many r?' }] });
    expect(result).toMatchObject({
      text: 'There are 3 r in strawberry.',
      finishReason: 'stop',
      rawFinishReason: 'STOP',
      model: 'gemini-2.0-flash-001',
      requestId: 'tjXVaYaxFISTq8YP_MWiyAo',
      provider: 'vertex',
      usage: { inputTokens: 9, cachedInputTokens: 4, outputTokens: 272, reasoningTokens: 244, totalTokens: 281 },
    });
  });

  it('should raise ResponseParseError on malformed JSON, keeping the raw text', async () => {
    network.use(http.post(`${MODEL_URL}:generateContent`, () => new HttpResponse('{"candidates":[{"content":', { headers: { 'content-type': 'application/json' } })));
    const error = await createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ code: 'response_parse', rawText: '{"candidates":[{"content":' });
  });

  it('should never put the access token in an error, even when the provider echoes it', async () => {
    network.use(http.post(`${MODEL_URL}:generateContent`, () => HttpResponse.json({ error: { code: 400, message: `Malformed header: Bearer ${TOKEN}`, status: 'INVALID_ARGUMENT' } }, { status: 400 })));
    const error = await createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} }).chat({ model: 'gemini-2.0-flash-001', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    const printed = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack} ${(error as { body?: string }).body}`;
    expect(printed).not.toContain(TOKEN);
    expect(printed).toContain('[REDACTED]');
  });

  it('should read project and location from the environment when created', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const vertex = createVertex({ accessToken: TOKEN, env: { GOOGLE_CLOUD_PROJECT: 'env-proj', GOOGLE_CLOUD_LOCATION: 'asia-northeast1' } });
    await vertex.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] });
    expect(mock.requests[0]?.url).toBe('https://asia-northeast1-aiplatform.googleapis.com/v1/projects/env-proj/locations/asia-northeast1/publishers/google/models/gemini-2.5-flash:generateContent');
    expect(vertex.apiVersion).toBe('v1');
    expect(vertex.type).toBe('vertex');
  });

  it('should explain every settings problem at once, naming the settings', () => {
    const error = (() => {
      try {
        createVertex({ apiVersion: 'v2' as never, env: {} });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((i) => i.path)).toEqual(['apiVersion', 'project']);
    expect(error.message).toMatch(/GOOGLE_CLOUD_PROJECT/);
    expect(() => createVertex({ apiKey: 'AIzaSyD-express-key-0123456789', project: 'acme', env: {} })).toThrow(/Express mode/);
    expect(() => createVertex({ project: 'acme', location: 'Europe West', accessToken: TOKEN, env: {} })).toThrow(/not a Vertex AI location/);
  });

  it('should validate the `type: vertex` config block strictly', () => {
    const schema = vertexProviderDefinition.configSchema;
    expect(schema.safeParse({ project: 'acme', location: 'europe-west4', apiVersion: 'v1' }).success).toBe(true);
    expect(schema.safeParse({ project: 'acme', apiVersion: 'v2' }).success).toBe(false);
    expect(schema.safeParse({ project: 'acme', region: 'us-central1' }).success).toBe(false);
    const provider = vertexProviderDefinition.create({ project: 'acme', location: 'europe-west4', apiVersion: 'v1beta1', accessToken: TOKEN }, { id: 'gcp-eu', env: {} });
    expect(provider).toMatchObject({ id: 'gcp-eu', type: 'vertex', apiVersion: 'v1beta1' });
  });
});
