import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { ResponseParseError, StreamInterruptedError } from '../../src/errors/index.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const BASE = 'http://vllm.llm.svc.cluster.local:8000/v1';
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct';
const VERTEX_ROOT = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models';
const user = [{ role: 'user' as const, content: 'Hi' }];
const json = (body: string) => new HttpResponse(body, { headers: { 'content-type': 'application/json' } });
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

async function streamError(parts: StreamPart[], stream: AsyncIterable<StreamPart>): Promise<unknown> {
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    return error;
  }
  return undefined;
}

const coreweave = () => createCoreWeave({ baseURL: BASE });
const vertex = () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: 'ya29.a0-shape-test-token', env: {} });

describe('responses of an unexpected shape', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['no choices', '{"id":"chatcmpl-7f3a","object":"chat.completion","model":"m","choices":[]}'],
    ['a null tool call', '{"id":"chatcmpl-7f3b","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[null]},"finish_reason":"tool_calls"}]}'],
  ])('should raise ResponseParseError, not a TypeError or an empty answer, for an OpenAI-format chat body of %s', async (_name, body) => {
    network.use(http.post(`${BASE}/chat/completions`, () => json(body)));
    const error = await coreweave().chat({ model: MODEL, messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ code: 'response_parse', rawText: body, retryable: true });
    expect((error as Error).message).toMatch(/unexpected shape/);
  });

  it('should raise ResponseParseError for an OpenAI-format embeddings body of null', async () => {
    network.use(http.post(`${BASE}/embeddings`, () => json('null')));
    const error = await coreweave().embed({ model: 'BAAI/bge-m3', input: ['a'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
  });

  it('should end an OpenAI-format stream with a null event as ResponseParseError, or StreamInterruptedError after content', async () => {
    network.use(http.post(`${BASE}/chat/completions`, () => sse(['data: null\n\n', 'data: [DONE]\n\n'])));
    const before: StreamPart[] = [];
    const first = await streamError(before, coreweave().stream({ model: MODEL, messages: user }));
    expect(first).toBeInstanceOf(ResponseParseError);
    expect(first).toMatchObject({ rawText: 'null' });
    expect(before).toEqual([]);

    const chunk = `data: ${JSON.stringify({ id: 'chatcmpl-7f3c', object: 'chat.completion.chunk', created: 1764000000, model: MODEL, choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }] })}\n\n`;
    network.use(http.post(`${BASE}/chat/completions`, () => sse([chunk, 'data: null\n\n', 'data: [DONE]\n\n'])));
    const after: StreamPart[] = [];
    const second = await streamError(after, coreweave().stream({ model: MODEL, messages: user }));
    expect(after).toEqual([{ type: 'text-delta', text: 'Hello' }]);
    expect(second).toBeInstanceOf(StreamInterruptedError);
    expect((second as Error).cause).toBeInstanceOf(ResponseParseError);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a null candidate', '{"candidates":[null],"modelVersion":"gemini-2.0-flash-001","responseId":"shape01"}'],
    ['a null part', '{"candidates":[{"content":{"role":"model","parts":[null]},"finishReason":"STOP"}],"modelVersion":"gemini-2.0-flash-001","responseId":"shape02"}'],
  ])('should raise ResponseParseError for a Vertex generateContent body of %s', async (_name, body) => {
    network.use(http.post(`${VERTEX_ROOT}/gemini-2.0-flash-001:generateContent`, () => json(body)));
    const error = await vertex().chat({ model: 'gemini-2.0-flash-001', messages: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ rawText: body });
  });

  it('should end a Vertex stream with a null event as ResponseParseError', async () => {
    network.use(http.post(`${VERTEX_ROOT}/gemini-2.0-flash-001:streamGenerateContent`, () => sse(['data: null\r\n\r\n'])));
    const parts: StreamPart[] = [];
    const error = await streamError(parts, vertex().stream({ model: 'gemini-2.0-flash-001', messages: user }));
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(parts).toEqual([]);
  });

  it('should raise ResponseParseError for a :predict prediction without values, never an empty vector', async () => {
    network.use(http.post(`${VERTEX_ROOT}/text-embedding-005:predict`, () => HttpResponse.json({ predictions: [{ embeddings: { values: [0.1, 0.2], statistics: { token_count: 2, truncated: false } } }, { embeddings: { statistics: { token_count: 3, truncated: false } } }], metadata: { billableCharacterCount: 9 } })));
    const error = await vertex().embed({ model: 'text-embedding-005', input: ['first', 'second'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toMatch(/predictions\[1\]/);
  });
});
