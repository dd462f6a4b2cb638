import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { ScriptStep } from '../../src/testing/script-step.ts';
import { SERVED, startClientGateway } from './helpers/start-client-gateway.ts';
import { startGateway, useMockUpstreams, type TestGateway } from './helpers/start-gateway.ts';

const upstreams = useMockUpstreams(2);
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** Mocks on both upstreams, and a gateway whose `chat` alias tries the primary, then the fallback. */
async function setUp(primaryScript: ScriptStep | ScriptStep[], fallbackScript: ScriptStep | ScriptStep[] = { type: 'text', text: 'from the fallback' }) {
  const started = await startClientGateway(upstreams, { primary: primaryScript, fallback: fallbackScript }, { embed: { targets: [{ provider: 'main', model: 'text-embedding-3-small' }] } });
  gw = started.gw;
  return started;
}

describe('gateway with the openai Node client', () => {
  it('should answer a chat call as OpenAI does, with the served model, usage and Switchyard headers', async () => {
    const { client, first } = await setUp({ type: 'text', text: 'Bonjour !', usage: { inputTokens: 21, outputTokens: 4, cachedInputTokens: 8 } });
    const { data, response } = await client.chat.completions
      .create({ model: 'chat', messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello' }], max_tokens: 20, temperature: 0.2 })
      .withResponse();
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.object).toBe('chat.completion');
    expect(data.created).toBeGreaterThan(1_700_000_000);
    expect(data.model).toBe(SERVED);
    expect(data.choices).toEqual([{ index: 0, message: { role: 'assistant', content: 'Bonjour !', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }]);
    expect(data.usage).toEqual({ prompt_tokens: 21, completion_tokens: 4, total_tokens: 25, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 0 } });
    expect(response.headers.get('x-switchyard-provider')).toBe('main');
    expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    // gpt-4o-2024-08-06: $2.50 per million input ($1.25 cached), $10 per million output: 13 × 2.5 + 8 × 1.25 + 4 × 10.
    expect(response.headers.get('x-switchyard-cost-usd')).toBe('0.000082500');
    expect(first.requests).toHaveLength(1);
    expect(first.requests[0]?.headers.authorization).toBe('Bearer sk-upstream-main-000000');
    expect(first.requests[0]?.body).toMatchObject({ model: SERVED, messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello' }], max_completion_tokens: 20, temperature: 0.2 });
  });

  it('should fail over to the fallback when the primary answers 503, and say so in the headers', async () => {
    const { client, first, second } = await setUp({ type: 'error', status: 503 });
    const { data, response } = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(data.choices[0]?.message.content).toBe('from the fallback');
    expect(response.headers.get('x-switchyard-provider')).toBe('backup');
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(1);
  });

  it('should stream chunks the client assembles, ending with usage, the switchyard field and [DONE]', async () => {
    const { client, first } = await setUp({ type: 'text', text: 'one two three four five', chunks: 5, usage: { inputTokens: 9, outputTokens: 5 } });
    const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Count' }], stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('one two three four five');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    expect(finish?.model).toBe(SERVED);
    const last = chunks.at(-1) as OpenAI.Chat.Completions.ChatCompletionChunk & { switchyard?: Record<string, unknown> };
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({ prompt_tokens: 9, completion_tokens: 5, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } });
    expect(last.switchyard).toMatchObject({ provider: 'main', cost_usd: '0.000072500', finish_reason: 'stop', attempts: [{ provider: 'main', model: SERVED, outcome: 'success' }] });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    // The served model in every chunk, from the first on (not the alias).
    expect(new Set(chunks.map((c) => c.model))).toEqual(new Set([SERVED]));
    // Switchyard asks the provider for usage whatever the client asked, to meter the stream.
    expect(first.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('should put the switchyard field on the finish chunk when the client asked for no usage', async () => {
    const { gw } = await setUp({ type: 'text', text: 'Hi there', chunks: 2 });
    const response = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: 'Hi' }] }) });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const finish = JSON.parse((events.at(-2) as string).slice(6)) as { choices: Array<{ finish_reason: string }>; usage?: unknown; switchyard: { provider: string } };
    expect(finish.choices[0]?.finish_reason).toBe('stop');
    expect(finish.usage).toBeUndefined();
    expect(finish.switchyard.provider).toBe('main');
    // Without include_usage, OpenAI sends no usage field on chunks.
    expect(events.slice(0, -2).every((e) => !e.includes('"usage"'))).toBe(true);
  });

  it('should fail a stream over invisibly when the primary fails before its first content', async () => {
    const { client, first, second } = await setUp({ type: 'cut', text: '', chunks: 1 }, { type: 'text', text: 'served by the fallback', chunks: 3 });
    const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('served by the fallback');
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(1);
  });

  it('should end a stream cut after content with an in-band error and no [DONE], which the client raises', async () => {
    const { client, gw } = await setUp({ type: 'cut', text: 'This answer is cut off mid-way', chunks: 6 });
    const stream = await client.chat.completions.create({ model: 'solo', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let text = '';
    const read = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    const error = await read().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('stream_interrupted');
    expect((error as Error).message).toMatch(/failed after \d+ parts/);
    expect(text.length).toBeGreaterThan(0);
    // On the wire: the error event is the last one, and there is no [DONE].
    const raw = await (await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'solo', stream: true, messages: [{ role: 'user', content: 'Hi' }] }) })).text();
    const events = raw.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toMatch(/^data: \{"error":\{"message":".+","type":"server_error","code":"stream_interrupted","param":null\}\}$/);
    expect(raw).not.toContain('[DONE]');
    await gw.flush();
    expect(gw.ledger.records.at(-1)).toMatchObject({ operation: 'stream', outcome: 'error', errorCode: 'stream_interrupted' });
  });

  it('should carry tools, tool_choice and tool calls both ways, streamed and not', async () => {
    const calls = [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Accra', unit: 'celsius' } }];
    const { client, first } = await setUp({ type: 'tool-calls', calls, usage: { inputTokens: 60, outputTokens: 18 } });
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'], additionalProperties: false }, strict: true } }];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Accra?' }];
    const result = await client.chat.completions.create({ model: 'chat', messages, tools, tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    expect(result.choices[0]?.message.content).toBeNull();
    expect(result.choices[0]?.message.tool_calls).toEqual([{ id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Accra","unit":"celsius"}' } }]);
    expect(first.requests[0]?.body.tools).toEqual(tools);
    expect(first.requests[0]?.body.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });

    const stream = client.chat.completions.stream({ model: 'chat', messages, tools });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls).toMatchObject([{ id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Accra","unit":"celsius"}' } }]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.model).toBe(SERVED);

    // The tool result goes back as history.
    await client.chat.completions.create({ model: 'chat', tools, messages: [...messages, result.choices[0]?.message as OpenAI.Chat.Completions.ChatCompletionMessageParam, { role: 'tool', tool_call_id: 'call_weather_1', content: '{"temp":31}' }] });
    expect(first.requests.at(-1)?.body.messages).toEqual([
      { role: 'user', content: 'Weather in Accra?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Accra","unit":"celsius"}' } }] },
      { role: 'tool', tool_call_id: 'call_weather_1', content: '{"temp":31}' },
    ]);
  });

  it('should send response_format and images on to the provider', async () => {
    const { client, first } = await setUp({ type: 'text', text: '{"colour":"red"}' });
    const schema = { type: 'object', properties: { colour: { type: 'string' } }, required: ['colour'], additionalProperties: false };
    const image = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const result = await client.chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What colour is this?' }, { type: 'image_url', image_url: { url: image } }, { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'low' } }] }],
      response_format: { type: 'json_schema', json_schema: { name: 'colour', schema, strict: true } },
    });
    expect(JSON.parse(result.choices[0]?.message.content ?? '')).toEqual({ colour: 'red' });
    expect(first.requests[0]?.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'colour', schema, strict: true } });
    expect(first.requests[0]?.body.messages[0].content).toEqual([{ type: 'text', text: 'What colour is this?' }, { type: 'image_url', image_url: { url: image } }, { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } }]);
  });

  it('should answer embeddings as floats and as the client default base64', async () => {
    const vectors = [[0.25, -0.5, 0.125], [1, 0, -1]];
    const { client, first } = await setUp([{ type: 'embeddings', vectors, inputTokens: 6 }, { type: 'embeddings', vectors: [vectors[0] as number[]], inputTokens: 1 }]);
    const { data, response } = await client.embeddings.create({ model: 'embed', input: ['first text', 'second text'] }).withResponse();
    // The openai client asks for base64 and decodes it: float32 values come back exactly for these.
    expect(data.data.map((d) => d.embedding)).toEqual(vectors);
    expect(data.data.map((d) => d.index)).toEqual([0, 1]);
    expect(data.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
    expect(data.model).toBe(SERVED);
    expect(response.headers.get('x-switchyard-provider')).toBe('main');
    const floats = await client.embeddings.create({ model: 'embed', input: 'one', encoding_format: 'float', dimensions: 3 });
    expect(floats.data[0]?.embedding).toEqual(vectors[0]);
    expect(first.requests.at(-1)?.body).toMatchObject({ model: 'text-embedding-3-small', input: ['one'], dimensions: 3 });
  });

  it('should list the aliases and the providerId:model addresses', async () => {
    const { client } = await setUp({ type: 'text', text: 'unused' });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['chat', 'solo', 'embed', `main:${SERVED}`, `backup:${SERVED}`, 'main:text-embedding-3-small']);
    expect(await client.models.retrieve('solo')).toEqual({ id: 'solo', object: 'model', created: 0, owned_by: 'switchyard' });
    await expect(client.models.retrieve('sol')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('should route providerId:model addresses as the SDK does', async () => {
    const { client, second } = await setUp({ type: 'error', status: 500 });
    const result = await client.chat.completions.create({ model: `backup:${SERVED}`, messages: [{ role: 'user', content: 'Hi' }] });
    expect(result.choices[0]?.message.content).toBe('from the fallback');
    expect(second.requests).toHaveLength(1);
  });
});

describe('gateway errors with the openai Node client', () => {
  it('should answer an unknown alias with 404 naming the closest one', async () => {
    const { client } = await setUp({ type: 'text', text: 'unused' });
    const error = await client.chat.completions.create({ model: 'chta', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as Error).message).toContain('Did you mean "chat"?');
  });

  it('should answer a bad request with 400 naming the field, before any upstream call', async () => {
    const { client, first } = await setUp({ type: 'text', text: 'unused' });
    const bad = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], temperature: 'hot' as unknown as number }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
    const unsupported = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], n: 3 }).catch((e: unknown) => e);
    expect(unsupported).toBeInstanceOf(OpenAI.BadRequestError);
    expect((unsupported as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('unsupported_parameter');
    expect((unsupported as Error).message).toContain('n: 3 is not supported');
    const empty = await client.chat.completions.create({ model: 'chat', messages: [] }).catch((e: unknown) => e);
    expect((empty as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
    expect(first.requests).toHaveLength(0);
  });

  it('should pass the provider’s 400 on as a 400', async () => {
    const { client } = await setUp({ type: 'error', status: 400, message: "Unsupported value: 'temperature' does not support 0.2 with this model.", code: 'unsupported_value' });
    const error = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain("'temperature' does not support 0.2");
  });

  it('should answer 429 with retry-after when every target is rate limited', async () => {
    const { client } = await setUp({ type: 'error', status: 429, retryAfterSeconds: 20 }, { type: 'error', status: 429, retryAfterSeconds: 7 });
    const error = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect(headers.get('retry-after')).toBe('7');
    expect(headers.get('x-switchyard-error-code')).toBe('all_attempts_failed');
    expect(headers.get('x-switchyard-attempts')).toBe('2');
  });

  it("should answer 429 with retry-after when Switchyard's own limits refuse the call, before anything is sent", async () => {
    const { first } = await setUp({ type: 'text', text: 'within the limit' });
    await gw?.close();
    gw = await startGateway({
      providers: { main: { type: 'openai', apiKey: 'sk-upstream-main-000000', baseURL: `${upstreams[0]?.origin}/v1` } },
      models: { metered: { targets: [{ provider: 'main', model: SERVED, limits: { requestsPerMinute: 1 } }] } },
    });
    const client = new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    expect((await client.chat.completions.create({ model: 'metered', messages: [{ role: 'user', content: 'Hi' }] })).choices[0]?.message.content).toBe('within the limit');
    const error = await client.chat.completions.create({ model: 'metered', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const limited = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(limited.code).toBe('rate_limit_exceeded');
    expect(limited.message).toContain('limits');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(61);
    expect(first.requests).toHaveLength(1);
  });

  it('should answer 503 when the upstreams are down, and 504 at the deadline', async () => {
    const { client } = await setUp({ type: 'error', status: 503 }, { type: 'error', status: 502 });
    const down = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(OpenAI.InternalServerError);
    expect((down as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
    expect(JSON.stringify(down)).not.toContain('sk-upstream');

    await gw?.close();
    upstreams[0]?.use(...createOpenAIMock({ baseURL: `${upstreams[0]?.origin}/v1`, script: { type: 'hang' } }).handlers);
    gw = await startGateway({ providers: { main: { type: 'openai', apiKey: 'sk-x', baseURL: `${upstreams[0]?.origin}/v1` } }, models: { slow: { targets: [{ provider: 'main', model: SERVED }], timeouts: { totalMs: 300 } } } });
    const late = await new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'slow', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(OpenAI.InternalServerError);
    expect((late as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(504);
    expect((late as InstanceType<typeof OpenAI.InternalServerError>).code).toBe('upstream_timeout');
    await gw.flush();
    expect(gw.ledger.records.at(-1)).toMatchObject({ outcome: 'error', errorCode: 'timeout' });
  });

  it('should answer 413 for a body over maxBodyBytes', async () => {
    await (await setUp({ type: 'text', text: 'unused' })).gw.close();
    gw = await startGateway({ providers: { main: { type: 'openai', apiKey: 'sk-x', baseURL: `${upstreams[0]?.origin}/v1` } }, models: { chat: { targets: [{ provider: 'main', model: SERVED }] } }, gateway: { maxBodyBytes: 1000 } });
    const client = new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const error = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'x'.repeat(2000) }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((error as Error).message).toContain('1000 bytes');
  });
});
