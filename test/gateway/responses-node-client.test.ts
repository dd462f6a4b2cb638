import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { mockEncryptedReasoning } from '../../src/testing/openai-responses-wire.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import { SERVED, startClientGateway } from './helpers/start-client-gateway.ts';
import { useMockUpstreams, type TestGateway } from './helpers/start-gateway.ts';

const upstreams = useMockUpstreams(2);
const REASONER = 'gpt-5.1-2025-11-13';
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/**
 * Mocks on both upstreams and a gateway: `chat` (Chat Completions at `main`, then `backup`), `solo` (`main` only),
 * `thinker` (the Responses API at `main`, then `backup` on Chat Completions).
 */
async function setUp(primaryScript: ScriptStep | ScriptStep[], fallbackScript: ScriptStep | ScriptStep[] = { type: 'text', text: 'from the fallback' }) {
  const started = await startClientGateway(upstreams, { primary: primaryScript, fallback: fallbackScript }, { thinker: { targets: [{ provider: 'main', model: REASONER, api: 'responses' }, { provider: 'backup', model: SERVED }] } }, { primaryServedModel: false });
  gw = started.gw;
  return started;
}

/** The SSE events of a raw streamed answer, as `{ event, data }`. */
function sseEvents(raw: string): Array<{ event: string; data: Record<string, any> }> {
  return raw
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(frame)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, any> };
    });
}

describe('POST /v1/responses with the openai Node client', () => {
  it('should answer as the Responses API does, mapped to a chat call: instructions, input, settings, usage, served model', async () => {
    const { client, first } = await setUp({ type: 'text', text: 'Bonjour !', usage: { inputTokens: 21, outputTokens: 4, cachedInputTokens: 8 } });
    const { data, response } = await client.responses
      .create({ model: 'chat', instructions: 'Answer in French.', input: 'Hello', max_output_tokens: 20, temperature: 0.2, top_p: 0.9, metadata: { ticket: 'T-1' }, store: false })
      .withResponse();
    expect(data.id).toMatch(/^resp_/);
    expect(data).toMatchObject({ object: 'response', status: 'completed', model: SERVED, instructions: 'Answer in French.', max_output_tokens: 20, temperature: 0.2, top_p: 0.9, store: false, metadata: { ticket: 'T-1' }, error: null, incomplete_details: null });
    expect(data.output_text).toBe('Bonjour !');
    expect(data.output).toEqual([{ id: expect.stringMatching(/^msg_/), type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Bonjour !', annotations: [], logprobs: [] }] }]);
    expect(data.usage).toEqual({ input_tokens: 21, input_tokens_details: { cached_tokens: 8, cache_write_tokens: 0 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 25 });
    expect(data.created_at).toBeGreaterThan(1_700_000_000);
    expect(response.headers.get('x-switchyard-provider')).toBe('main');
    expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    expect(response.headers.get('x-switchyard-cost-usd')).toBe('0.000082500');
    expect(first.requests[0]?.url).toBe(`${upstreams[0]?.origin}/v1/chat/completions`);
    expect(first.requests[0]?.body).toMatchObject({ model: SERVED, messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello' }], max_completion_tokens: 20, temperature: 0.2, top_p: 0.9 });
    await gw?.flush();
    expect(gw?.ledger.records.at(-1)).toMatchObject({ operation: 'chat', provider: 'main', outcome: 'success' });
  });

  it('should stream the typed events the client assembles, ending with response.completed, usage and the switchyard field', async () => {
    const { client, gw } = await setUp({ type: 'text', text: 'one two three four five', chunks: 5, usage: { inputTokens: 9, outputTokens: 5 } });
    const stream = client.responses.stream({ model: 'chat', input: [{ role: 'user', content: 'Count' }] });
    const types: string[] = [];
    let deltas = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') deltas += event.delta;
    }
    const final = await stream.finalResponse();
    expect(deltas).toBe('one two three four five');
    expect(final.output_text).toBe('one two three four five');
    expect(final).toMatchObject({ status: 'completed', model: SERVED, usage: { input_tokens: 9, output_tokens: 5, total_tokens: 14 } });
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
    expect(types.slice(-5)).toEqual(['response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
    // On the wire: one sequence, the served model from the first event on, the switchyard field on the last.
    const raw = await fetch(`${gw.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat', stream: true, input: 'Count' }) });
    expect(raw.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(raw.headers.get('x-switchyard-provider')).toBe('main');
    const events = sseEvents(await raw.text());
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.every((e) => e.event === e.data.type)).toBe(true);
    expect(events[0]?.data.response).toMatchObject({ status: 'in_progress', model: SERVED, output: [] });
    const last = events.at(-1)?.data as Record<string, any>;
    expect(last.type).toBe('response.completed');
    expect(last.switchyard).toMatchObject({ provider: 'main', cost_usd: '0.000072500', finish_reason: 'stop', attempts: [{ provider: 'main', outcome: 'success' }] });
    expect(new Set(events.filter((e) => e.data.response).map((e) => e.data.response.id)).size).toBe(1);
  });

  it('should carry function tools and tool_choice, return function calls, and take their outputs back as input', async () => {
    const calls = [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Accra', unit: 'celsius' } }];
    const { client, first } = await setUp({ type: 'tool-calls', calls, usage: { inputTokens: 60, outputTokens: 18 } });
    const tools: OpenAI.Responses.FunctionTool[] = [{ type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city', 'unit'], additionalProperties: false }, strict: true }];
    const result = await client.responses.create({ model: 'chat', input: 'Weather in Accra?', tools, tool_choice: { type: 'function', name: 'get_weather' } });
    expect(result.output).toEqual([{ id: expect.stringMatching(/^fc_/), type: 'function_call', status: 'completed', call_id: 'call_weather_1', name: 'get_weather', arguments: '{"city":"Accra","unit":"celsius"}' }]);
    expect(result.tools).toEqual(tools.map((t) => ({ ...t })));
    expect(first.requests[0]?.body.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: tools[0]?.parameters, strict: true } }]);
    expect(first.requests[0]?.body.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });

    // Streamed: the call's arguments as delta and done events, the call in the final response.
    const stream = client.responses.stream({ model: 'chat', input: 'Weather in Accra?', tools });
    const argumentEvents: string[] = [];
    for await (const event of stream) if (event.type === 'response.function_call_arguments.delta' || event.type === 'response.function_call_arguments.done') argumentEvents.push(event.type);
    expect(argumentEvents).toEqual(['response.function_call_arguments.delta', 'response.function_call_arguments.done']);
    expect((await stream.finalResponse()).output).toMatchObject([{ type: 'function_call', call_id: 'call_weather_1', name: 'get_weather', arguments: '{"city":"Accra","unit":"celsius"}' }]);

    // The client sends the output items back with the function's output: the provider gets the turn as chat history.
    await client.responses.create({ model: 'chat', tools, input: [{ role: 'user', content: 'Weather in Accra?' }, ...(result.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: 'call_weather_1', output: '{"temp":31}' }] });
    expect(first.requests.at(-1)?.body.messages).toEqual([
      { role: 'user', content: 'Weather in Accra?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Accra","unit":"celsius"}' } }] },
      { role: 'tool', tool_call_id: 'call_weather_1', content: '{"temp":31}' },
    ]);
  });

  it('should map text.format json_schema and images to the provider’s structured output and image parts', async () => {
    const { client, first } = await setUp({ type: 'text', text: '{"colour":"red"}' });
    const schema = { type: 'object', properties: { colour: { type: 'string' } }, required: ['colour'], additionalProperties: false };
    const image = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const result = await client.responses.create({
      model: 'chat',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What colour is this?' }, { type: 'input_image', image_url: image, detail: 'auto' }] }],
      text: { format: { type: 'json_schema', name: 'colour', schema, strict: true } },
    });
    expect(JSON.parse(result.output_text)).toEqual({ colour: 'red' });
    expect(result.text).toMatchObject({ format: { type: 'json_schema', name: 'colour', schema, strict: true } });
    expect(first.requests[0]?.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'colour', schema, strict: true } });
    expect(first.requests[0]?.body.messages[0].content).toEqual([{ type: 'text', text: 'What colour is this?' }, { type: 'image_url', image_url: { url: image } }]);
  });

  it('should hand out the reasoning state and take it back: the provider gets its own encrypted reasoning again', async () => {
    const { client, first } = await setUp({ type: 'tool-calls', calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], reasoning: 'I need the weather first.', usage: { inputTokens: 40, outputTokens: 30, reasoningTokens: 20 } });
    const tools: OpenAI.Responses.FunctionTool[] = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }];
    const turn = await client.responses.create({ model: 'thinker', input: 'Weather in Paris?', tools, reasoning: { effort: 'low', summary: 'auto' }, include: ['reasoning.encrypted_content'] });
    expect(first.requests[0]?.url).toBe(`${upstreams[0]?.origin}/v1/responses`);
    expect(first.requests[0]?.body).toMatchObject({ model: REASONER, reasoning: { effort: 'low', summary: 'auto' }, store: false, include: ['reasoning.encrypted_content'] });
    expect(turn).toMatchObject({ model: REASONER, reasoning: { effort: 'low', summary: 'auto' }, usage: { output_tokens_details: { reasoning_tokens: 20 } } });
    const [reasoning, call] = turn.output as [OpenAI.Responses.ResponseReasoningItem, OpenAI.Responses.ResponseFunctionToolCall];
    expect(reasoning).toMatchObject({ type: 'reasoning', id: expect.stringMatching(/^rs_/), summary: [{ type: 'summary_text', text: 'I need the weather first.' }] });
    expect(reasoning.encrypted_content).toMatch(/^sy1\./);
    expect(call).toMatchObject({ type: 'function_call', call_id: 'call_1', name: 'get_weather' });

    first.setScript({ type: 'text', text: 'It is 18 °C in Paris.' });
    const next = await client.responses.create({ model: 'thinker', tools, include: ['reasoning.encrypted_content'], input: [{ role: 'user', content: 'Weather in Paris?' }, ...(turn.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: 'call_1', output: '18 °C' }] });
    expect(next.output_text).toBe('It is 18 °C in Paris.');
    const input = first.requests.at(-1)?.body.input as Array<Record<string, unknown>>;
    // The provider's own reasoning item, as it sent it: its id and its encrypted content.
    expect(input.find((i) => i.type === 'reasoning')).toMatchObject({ type: 'reasoning', encrypted_content: mockEncryptedReasoning('I need the weather first.'), summary: [{ type: 'summary_text', text: 'I need the weather first.' }] });
    expect(input.map((i) => i.type ?? i.role)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);

    // Without include, no state goes out (as OpenAI's), but the reasoning summary does.
    first.setScript({ type: 'text', text: 'Hello.', reasoning: 'A greeting.' });
    const plain = await client.responses.create({ model: 'thinker', input: 'Hi', reasoning: { summary: 'auto' } });
    expect(plain.output[0]).toEqual({ id: expect.stringMatching(/^rs_/), type: 'reasoning', summary: [{ type: 'summary_text', text: 'A greeting.' }] });
  });

  it('should stream reasoning summary deltas and hand out the state at the end, which round-trips', async () => {
    const { client, first } = await setUp({ type: 'text', text: 'The answer is 42.', reasoning: 'Six times seven.', chunks: 3 });
    const stream = client.responses.stream({ model: 'thinker', input: 'What is 6 × 7?', reasoning: { effort: 'medium', summary: 'auto' }, include: ['reasoning.encrypted_content'] });
    let summary = '';
    let text = '';
    for await (const event of stream) {
      if (event.type === 'response.reasoning_summary_text.delta') summary += event.delta;
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(summary).toBe('Six times seven.');
    expect(text).toBe('The answer is 42.');
    const final = await stream.finalResponse();
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'reasoning']);
    expect(final.output[0]).toMatchObject({ summary: [{ type: 'summary_text', text: 'Six times seven.' }] });
    expect((final.output[2] as OpenAI.Responses.ResponseReasoningItem).encrypted_content).toMatch(/^sy1\./);

    first.setScript({ type: 'text', text: 'Yes.' });
    await client.responses.create({ model: 'thinker', include: ['reasoning.encrypted_content'], input: [{ role: 'user', content: 'What is 6 × 7?' }, ...(final.output as OpenAI.Responses.ResponseInputItem[]), { role: 'user', content: 'Sure?' }] });
    const input = first.requests.at(-1)?.body.input as Array<Record<string, unknown>>;
    expect(input.map((i) => i.type ?? i.role)).toEqual(['user', 'reasoning', 'assistant', 'user']);
    expect(input[1]).toMatchObject({ encrypted_content: mockEncryptedReasoning('Six times seven.') });
  });

  it('should fail a stream over invisibly when the primary fails in-band before any content', async () => {
    const { client, first, second } = await setUp({ type: 'error', status: 429, inStream: true }, { type: 'text', text: 'served by the fallback', chunks: 3 });
    const stream = client.responses.stream({ model: 'thinker', input: 'Hi' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('served by the fallback');
    expect(final.model).toBe(SERVED);
    expect(first.requests).toHaveLength(1);
    expect(first.requests[0]?.body.stream).toBe(true);
    expect(second.requests).toHaveLength(1);
  });

  it('should end a stream cut after content with error and response.failed, never response.completed, which the client raises', async () => {
    const { client, gw } = await setUp({ type: 'cut', text: 'This answer is cut off mid-way', chunks: 6 });
    const stream = client.responses.stream({ model: 'solo', input: 'Hi' });
    let text = '';
    const error = await (async () => {
      for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    })().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('stream_interrupted');
    expect((error as Error).message).toMatch(/failed after \d+ parts/);
    expect(text.length).toBeGreaterThan(0);
    // `create({ stream: true })` raises the same way.
    const raising = await (async () => {
      for await (const _event of await client.responses.create({ model: 'solo', input: 'Hi', stream: true }));
    })().then(() => undefined, (e: unknown) => e);
    expect(raising).toBeInstanceOf(OpenAI.APIError);
    const raw = await (await fetch(`${gw.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'solo', stream: true, input: 'Hi' }) })).text();
    const events = sseEvents(raw);
    expect(events.slice(-2).map((e) => e.event)).toEqual(['error', 'response.failed']);
    expect(events.at(-2)?.data).toMatchObject({ type: 'error', code: 'stream_interrupted', error: { type: 'server_error', code: 'stream_interrupted' } });
    expect(events.at(-1)?.data.response).toMatchObject({ status: 'failed', error: { code: 'stream_interrupted' }, output: [{ type: 'message', status: 'incomplete' }] });
    expect(events.some((e) => e.event === 'response.completed')).toBe(false);
    await gw.flush();
    expect(gw.ledger.records.at(-1)).toMatchObject({ operation: 'stream', outcome: 'error', errorCode: 'stream_interrupted' });
  });

  it('should say incomplete at the token limit', async () => {
    const { client } = await setUp({ type: 'text', text: 'This is as far as it', finishReason: 'length' });
    const result = await client.responses.create({ model: 'chat', input: 'Tell me everything', max_output_tokens: 5 });
    expect(result).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ type: 'message', status: 'incomplete' }] });
    const stream = client.responses.stream({ model: 'chat', input: 'Tell me everything', max_output_tokens: 5 });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.incomplete');
  });
});

describe('POST /v1/responses errors with the openai Node client', () => {
  it('should refuse what needs server-side state, and fields that cannot be honoured, with 400 naming them', async () => {
    const { client, first } = await setUp({ type: 'text', text: 'unused' });
    const previous = await client.responses.create({ model: 'chat', input: 'Hi', previous_response_id: 'resp_abc' }).catch((e: unknown) => e);
    expect(previous).toBeInstanceOf(OpenAI.BadRequestError);
    expect((previous as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('previous_response_id');
    expect((previous as Error).message).toContain('send the earlier turns as input items');
    const stored = await client.responses.create({ model: 'chat', input: 'Hi', store: true }).catch((e: unknown) => e);
    expect((stored as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('store');
    const builtIn = await client.responses.create({ model: 'chat', input: 'Hi', tools: [{ type: 'web_search' }] }).catch((e: unknown) => e);
    expect(builtIn).toBeInstanceOf(OpenAI.BadRequestError);
    expect((builtIn as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('tools[0].type');
    const reference = await client.responses.create({ model: 'chat', input: [{ type: 'item_reference', id: 'msg_1' }] }).catch((e: unknown) => e);
    expect((reference as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input[0].type');
    const foreign = await client.responses.create({ model: 'chat', input: [{ type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAABforeign' }, { role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect((foreign as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input[0].encrypted_content');
    const unknown = await client.responses.create({ model: 'chat', input: 'Hi', temprature: 1 } as never).catch((e: unknown) => e);
    expect((unknown as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('unknown_parameter');
    // The request validator's field, as param.
    const negative = await client.responses.create({ model: 'chat', input: 'Hi', temperature: -1 }).catch((e: unknown) => e);
    expect(negative).toBeInstanceOf(OpenAI.BadRequestError);
    expect((negative as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
    expect(first.requests).toHaveLength(0);
  });

  it('should answer 404 for an unknown alias and 429 insufficient_quota when the provider’s quota is spent', async () => {
    const { client } = await setUp({ type: 'error', status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota, please check your plan and billing details.' });
    const missing = await client.responses.create({ model: 'chta', input: 'Hi' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as Error).message).toContain('Did you mean "chat"?');
    const quota = await client.responses.create({ model: 'solo', input: 'Hi' }).catch((e: unknown) => e);
    expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
    expect((quota as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
    expect((quota as InstanceType<typeof OpenAI.RateLimitError>).headers.get('x-should-retry')).toBe('false');
    expect((quota as InstanceType<typeof OpenAI.RateLimitError>).headers.get('x-switchyard-error-code')).toBe('all_attempts_failed');
  });
});
