import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mapAnthropicUsage } from '../../adapters/anthropic-messages/index.ts';
import { createVertex } from '../../adapters/vertex/index.ts';
import { AuthenticationError, ConnectionError, ContextLengthError, InvalidRequestError, ProviderUnavailableError, RateLimitError, ResponseParseError, StreamInterruptedError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { network } from '../setup/network.ts';
import { unevenByteStream } from '../setup/uneven-byte-stream.ts';
import { readParts } from '../helpers/stream-parts.ts';

const TOKEN = 'ya29.a0AfB_claude-response-token-0123456789abcdef';
const URL_ = 'https://us-east5-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-east5/publishers/anthropic/models';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/anthropic-vertex/${name}`, import.meta.url), 'utf8');
const vertex = (id = 'vertex') => createVertex({ id, project: 'acme-prod', location: 'us-east5', accessToken: TOKEN, env: {} });
const VERTEX_HEADERS = { 'x-vertex-ai-internal-prediction-backend': 'harpoon', server: 'scaffolding on HTTPServer2', 'request-id': 'req_vrtx_011CZPwvaXWt3cGD9r2W9LcV' };
const user = (content: string): ChatMessage[] => [{ role: 'user', content }];

/** Serves `body` for a model's rawPredict (JSON) or streamRawPredict (SSE, in uneven reads), and records the request bodies. */
function serve(model: string, body: string, init: { status?: number; stream?: boolean; headers?: Record<string, string> } = {}) {
  const bodies: unknown[] = [];
  const method = init.stream ? 'streamRawPredict' : 'rawPredict';
  network.use(
    http.post(`${URL_}/${model}:${method}`, async ({ request }) => {
      bodies.push(await request.json());
      const headers = { ...VERTEX_HEADERS, 'content-type': init.stream ? 'text/event-stream; charset=utf-8' : 'application/json', ...init.headers };
      const payload = init.stream ? unevenByteStream(new TextEncoder().encode(body), [7, 61, 3, 250, 19]) : body;
      return new HttpResponse(payload, { status: init.status ?? 200, headers });
    }),
  );
  return bodies;
}

describe('mapAnthropicUsage', () => {
  it('should add cache reads and writes to the prompt, never count them twice, and keep thinking in the output', () => {
    expect(mapAnthropicUsage({ input_tokens: 24, cache_creation_input_tokens: 512, cache_read_input_tokens: 28_804, output_tokens: 14, output_tokens_details: { thinking_tokens: 6 } })).toEqual({
      inputTokens: 29_340,
      cachedInputTokens: 28_804,
      cacheWriteTokens: 512,
      outputTokens: 14,
      reasoningTokens: 6,
      totalTokens: 29_354,
      raw: { input_tokens: 24, cache_creation_input_tokens: 512, cache_read_input_tokens: 28_804, output_tokens: 14, output_tokens_details: { thinking_tokens: 6 } },
    });
    expect(mapAnthropicUsage({ input_tokens: 9, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 24 })).toMatchObject({ inputTokens: 9, cachedInputTokens: 0, cacheWriteTokens: 0, totalTokens: 33 });
    expect(mapAnthropicUsage(undefined)).toEqual({ inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 });
  });
});

describe('Claude on Vertex responses', () => {
  it('should map a cached response: text, served model, the Vertex request id, usage with cache reads and writes', async () => {
    serve('claude-sonnet-4-5@20250929', fixture('cached-conversation.json'));
    const result = await vertex().chat({ model: 'claude-sonnet-4-5@20250929', messages: user('Where is my order?') });
    expect(result).toMatchObject({
      text: 'Your order 7 shipped on Monday and arrives Thursday.',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      model: 'claude-sonnet-4-5-20250929',
      requestId: 'req_vrtx_011CZPwvaXWt3cGD9r2W9LcV',
      provider: 'vertex',
      usage: { inputTokens: 29_340, cachedInputTokens: 28_804, cacheWriteTokens: 512, outputTokens: 14, totalTokens: 29_354 },
    });
    expect(result.reasoningState).toBeUndefined();
  });

  it('should return thinking as reasoning and its blocks as reasoning state, sent back only to the same provider', async () => {
    const bodies = serve('claude-3-7-sonnet@20250219', fixture('thinking-redacted.json'));
    const first = await vertex().chat({ model: 'claude-3-7-sonnet@20250219', messages: user('GCD of 1071 and 462?'), reasoning: { effort: 'low' } });
    expect(first.text).toBe('The greatest common divisor of 1071 and 462 is 21.');
    expect(first.reasoning).toBe('21 is the last non-zero remainder.');
    const blocks = JSON.parse(fixture('thinking-redacted.json')).content.slice(0, 2);
    expect(first.reasoningState).toEqual({ text: '21 is the last non-zero remainder.', providerData: { format: 'anthropic-messages', provider: 'vertex', blocks } });

    const next = (providerData: unknown): ChatMessage[] => [
      { role: 'user', content: 'GCD of 1071 and 462?' },
      { role: 'assistant', content: first.text, reasoning: { text: first.reasoning, providerData: providerData as never } },
      { role: 'user', content: 'And of 462 and 147?' },
    ];
    await vertex().chat({ model: 'claude-3-7-sonnet@20250219', messages: next(first.reasoningState?.providerData), reasoning: { effort: 'low' } });
    expect((bodies[1] as { messages: Array<{ content: unknown[] }> }).messages[1]?.content).toEqual([...blocks, { type: 'text', text: first.text }]);

    // Another provider id (a second Vertex project) or another wire format: dropped with a warning.
    const other = await vertex('vertex-eu').chat({ model: 'claude-3-7-sonnet@20250219', messages: next(first.reasoningState?.providerData), reasoning: { effort: 'low' } });
    expect((bodies[2] as { messages: Array<{ content: unknown[] }> }).messages[1]?.content).toEqual([{ type: 'text', text: first.text }]);
    expect(other.warnings.map((w) => w.setting)).toContain('messages[1].reasoning');
    const gemini = await vertex().chat({ model: 'claude-3-7-sonnet@20250219', messages: next({ format: 'gemini', provider: 'vertex', signatures: ['c2ln'] }) });
    expect(gemini.warnings[0]?.message).toMatch(/\(gemini state from vertex\) was not sent: vertex reads only its own anthropic-messages state/);
  });

  it('should turn the structured-output tool back into the JSON text, unwrapping a non-object root', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: '{"value":["Accra","Kumasi"]}' } });
    network.use(...mock.handlers);
    const result = await vertex().chat({ model: 'claude-haiku-4-5@20251001', messages: user('Two cities in Ghana'), responseFormat: { type: 'json', schema: { type: 'object', properties: { value: { type: 'array', items: { type: 'string' } } } } } });
    expect(result.text).toBe('{"value":["Accra","Kumasi"]}');
    network.use(
      http.post(`${URL_}/claude-haiku-4-5@20251001:rawPredict`, () =>
        HttpResponse.json({ model: 'claude-haiku-4-5-20251001', id: 'msg_vrtx_01', type: 'message', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_vrtx_01', name: 'json_response', input: { value: ['Accra', 'Kumasi'] } }], stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 30, output_tokens: 12 } }),
      ),
    );
    const list = await vertex().chat({ model: 'claude-haiku-4-5@20251001', messages: user('Two cities in Ghana'), responseFormat: { type: 'json', schema: { type: 'array', items: { type: 'string' } } } });
    expect(list).toMatchObject({ text: '["Accra","Kumasi"]', toolCalls: [], finishReason: 'stop', rawFinishReason: 'tool_use' });
  });

  it('should report a refusal as a content-filter finish with its category', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: '', finishReason: 'content-filter' } });
    network.use(...mock.handlers);
    const result = await vertex().chat({ model: 'claude-opus-4-7', messages: user('…') });
    expect(result).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'refusal', contentFilter: { categories: ['cyber'] } });
  });

  it('should raise ResponseParseError for a body it cannot read, keeping the raw text', async () => {
    serve('claude-opus-4-6', '{"model":"claude-opus-4-6","content":null}');
    const error = await vertex().chat({ model: 'claude-opus-4-6', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ResponseParseError).rawText).toBe('{"model":"claude-opus-4-6","content":null}');
  });
});

describe('Claude on Vertex errors', () => {
  const fail = async (model: string, status: number, body: unknown, headers: Record<string, string> = {}) => {
    serve(model, JSON.stringify(body), { status, headers });
    return vertex().chat({ model, messages: user('Hi') }).then(() => undefined, (e: unknown) => e);
  };

  it('should map 529 overloaded_error to a retryable ProviderUnavailableError', async () => {
    const error = await fail('claude-opus-4-6', 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ code: 'unavailable', status: 529, providerCode: 'overloaded_error', retryable: true });
  });

  it("should map Anthropic's 429 with retry-after, and Google's quota 429 in front of it", async () => {
    const anthropic = await fail('claude-opus-4-6', 429, { type: 'error', error: { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization.' } }, { 'retry-after': '7' });
    expect(anthropic).toBeInstanceOf(RateLimitError);
    expect(anthropic).toMatchObject({ retryable: true, retryAfterMs: 7000, providerCode: 'rate_limit_error' });
    const quota = await fail('claude-opus-4-6', 429, [{ error: { code: 429, message: 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-claude-opus-4-6. Please submit a quota increase request.', status: 'RESOURCE_EXHAUSTED' } }]);
    expect(quota).toBeInstanceOf(RateLimitError);
    expect(quota).toMatchObject({ providerCode: 'RESOURCE_EXHAUSTED', retryable: true });
  });

  it('should recognise a prompt that is too long, and keep other invalid requests apart', async () => {
    const long = await fail('claude-sonnet-4-5@20250929', 400, { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 215307 tokens > 200000 maximum' } });
    expect(long).toBeInstanceOf(ContextLengthError);
    expect(long).toMatchObject({ code: 'context_length', retryable: false });
    const bad = await fail('claude-sonnet-4-5@20250929', 400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: 200000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929' } });
    expect(bad).toBeInstanceOf(InvalidRequestError);
    expect(bad).toMatchObject({ code: 'invalid_request', providerCode: 'invalid_request_error' });
  });

  it("should map Google's 401 and 403 envelopes (the request never reached Anthropic) to AuthenticationError", async () => {
    const denied = await fail('claude-opus-4-6', 403, { error: { code: 403, message: "Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/acme-prod/locations/us-east5/publishers/anthropic/models/claude-opus-4-6' (or it may not exist).", status: 'PERMISSION_DENIED' } });
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect(denied).toMatchObject({ status: 403, providerCode: 'PERMISSION_DENIED' });
    const expired = await fail('claude-opus-4-6', 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    expect(expired).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(expired)).not.toContain(TOKEN);
  });
});

describe('Claude on Vertex streams', () => {
  it('should stream recorded text across uneven reads, skipping ping and vertex_event', async () => {
    const bodies = serve('claude-sonnet-4-5@20250929', fixture('text.sse'), { stream: true });
    const { parts, error } = await readParts(vertex().stream({ model: 'claude-sonnet-4-5@20250929', messages: user('How are you?') }));
    expect(error).toBeUndefined();
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text).join('')).toBe("Hello! I'm doing well — thank you for asking. How can I help you today? 😊");
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn', model: 'claude-sonnet-4-5-20250929', requestId: 'req_vrtx_011CZPwvaXWt3cGD9r2W9LcV', usage: { inputTokens: 12, outputTokens: 30, totalTokens: 42 } });
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ anthropic_version: 'vertex-2023-10-16', stream: true });
  });

  it('should stream thinking as reasoning deltas, the tool call whole, and the reasoning state with its signature', async () => {
    serve('claude-opus-4-6', fixture('thinking-tool-use.sse'), { stream: true });
    const { parts, error } = await readParts(vertex().stream({ model: 'claude-opus-4-6', messages: user('Weather in Accra?'), tools: [{ name: 'get_weather' }], reasoning: { effort: 'medium' } }));
    expect(error).toBeUndefined();
    expect(parts.map((p) => p.type)).toEqual(['reasoning-delta', 'reasoning-delta', 'text-delta', 'tool-call', 'finish']);
    expect(parts[3]).toEqual({ type: 'tool-call', id: 'toolu_vrtx_01D7FLrfh4GYq7yT1ULFeyMV', name: 'get_weather', arguments: { city: 'Accra', unit: 'celsius' }, rawArguments: '{"city": "Accra", "unit": "celsius"}' });
    const finish = parts[4] as Extract<StreamPart, { type: 'finish' }>;
    expect(finish).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'tool_use', usage: { inputTokens: 1903, cacheWriteTokens: 1862, cachedInputTokens: 0, outputTokens: 97, reasoningTokens: 31 } });
    expect(finish.reasoningState?.providerData).toEqual({
      format: 'anthropic-messages',
      provider: 'vertex',
      blocks: [{ type: 'thinking', thinking: 'The user wants the weather in Accra. I should call get_weather with the city.', signature: 'EsECCokBCBAYAipA9i3HF1aHpQITkdN8OvLd33gdPZEyLKJA9EvxTXumYzG5xgpLkCYbGOTUkjuimP/4sMuSvrTX1hLxRAhUtlZnJzIPY2xhdWRlLW9wdXMtNC02' }],
    });
  });

  it('should take input usage from message_start and output usage from the last message_delta', async () => {
    const events = [
      'event: message_start\ndata: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_vrtx_01","type":"message","role":"assistant","content":[],"usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":28804,"output_tokens":1}}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Done."}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":null},"usage":{"output_tokens":3}}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":null,"cache_read_input_tokens":null,"output_tokens":4}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ];
    serve('claude-sonnet-4-5@20250929', events.join(''), { stream: true });
    const { parts } = await readParts(vertex().stream({ model: 'claude-sonnet-4-5@20250929', messages: user('Summarise') }));
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 28_814, cachedInputTokens: 28_804, cacheWriteTokens: 0, outputTokens: 4, totalTokens: 28_818 } });
  });

  it('should fail over on an overloaded_error before content, and throw StreamInterruptedError after it', async () => {
    const before = 'event: message_start\ndata: {"type":"message_start","message":{"model":"claude-opus-4-6","id":"msg_vrtx_01","usage":{"input_tokens":5,"output_tokens":1}}}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    serve('claude-opus-4-6', before, { stream: true });
    const early = await readParts(vertex().stream({ model: 'claude-opus-4-6', messages: user('Hi') }));
    expect(early.parts).toEqual([]);
    expect(early.error).toBeInstanceOf(ProviderUnavailableError);
    expect(early.error).toMatchObject({ status: 529, providerCode: 'overloaded_error', retryable: true });

    serve('claude-sonnet-4-5@20250929', fixture('overloaded-mid-stream.sse'), { stream: true });
    const late = await readParts(vertex().stream({ model: 'claude-sonnet-4-5@20250929', messages: user('Hi') }));
    expect(late.parts).toEqual([{ type: 'text-delta', text: 'The first part of the answer' }]);
    expect(late.error).toBeInstanceOf(StreamInterruptedError);
    expect(late.error).toMatchObject({ partsDelivered: 1, charactersDelivered: 28 });
    expect((late.error as Error).cause).toBeInstanceOf(ProviderUnavailableError);
  });

  it("should type Google's error envelope sent inside a stream by its code", async () => {
    serve('claude-opus-4-6', 'data: {"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-claude-opus-4-6.","status":"RESOURCE_EXHAUSTED"}}\n\n', { stream: true });
    const { parts, error } = await readParts(vertex().stream({ model: 'claude-opus-4-6', messages: user('Hi') }));
    expect(parts).toEqual([]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, providerCode: 'RESOURCE_EXHAUSTED' });
  });

  it('should never finish without message_stop', async () => {
    const text = fixture('text.sse');
    serve('claude-sonnet-4-5@20250929', text.slice(0, text.indexOf('event: message_stop')), { stream: true });
    const cut = await readParts(vertex().stream({ model: 'claude-sonnet-4-5@20250929', messages: user('Hi') }));
    expect(cut.parts.some((p) => p.type === 'finish')).toBe(false);
    expect(cut.error).toBeInstanceOf(StreamInterruptedError);
    expect((cut.error as Error).cause).toBeInstanceOf(ConnectionError);
    expect((cut.error as Error).message).toMatch(/before message_stop/);
  });

  it('should stream the structured-output tool input as text, and read a JSON body answered to a stream', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: '{"name":"Ada","age":36}' } });
    network.use(...mock.handlers);
    const { parts } = await readParts(vertex().stream({ model: 'claude-haiku-4-5@20251001', messages: user('Who?'), responseFormat: { type: 'json', schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } } }, name: 'person' } }));
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text).join('')).toBe('{"name":"Ada","age":36}');
    expect(parts.some((p) => p.type === 'tool-call')).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', rawFinishReason: 'tool_use' });

    serve('claude-opus-4-6', fixture('cached-conversation.json'), { stream: true, headers: { 'content-type': 'application/json' } });
    const whole = await readParts(vertex().stream({ model: 'claude-opus-4-6', messages: user('Where is my order?') }));
    expect(whole.parts.map((p) => p.type)).toEqual(['text-delta', 'finish']);
    expect(whole.parts[1]).toMatchObject({ usage: { inputTokens: 29_340, cachedInputTokens: 28_804 } });
  });
});
