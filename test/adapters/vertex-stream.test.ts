import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createVertex, mapVertexFinishReason } from '../../adapters/vertex/index.ts';
import { ConnectionError, ContentFilterError, ProviderUnavailableError, RateLimitError, ResponseParseError, StreamInterruptedError } from '../../src/errors/index.ts';
import type { HttpTransport } from '../../src/http/http-transport.ts';
import { eventStream } from '../../src/testing/mock-responses.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-stream-test-token-0123456789';
const MODEL_URL = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.5-flash';
const META = { modelVersion: 'gemini-2.5-flash', createTime: '2026-04-02T17:03:50.399550Z', responseId: 'dqHOab6xGLzWodAPkPuViA4' };
const RUNNING = { trafficType: 'ON_DEMAND' };
const SIGNATURE = 'CiMBjz1rX25KieIB4d4AwFn8/WbsHTRNHBXso88PtemwfsSfRAp6AY89a1/e2Frm';

/** Serves `events` (objects become `data:` lines) on the stream URL; `raw` strings are sent as they are. */
function serve(events: Array<object | string>, options: { contentType?: string } = {}) {
  const payloads = events.map((e) => (typeof e === 'string' ? e : `data: ${JSON.stringify(e)}\r\n\r\n`));
  network.use(
    http.post(new RegExp(`^${MODEL_URL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:streamGenerateContent(\\?alt=sse)?$`), () =>
      new HttpResponse(eventStream(payloads), { headers: { 'content-type': options.contentType ?? 'text/event-stream' } }),
    ),
  );
}

const text = (t: string, extra: object = {}) => ({ candidates: [{ content: { role: 'model', parts: [{ text: t }] } }], usageMetadata: RUNNING, ...META, ...extra });
const call = (functionCall: object, extra: object = {}) => ({ candidates: [{ content: { role: 'model', parts: [{ functionCall, ...extra }] } }], usageMetadata: RUNNING, ...META });
const final = (reason: string, usage: object, extra: object = {}) => ({ candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: reason, ...extra }], usageMetadata: usage, ...META });
const USAGE = { promptTokenCount: 26, candidatesTokenCount: 23, thoughtsTokenCount: 132, totalTokenCount: 181, trafficType: 'ON_DEMAND', promptTokensDetails: [{ modality: 'TEXT', tokenCount: 26 }] };

async function run(): Promise<{ parts: StreamPart[]; error?: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} }).stream({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] })) parts.push(part);
    return { parts };
  } catch (error) {
    return { parts, error };
  }
}
const textOf = (parts: StreamPart[]) => parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
const finishOf = (parts: StreamPart[]) => parts.find((p) => p.type === 'finish') as Extract<StreamPart, { type: 'finish' }>;

describe('Vertex streaming', () => {
  it('should take usage from the last chunk with totalTokenCount, not from the trafficType-only chunks', async () => {
    serve([text('There are **3**'), text(' "r"s in strawberry.'), final('STOP', USAGE)]);
    const { parts, error } = await run();
    expect(error).toBeUndefined();
    expect(textOf(parts)).toBe('There are **3** "r"s in strawberry.');
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'STOP',
      model: 'gemini-2.5-flash',
      requestId: 'dqHOab6xGLzWodAPkPuViA4',
      usage: { inputTokens: 26, outputTokens: 155, reasoningTokens: 132, totalTokens: 181, raw: USAGE },
      warnings: [],
    });
  });

  it('should keep the last running total when every chunk carries one', async () => {
    const running = (c: number) => ({ promptTokenCount: 9, candidatesTokenCount: c, thoughtsTokenCount: 185, totalTokenCount: 194 + c });
    serve([text('There are **3**', { usageMetadata: running(5) }), text(' r.', { usageMetadata: running(23) }), { ...final('STOP', running(23)), candidates: [{ content: { role: 'model', parts: [{ text: '', thoughtSignature: SIGNATURE }] }, finishReason: 'STOP' }] }]);
    const { parts } = await run();
    expect(finishOf(parts).usage).toMatchObject({ inputTokens: 9, outputTokens: 208, reasoningTokens: 185, totalTokens: 217 });
  });

  it('should assemble function-call arguments streamed as partialArgs', async () => {
    serve([
      call({ name: 'cookRecipe', willContinue: true }, { thoughtSignature: SIGNATURE }),
      call({ partialArgs: [{ jsonPath: '$.recipe.name', stringValue: 'Lasa', willContinue: true }], willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.recipe.name', stringValue: 'gna', willContinue: true }], willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.recipe.name', stringValue: '' }], willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.recipe.ingredients[0].amount', stringValue: '16 oz', willContinue: true }], willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.recipe.ingredients[0].amount', stringValue: '' }], willContinue: true }),
      call({ willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.recipe.ingredients[1].amount', numberValue: 0.5 }], willContinue: true }),
      call({ partialArgs: [{ jsonPath: "$.recipe['oven temp']", numberValue: 190 }, { jsonPath: '$.recipe.vegetarian', boolValue: false }, { jsonPath: '$.recipe.notes', nullValue: 'NULL_VALUE' }], willContinue: true }),
      call({}),
      call({ name: 'writeItems', willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.operations[0].action', stringValue: 'add', willContinue: true }], willContinue: true }),
      call({ partialArgs: [{ jsonPath: '$.operations[0].action', stringValue: '' }], willContinue: true }),
      // The last piece of a call may end it without an empty terminal functionCall.
      call({ partialArgs: [{ jsonPath: '$.operations[0].price', numberValue: 0.3 }] }),
      final('STOP', USAGE),
    ]);
    const { parts, error } = await run();
    expect(error).toBeUndefined();
    const calls = parts.filter((p) => p.type === 'tool-call');
    expect(calls).toEqual([
      {
        type: 'tool-call',
        id: 'call_dqHOab6xGLzWodAPkPuViA4_0',
        name: 'cookRecipe',
        arguments: { recipe: { name: 'Lasagna', ingredients: [{ amount: '16 oz' }, { amount: 0.5 }], 'oven temp': 190, vegetarian: false, notes: null } },
        rawArguments: '{"recipe":{"name":"Lasagna","ingredients":[{"amount":"16 oz"},{"amount":0.5}],"oven temp":190,"vegetarian":false,"notes":null}}',
      },
      { type: 'tool-call', id: 'call_dqHOab6xGLzWodAPkPuViA4_1', name: 'writeItems', arguments: { operations: [{ action: 'add', price: 0.3 }] }, rawArguments: '{"operations":[{"action":"add","price":0.3}]}' },
    ]);
    expect(finishOf(parts)).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'STOP' });
  });

  it('should emit parallel calls sent whole in one chunk, in order, with distinct ids', async () => {
    serve([{ candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIGNATURE }, { functionCall: { name: 'get_time', args: { zone: 'Europe/Paris' } } }] } }], usageMetadata: RUNNING, ...META }, final('STOP', USAGE)]);
    const { parts } = await run();
    expect(parts.filter((p) => p.type === 'tool-call').map((p) => [p.type === 'tool-call' && p.id, p.type === 'tool-call' && p.arguments])).toEqual([
      ['call_dqHOab6xGLzWodAPkPuViA4_0', { city: 'Paris' }],
      ['call_dqHOab6xGLzWodAPkPuViA4_1', { zone: 'Europe/Paris' }],
    ]);
  });

  it('should leave thought summaries out of the text', async () => {
    serve([{ candidates: [{ content: { role: 'model', parts: [{ text: 'Counting letters first…', thought: true }] } }], usageMetadata: RUNNING, ...META }, text('Three.'), final('STOP', USAGE)]);
    const { parts } = await run();
    expect(textOf(parts)).toBe('Three.');
  });

  it('should throw an error sent inside the stream as its typed error, or as StreamInterruptedError after content', async () => {
    const inStream = { error: { code: 429, message: 'Resource exhausted. Please try again later.', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }] } };
    serve([inStream]);
    const before = await run();
    expect(before.error).toBeInstanceOf(RateLimitError);
    expect(before.error).toMatchObject({ status: 429, providerCode: 'RESOURCE_EXHAUSTED', retryAfterMs: 7000 });

    serve([text('Partial answer'), inStream]);
    const after = await run();
    expect(after.error).toBeInstanceOf(StreamInterruptedError);
    expect(after.error).toMatchObject({ partsDelivered: 1, charactersDelivered: 14 });
    expect((after.error as Error).cause).toBeInstanceOf(RateLimitError);
    expect(after.parts.some((p) => p.type === 'finish')).toBe(false);
  });

  it('should read an array-wrapped error inside the stream', async () => {
    serve(['data: [{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}]\r\n\r\n']);
    const { error } = await run();
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ status: 503, retryable: true, providerCode: 'UNAVAILABLE' });
  });

  it('should read a stream sent as one JSON array (a proxy that dropped alt=sse)', async () => {
    serve(['[', JSON.stringify(text('Hello')), ',\r\n', JSON.stringify(text(' there')), ',\r\n', JSON.stringify(final('STOP', USAGE)), ']'], { contentType: 'application/json; charset=UTF-8' });
    const { parts, error } = await run();
    expect(error).toBeUndefined();
    expect(textOf(parts)).toBe('Hello there');
    expect(finishOf(parts).usage.totalTokens).toBe(181);
  });

  it('should throw ContentFilterError for a blocked prompt', async () => {
    serve([{ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 }, modelVersion: 'gemini-2.5-flash', responseId: 'EXCPatOAKMrQjMcPteHVmQo' }]);
    const { error } = await run();
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({ status: 200, providerCode: 'PROHIBITED_CONTENT', categories: ['PROHIBITED_CONTENT'], retryable: false, requestId: 'EXCPatOAKMrQjMcPteHVmQo' });
  });

  it('should finish with content-filter and the blocked categories when the output is stopped for safety', async () => {
    const ratings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }, { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' }];
    serve([text('Step one is to'), final('SAFETY', USAGE, { safetyRatings: ratings })]);
    const { parts } = await run();
    expect(finishOf(parts)).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'SAFETY', contentFilter: { categories: ['HARM_CATEGORY_DANGEROUS_CONTENT'], raw: ratings } });
  });

  it('should finish with error for a malformed function call', async () => {
    serve([final('MALFORMED_FUNCTION_CALL', USAGE, { finishMessage: 'Malformed function call: print(default_api.get_weather(city=Paris' })]);
    const { parts } = await run();
    expect(finishOf(parts)).toMatchObject({ finishReason: 'error', rawFinishReason: 'MALFORMED_FUNCTION_CALL' });
  });

  it('should finish when the connection drops after the final chunk', async () => {
    // A transport whose body fails right after the last event, as when a proxy resets the connection at the end.
    const events = [text('Complete answer.'), final('STOP', USAGE)].map((e) => new TextEncoder().encode(`data: ${JSON.stringify(e)}\r\n\r\n`));
    const transport: HttpTransport = {
      async request() {
        return {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: (async function* () {
            yield* events;
            throw Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
          })(),
          text: async () => '',
          dump: async () => undefined,
        };
      },
      async close() {},
      fetch: globalThis.fetch,
    };
    const parts: StreamPart[] = [];
    for await (const part of createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, transport, env: {} }).stream({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] })) parts.push(part);
    expect(finishOf(parts)).toMatchObject({ finishReason: 'stop', usage: { totalTokens: 181 } });
  });

  it('should treat a close before any finishReason as a cut stream', async () => {
    serve([]);
    const empty = await run();
    expect(empty.error).toBeInstanceOf(ConnectionError);
    expect((empty.error as Error).message).toMatch(/before a chunk with a finishReason/);

    serve([text('Half an ans'), { ...text('wer'), usageMetadata: { ...USAGE } }]);
    const cut = await run();
    expect(cut.error).toBeInstanceOf(StreamInterruptedError);
    expect((cut.error as StreamInterruptedError).charactersDelivered).toBe(14);
  });

  it('should warn when a finished stream carried no usage', async () => {
    serve([text('Hi'), final('STOP', RUNNING)]);
    const { parts } = await run();
    expect(finishOf(parts).usage.totalTokens).toBe(0);
    expect(finishOf(parts).warnings).toEqual([expect.objectContaining({ setting: 'usageMetadata' })]);
  });

  it('should raise ResponseParseError on an event that is not JSON', async () => {
    serve(['data: {"candidates":[{"content":\r\n\r\n']);
    const { error } = await run();
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ rawText: '{"candidates":[{"content":' });
  });
});

describe('mapVertexFinishReason', () => {
  it('should map every Vertex finish reason', () => {
    const table: Array<[string | null, boolean, string]> = [
      ['STOP', false, 'stop'],
      ['STOP', true, 'tool-calls'],
      ['MAX_TOKENS', true, 'length'],
      ['SAFETY', false, 'content-filter'],
      ['RECITATION', false, 'content-filter'],
      ['BLOCKLIST', false, 'content-filter'],
      ['PROHIBITED_CONTENT', false, 'content-filter'],
      ['SPII', false, 'content-filter'],
      ['IMAGE_SAFETY', false, 'content-filter'],
      ['MODEL_ARMOR', false, 'content-filter'],
      ['MALFORMED_FUNCTION_CALL', false, 'error'],
      ['UNEXPECTED_TOOL_CALL', false, 'error'],
      ['TOO_MANY_TOOL_CALLS', false, 'error'],
      ['OTHER', false, 'other'],
      ['LANGUAGE', false, 'other'],
      ['FINISH_REASON_UNSPECIFIED', false, 'other'],
      [null, false, 'other'],
    ];
    for (const [raw, calls, expected] of table) expect([raw, calls, mapVertexFinishReason(raw, calls)]).toEqual([raw, calls, expected]);
  });
});
