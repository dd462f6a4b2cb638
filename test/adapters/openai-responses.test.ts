import { http, HttpResponse } from 'msw';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAI } from '../../adapters/azure-openai/index.ts';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { ConfigError, ConnectionError, InvalidRequestError, ProviderUnavailableError, RateLimitError, StreamInterruptedError } from '../../src/errors/index.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { mockEncryptedReasoning } from '../../src/testing/openai-responses-wire.ts';
import type { ChatMessage } from '../../src/types/chat-message.ts';
import { network } from '../setup/network.ts';
import { collectParts, readParts } from '../helpers/stream-parts.ts';

const KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz123456';
const URL_RESPONSES = 'https://api.openai.com/v1/responses';
const openai = () => createOpenAI({ apiKey: KEY, api: 'responses' });
const user = (content: string): ChatMessage[] => [{ role: 'user', content }];

/** Serves the given SSE frames (strings) on the Responses URL. */
function serveFrames(frames: string[], options: { cut?: boolean } = {}) {
  network.use(
    http.post(URL_RESPONSES, () => {
      const encoder = new TextEncoder();
      let i = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (i < frames.length) return controller.enqueue(encoder.encode(frames[i++] as string));
          if (options.cut) controller.error(new Error('connection reset'));
          else controller.close();
        },
      });
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_frames' } });
    }),
  );
}

const frame = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const created = frame('response.created', { sequence_number: 0, response: { id: 'resp_abc', object: 'response', status: 'in_progress', model: 'gpt-5.1-2025-11-13', output: [] } });
const delta = (text: string, seq: number) => frame('response.output_text.delta', { sequence_number: seq, item_id: 'msg_1', output_index: 0, content_index: 0, delta: text });

describe('the Responses API request', () => {
  it('should map every ChatRequest field to the Responses body, with warnings for stop, seed and budgetTokens', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const result = await openai().chat({
      model: 'gpt-5.1-2025-11-13',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', url: 'https://example.com/cat.png' },
            { type: 'image', data: new Uint8Array([137, 80, 78, 71]), mediaType: 'image/png' },
            { type: 'file', data: 'JVBERi0xLjcK', mediaType: 'application/pdf', filename: 'invoice.pdf' },
            { type: 'file', data: new Uint8Array([37, 80, 68, 70]), mediaType: 'application/pdf' },
            { type: 'file', url: 'https://example.com/report.pdf', mediaType: 'application/pdf' },
          ],
        },
        { role: 'assistant', content: 'Let me look.', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'cat' } }, { id: 'call_2', name: 'lookup', arguments: '{"q":"pdf"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"found":true}' },
        { role: 'tool', toolCallId: 'call_2', content: [{ type: 'text', text: 'none' }] },
        { role: 'system', content: 'Now summarise.' },
      ],
      maxTokens: 300,
      temperature: 0.4,
      topP: 0.9,
      stop: ['END'],
      seed: 7,
      tools: [
        { name: 'lookup', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'], additionalProperties: false }, strict: true },
        { name: 'ping' },
      ],
      toolChoice: { name: 'lookup' },
      responseFormat: { type: 'json', name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false }, strict: true, description: 'The answer' },
      reasoning: { effort: 'high', summary: true, budgetTokens: 2048 },
      cacheKey: 'tenant-acme',
      serviceTier: 'flex',
      providerOptions: { openai: { truncation: 'auto' }, vertex: { ignored: true } },
    });
    const request = mock.requests[0];
    expect(request?.url).toBe(URL_RESPONSES);
    // The body as built, checked against the openai package's request type (generated from OpenAI's spec).
    const body: ResponseCreateParamsNonStreaming = request?.body;
    expect(body).toEqual({
      model: 'gpt-5.1-2025-11-13',
      instructions: 'Be brief.\n\nAnswer in French.',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in these?' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw==', detail: 'auto' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0xLjcK', filename: 'invoice.pdf' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERg==', filename: 'document.pdf' },
            { type: 'input_file', file_url: 'https://example.com/report.pdf' },
          ],
        },
        { role: 'assistant', content: 'Let me look.' },
        { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"cat"}' },
        { type: 'function_call', call_id: 'call_2', name: 'lookup', arguments: '{"q":"pdf"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"found":true}' },
        { type: 'function_call_output', call_id: 'call_2', output: 'none' },
        { role: 'system', content: 'Now summarise.' },
      ],
      max_output_tokens: 300,
      temperature: 0.4,
      top_p: 0.9,
      tools: [
        { type: 'function', name: 'lookup', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'], additionalProperties: false }, strict: true },
        { type: 'function', name: 'ping', parameters: { type: 'object', properties: {} }, strict: false },
      ],
      tool_choice: { type: 'function', name: 'lookup' },
      text: { format: { type: 'json_schema', name: 'answer', description: 'The answer', schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false }, strict: true } },
      reasoning: { effort: 'high', summary: 'auto' },
      prompt_cache_key: 'tenant-acme',
      service_tier: 'flex',
      store: false,
      include: ['reasoning.encrypted_content'],
      truncation: 'auto',
    });
    expect(result.warnings.map((w) => w.setting)).toEqual(['stop', 'seed', 'reasoning.budgetTokens']);
  });

  it('should send JSON mode without a schema as text.format json_object, and let providerOptions keep state (store: true)', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: '{}' } });
    network.use(...mock.handlers);
    await openai().chat({ model: 'gpt-5.1', messages: user('JSON please'), responseFormat: { type: 'json' }, providerOptions: { openai: { store: true } } });
    expect(mock.requests[0]?.body).toMatchObject({ text: { format: { type: 'json_object' } }, store: true });
    expect(mock.requests[0]?.body.reasoning).toBeUndefined();
  });

  it('should refuse a tool result whose call id no assistant turn made, before sending anything', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'never' } });
    network.use(...mock.handlers);
    const error = await openai()
      .chat({ model: 'gpt-5.1', messages: [...user('Hi'), { role: 'assistant', content: null, toolCalls: [{ id: 'call_a', name: 'f', arguments: {} }] }, { role: 'tool', toolCallId: 'call_b', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/messages\[2\].*"call_b".*Nothing was sent/);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('the Responses API result', () => {
  it('should map text, tool calls, usage, the reasoning summary and the served model, and hand back the encrypted reasoning', async () => {
    const mock = createOpenAIMock({ script: { type: 'tool-calls', calls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'Paris' } }], reasoning: 'I should call the weather tool.', model: 'gpt-5.1-2025-11-13', usage: { inputTokens: 40, cachedInputTokens: 32, outputTokens: 25, reasoningTokens: 16 } } });
    network.use(...mock.handlers);
    const result = await openai().chat({ model: 'gpt-5.1', messages: user('Weather in Paris?'), tools: [{ name: 'get_weather' }] });
    expect(result).toMatchObject({
      text: '',
      toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'Paris' }, rawArguments: '{"city":"Paris"}' }],
      finishReason: 'tool-calls',
      rawFinishReason: 'completed',
      usage: { inputTokens: 40, cachedInputTokens: 32, outputTokens: 25, reasoningTokens: 16, totalTokens: 65 },
      model: 'gpt-5.1-2025-11-13',
      reasoning: 'I should call the weather tool.',
      reasoningState: { text: 'I should call the weather tool.', providerData: { format: 'openai-responses', provider: 'openai', items: [{ type: 'reasoning', encrypted_content: mockEncryptedReasoning('I should call the weather tool.') }] } },
      provider: 'openai',
    });
    expect(result.requestId).toMatch(/^req_/);
  });

  it.each([
    ['length', 'length', 'max_output_tokens'],
    ['content-filter', 'content-filter', 'content_filter'],
  ] as const)('should map incomplete_details.reason for a %s finish, in chat and stream', async (scripted, finishReason, raw) => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'Partial answ', finishReason: scripted } });
    network.use(...mock.handlers);
    expect(await openai().chat({ model: 'gpt-5.1', messages: user('Hi') })).toMatchObject({ finishReason, rawFinishReason: raw, text: 'Partial answ' });
    expect((await collectParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }))).at(-1)).toMatchObject({ type: 'finish', finishReason, rawFinishReason: raw });
  });

  it('should throw the typed error of a 200 whose response failed', async () => {
    network.use(http.post(URL_RESPONSES, () => HttpResponse.json({ id: 'resp_f', object: 'response', status: 'failed', error: { code: 'server_error', message: 'The server had an error.' }, output: [], model: 'gpt-5.1-2025-11-13' })));
    const error = await openai().chat({ model: 'gpt-5.1', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ providerCode: 'server_error', retryable: true });
  });
});

describe('the Responses API stream', () => {
  it('should deliver reasoning deltas, text deltas and whole tool calls, and the encrypted reasoning on the finish part', async () => {
    const mock = createOpenAIMock({ script: { type: 'tool-calls', text: 'Checking.', calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }, { id: 'call_2', name: 'get_time', arguments: { zone: 'Europe/Paris' } }], reasoning: 'Two tools are needed here.' } });
    network.use(...mock.handlers);
    const parts = await collectParts(openai().stream({ model: 'gpt-5.1', messages: user('Weather and time?'), reasoning: { summary: true } }));
    expect(parts.filter((p) => p.type === 'reasoning-delta').map((p) => (p as { text: string }).text).join('')).toBe('Two tools are needed here.');
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text).join('')).toBe('Checking.');
    expect(parts.filter((p) => p.type === 'tool-call').map((p) => [(p as { id: string }).id, (p as { arguments: unknown }).arguments])).toEqual([['call_1', { city: 'Paris' }], ['call_2', { zone: 'Europe/Paris' }]]);
    const finish = parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'tool-calls', reasoningState: { text: 'Two tools are needed here.', providerData: { format: 'openai-responses', provider: 'openai', items: [{ type: 'reasoning', encrypted_content: mockEncryptedReasoning('Two tools are needed here.') }] } } });
    expect(mock.requests[0]?.body).toMatchObject({ stream: true, reasoning: { summary: 'auto' }, store: false, include: ['reasoning.encrypted_content'] });
  });

  it('should separate reasoning summaries with a blank line so the deltas join to result.reasoning', async () => {
    serveFrames([
      created,
      frame('response.reasoning_summary_text.delta', { item_id: 'rs_1', summary_index: 0, delta: 'First.' }),
      frame('response.reasoning_summary_text.delta', { item_id: 'rs_1', summary_index: 1, delta: 'Second' }),
      frame('response.reasoning_summary_text.delta', { item_id: 'rs_1', summary_index: 1, delta: '.' }),
      frame('response.completed', { response: { id: 'resp_abc', status: 'completed', model: 'gpt-5.1-2025-11-13', output: [], usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } } }),
    ]);
    const parts = await collectParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(parts.filter((p) => p.type === 'reasoning-delta').map((p) => (p as { text: string }).text)).toEqual(['First.', '\n\nSecond', '.']);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2 }, requestId: 'req_frames' });
  });

  it('should read the reasoning text of open-weight models (reasoning_text), streamed and whole, when there is no summary', async () => {
    // gpt-oss behind an OpenAI-compatible Responses server (vLLM, OCI) streams its raw reasoning as reasoning_text deltas.
    const item = { id: 'rs_2', type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'The user greets me. Answer briefly.' }] };
    const message = { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello!', annotations: [] }] };
    const completed = { id: 'resp_abc', status: 'completed', model: 'gpt-oss-120b', output: [item, message], usage: { input_tokens: 70, output_tokens: 12, output_tokens_details: { reasoning_tokens: 9 }, total_tokens: 82 } };
    serveFrames([
      created,
      frame('response.output_item.added', { sequence_number: 1, output_index: 0, item: { ...item, content: [] } }),
      frame('response.reasoning_text.delta', { sequence_number: 2, item_id: 'rs_2', output_index: 0, content_index: 0, delta: 'The user greets me.' }),
      frame('response.reasoning_text.delta', { sequence_number: 3, item_id: 'rs_2', output_index: 0, content_index: 0, delta: ' Answer briefly.' }),
      frame('response.reasoning_text.done', { sequence_number: 4, item_id: 'rs_2', output_index: 0, content_index: 0, text: 'The user greets me. Answer briefly.' }),
      frame('response.output_item.done', { sequence_number: 5, output_index: 0, item }),
      delta('Hello!', 6),
      frame('response.completed', { sequence_number: 7, response: completed }),
    ]);
    const parts = await collectParts(openai().stream({ model: 'gpt-oss-120b', messages: user('Hi') }));
    expect(parts.filter((p) => p.type === 'reasoning-delta').map((p) => (p as { text: string }).text)).toEqual(['The user greets me.', ' Answer briefly.']);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text)).toEqual(['Hello!']);
    network.use(http.post(URL_RESPONSES, () => HttpResponse.json({ object: 'response', ...completed })));
    expect(await openai().chat({ model: 'gpt-oss-120b', messages: user('Hi') })).toMatchObject({ text: 'Hello!', reasoning: 'The user greets me. Answer briefly.', usage: { reasoningTokens: 9 } });
  });

  it('should fail with the typed error when response.failed arrives before content (rate_limit_exceeded is retried)', async () => {
    serveFrames([created, frame('response.failed', { response: { id: 'resp_abc', status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5.1 on tokens per min (TPM).' } } })]);
    const { parts, error } = await readParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(parts).toEqual([]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ providerCode: 'rate_limit_exceeded', retryable: true });
  });

  it('should read the top-level error event shape of the openai package (code, message, param)', async () => {
    serveFrames([created, frame('error', { sequence_number: 1, code: 'server_error', message: 'The model produced invalid content.', param: null })]);
    const { error } = await readParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toContain('The model produced invalid content.');
  });

  it('should turn an error after content into StreamInterruptedError with the error as cause', async () => {
    serveFrames([created, delta('Once upon', 1), delta(' a time', 2), frame('error', { error: { type: 'server_error', code: 'server_error', message: 'Internal error.' } })]);
    const { parts, error } = await readParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(parts.map((p) => p.type)).toEqual(['text-delta', 'text-delta']);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ partsDelivered: 2, charactersDelivered: 16 });
    expect((error as Error).cause).toBeInstanceOf(ProviderUnavailableError);
  });

  it('should treat a body that ends without a terminal event as a cut stream, never a quiet end', async () => {
    serveFrames([created]);
    const before = await readParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(before.parts).toEqual([]);
    expect(before.error).toBeInstanceOf(ConnectionError);
    expect((before.error as Error).message).toMatch(/ended the Responses stream before response\.completed/);
    serveFrames([created, delta('Half', 1)]);
    const after = await readParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(after.parts).toHaveLength(1);
    expect(after.error).toBeInstanceOf(StreamInterruptedError);
    expect((after.error as Error).cause).toBeInstanceOf(ConnectionError);
  });

  it('should answer an in-band quota error in a 200 stream as a QuotaExhaustedError from the test kit (inStream)', async () => {
    const mock = createOpenAIMock({ script: { type: 'error', status: 429, inStream: true } });
    network.use(...mock.handlers);
    const { parts, error } = await readParts(openai().stream({ model: 'gpt-5.1', messages: user('Hi') }));
    expect(parts).toEqual([]);
    expect(error).toMatchObject({ code: 'quota_exhausted', providerCode: 'insufficient_quota', retryable: false });
    // The non-streaming request gets the HTTP error.
    expect(await openai().chat({ model: 'gpt-5.1', messages: user('Hi') }).catch((e: unknown) => e)).toMatchObject({ code: 'rate_limit', status: 429 });
  });
});

describe('reasoning state across turns', () => {
  const state = (provider: string, format = 'openai-responses') => ({ text: 'Thinking.', providerData: { format, provider, items: [{ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thinking.' }], encrypted_content: 'gAAAAABenc' }] } });
  const history = (reasoning: ReturnType<typeof state>): ChatMessage[] => [
    ...user('Weather in Paris?'),
    { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], reasoning },
    { role: 'tool', toolCallId: 'call_1', content: '{"c":18}' },
  ];

  it("should send this provider's encrypted reasoning items back before the function call they preceded", async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: '18 °C.' } });
    network.use(...mock.handlers);
    const result = await openai().chat({ model: 'gpt-5.1', messages: history(state('openai')) });
    expect(mock.requests[0]?.body.input).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thinking.' }], encrypted_content: 'gAAAAABenc' },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"c":18}' },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['another provider id', state('azure-east')],
    ['another wire format', state('openai', 'gemini')],
  ])('should drop reasoning state from %s with a warning, never send it', async (_name, reasoning) => {
    const mock = createOpenAIMock({ script: { type: 'text', text: '18 °C.' } });
    network.use(...mock.handlers);
    const result = await openai().chat({ model: 'gpt-5.1', messages: history(reasoning) });
    expect(mock.requests[0]?.body.input.some((i: { type?: string }) => i.type === 'reasoning')).toBe(false);
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'other', setting: 'messages[1].reasoning', message: expect.stringMatching(/The reasoning state of messages\[1\] \(.* state from .*\) was not sent: openai reads only its own openai-responses state/) })]);
  });

  it('should drop any reasoning state on Chat Completions with a warning', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: '18 °C.' } });
    network.use(...mock.handlers);
    const result = await createOpenAI({ apiKey: KEY }).chat({ model: 'gpt-5.1', messages: history(state('openai')) });
    expect(JSON.stringify(mock.requests[0]?.body)).not.toContain('gAAAAABenc');
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'messages[1].reasoning', message: expect.stringMatching(/was not sent: openai takes no reasoning state on this API/) })]);
    const finish = (await collectParts(createOpenAI({ apiKey: KEY }).stream({ model: 'gpt-5.1', messages: history(state('openai')) }))).at(-1);
    expect(finish).toMatchObject({ type: 'finish', warnings: [expect.objectContaining({ setting: 'messages[1].reasoning' })] });
    expect(JSON.stringify(mock.requests[1]?.body)).not.toContain('gAAAAABenc');
  });
});

describe('api and withApi', () => {
  it('should switch APIs with withApi, keeping credentials, headers and the escape hatch', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const chat = createOpenAI({ apiKey: KEY, headers: { 'X-Team': 'search' } });
    expect(chat.api).toBe('chat');
    const responses = chat.withApi?.('responses');
    expect(responses?.api).toBe('responses');
    expect(responses?.withApi?.('chat')).toBe(chat);
    expect(chat.withApi?.('responses')).toBe(responses);
    expect(typeof (responses as typeof chat).getOpenAIClient).toBe('function');
    await responses?.chat({ model: 'gpt-5.1', messages: user('Hi') });
    await chat.chat({ model: 'gpt-5.1', messages: user('Hi') });
    expect(mock.requests.map((r) => [r.url, r.headers['x-team'], r.headers.authorization])).toEqual([
      [URL_RESPONSES, 'search', `Bearer ${KEY}`],
      ['https://api.openai.com/v1/chat/completions', 'search', `Bearer ${KEY}`],
    ]);
  });

  it('should refuse the Responses API where Switchyard does not call it: Azure classic api-versions, CoreWeave', () => {
    const classic = () => createAzureOpenAI({ endpoint: 'https://contoso.openai.azure.com', apiKey: 'azure-key-0123456789abcdef', apiVersion: '2025-04-01-preview', api: 'responses' });
    expect(classic).toThrow(ConfigError);
    expect(classic).toThrow(/v1 API only.*Remove apiVersion \(or set it to v1\)/);
    const azure = createAzureOpenAI({ endpoint: 'https://contoso.openai.azure.com', apiKey: 'azure-key-0123456789abcdef', apiVersion: '2024-10-21' });
    expect(() => azure.withApi?.('responses')).toThrow(/v1 API only/);
    const coreweave = createCoreWeave({ baseURL: 'https://llm.acme.example/v1' });
    expect(() => coreweave.withApi?.('responses')).toThrow(/does not serve the Responses API/);
  });
});
