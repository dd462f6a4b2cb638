import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOpenAI } from '../../adapters/openai/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';

const KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz123456';

runProviderConformance({
  name: 'openai',
  createProvider: () => createOpenAI({ apiKey: KEY, organization: 'org-acme', project: 'proj_search' }),
  mock(script) {
    const mock = createOpenAIMock({ script });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: 'gpt-4o-2024-08-06',
  embeddingModel: 'text-embedding-3-small',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['openai-organization']).toBe('org-acme');
    expect(request.headers['openai-project']).toBe('proj_search');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body.model).toBe('gpt-4o-2024-08-06');
    expect(request.body.messages[0]).toMatchObject({ role: 'user' });
    if (stream) expect(request.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    else expect(request.body.stream).toBeUndefined();
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'person', schema } });
  },
});

describe('createOpenAI', () => {
  it('should send every request setting in the Chat Completions shape', async () => {
    const mock = createOpenAIMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    await createOpenAI({ apiKey: KEY, headers: { 'X-Team': 'search' } }).chat({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image', data: new Uint8Array([137, 80, 78, 71]), mediaType: 'image/png' }] },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'x' } }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"found":true}' },
      ],
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stop: ['END'],
      seed: 7,
      tools: [{ name: 'lookup', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] }, strict: true }],
      toolChoice: { name: 'lookup' },
      providerOptions: { openai: { service_tier: 'flex' }, vertex: { ignored: true } },
    });
    const body = mock.requests[0]?.body;
    expect(mock.requests[0]?.headers['x-team']).toBe('search');
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"found":true}' },
      ],
      max_completion_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      service_tier: 'flex',
    });
  });

  it('should report the served snapshot, request id and rate-limit headroom', async () => {
    network.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json(
          { id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG', object: 'chat.completion', created: 1741570283, model: 'gpt-4o-2024-08-06', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, logprobs: null, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } },
          { headers: { 'x-request-id': 'req_6f1c0e7a9b', 'x-ratelimit-remaining-requests': '499', 'x-ratelimit-remaining-tokens': '29000' } },
        ),
      ),
    );
    const result = await createOpenAI({ apiKey: KEY }).chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(result).toMatchObject({ model: 'gpt-4o-2024-08-06', requestId: 'req_6f1c0e7a9b', rateLimit: { remainingRequests: 499, remainingTokens: 29000 }, usage: { inputTokens: 9, cachedInputTokens: 0, outputTokens: 3, totalTokens: 12 } });
  });

  it('should raise ResponseParseError on malformed JSON, keeping the raw text', async () => {
    network.use(http.post('https://api.openai.com/v1/chat/completions', () => new HttpResponse('{"id":"chatcmpl-1","choices":[', { headers: { 'content-type': 'application/json' } })));
    const error = await createOpenAI({ apiKey: KEY }).chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'response_parse', rawText: '{"id":"chatcmpl-1","choices":[' });
  });

  it('should never put the API key in an error, even when the provider echoes it', async () => {
    network.use(http.post('https://api.openai.com/v1/chat/completions', () => HttpResponse.json({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, { status: 401 })));
    const error = await createOpenAI({ apiKey: KEY }).chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    const printed = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack} ${JSON.stringify((error as { body?: string }).body)}`;
    expect(printed).not.toContain(KEY);
    expect(printed).toContain('[REDACTED]');
  });

  it('should ask for an API key clearly when none is given', () => {
    expect(() => createOpenAI({ env: {} })).toThrow(ConfigError);
    expect(() => createOpenAI({ env: {} })).toThrow(/OPENAI_API_KEY/);
  });

  it('should hand out an official client on the same base URL, key and transport', async () => {
    const mock = createOpenAIMock({ baseURL: 'https://gw.acme.example/openai/v1', script: { type: 'text', text: 'from the official client' } });
    network.use(...mock.handlers);
    const client = await createOpenAI({ apiKey: KEY, baseURL: 'https://gw.acme.example/openai/v1', project: 'proj_x' }).getOpenAIClient();
    expect(client.maxRetries).toBe(0);
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('from the official client');
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(mock.requests[0]?.headers['openai-project']).toBe('proj_x');
  });
});
