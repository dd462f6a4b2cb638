import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { ConfigError, InvalidRequestError, ProviderUnavailableError, StreamInterruptedError } from '../../src/errors/index.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { runOpenModelServerConformance } from '../conformance/open-model-server-conformance.ts';
import { runProviderConformance } from '../conformance/provider-conformance.ts';
import { network } from '../setup/network.ts';

const BASE = 'http://vllm.llm.svc.cluster.local:8000/v1';
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct';

runProviderConformance({
  name: 'coreweave (self-hosted vLLM)',
  createProvider: () => createCoreWeave({ baseURL: BASE, apiKey: 'cw-vllm-key-0001' }),
  mock(script) {
    const mock = createOpenAIMock({ baseURL: BASE, script, flavor: 'vllm' });
    network.use(...mock.handlers);
    return mock;
  },
  chatModel: MODEL,
  embeddingModel: 'BAAI/bge-m3',
  expectChatRequest(request, { stream }) {
    expect(request.url).toBe(`${BASE}/chat/completions`);
    expect(request.headers.authorization).toBe('Bearer cw-vllm-key-0001');
    expect(request.body.model).toBe(MODEL);
    if (stream) expect(request.body.stream_options).toEqual({ include_usage: true });
  },
  expectJsonSchemaSent(request, schema) {
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { schema } });
  },
});

runOpenModelServerConformance({
  name: 'coreweave (self-hosted llama.cpp, vLLM, NIM)',
  baseURL: 'http://llama.llm.svc.cluster.local:8080/v1',
  createProvider: () => createCoreWeave({ baseURL: 'http://llama.llm.svc.cluster.local:8080/v1', apiKey: 'sk-local-test-key' }),
});

const sse = (events: string[]) =>
  new HttpResponse(
    new ReadableStream({
      start(c) {
        for (const e of events) c.enqueue(new TextEncoder().encode(e));
        c.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );

const vllmChunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ id: 'chatcmpl-8c1f0d0e6a5b4c0f', object: 'chat.completion.chunk', created: 1764000000, model: MODEL, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: finish }] })}\n\n`;

describe('createCoreWeave', () => {
  it('should default to Serverless Inference with the OpenAI-Project header', async () => {
    const mock = createOpenAIMock({ baseURL: 'https://api.inference.wandb.ai/v1', script: { type: 'text', text: 'Hello from serverless' } });
    network.use(...mock.handlers);
    const result = await createCoreWeave({ apiKey: 'wandb-key-123456', project: 'acme/search' }).chat({ model: 'meta-llama/Llama-3.1-8B-Instruct', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 50 });
    expect(result.text).toBe('Hello from serverless');
    expect(mock.requests[0]?.url).toBe('https://api.inference.wandb.ai/v1/chat/completions');
    expect(mock.requests[0]?.headers['openai-project']).toBe('acme/search');
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer wandb-key-123456');
    // vLLM logs and ignores unknown fields, so the universally understood field is sent.
    expect(mock.requests[0]?.body.max_tokens).toBe(50);
    expect(mock.requests[0]?.body.max_completion_tokens).toBeUndefined();
  });

  it('should call a self-hosted server without a key and send no Authorization header', async () => {
    const mock = createOpenAIMock({ baseURL: BASE, script: { type: 'text', text: 'no auth needed' } });
    network.use(...mock.handlers);
    await createCoreWeave({ baseURL: `${BASE}/` }).chat({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(mock.requests[0]?.url).toBe(`${BASE}/chat/completions`);
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('should require a key for Serverless Inference', () => {
    expect(() => createCoreWeave({})).toThrow(ConfigError);
  });

  it('should read vLLM errors: the string type as providerCode beside the integer code, the numbers of a context-length error', async () => {
    network.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ error: { message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.", type: 'BadRequestError', param: null, code: 400 } }, { status: 400 })));
    const error = await createCoreWeave({ baseURL: BASE }).chat({ model: MODEL, messages: [{ role: 'user', content: 'long' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'context_length', status: 400, providerCode: 'BadRequestError', contextWindow: 8192, promptTokens: 9000 });
    expect((error as Error).message).toMatch(/answered HTTP 400 BadRequestError: This model's maximum context length/);
  });

  it('should throw the error a vLLM server sends inside a 200 stream before any content', async () => {
    network.use(http.post(`${BASE}/chat/completions`, () => sse([`data: ${JSON.stringify({ error: { message: 'Engine loop has died', type: 'InternalServerError', param: null, code: 500 } })}\n\n`, 'data: [DONE]\n\n'])));
    const error = await (async () => {
      for await (const _ of createCoreWeave({ baseURL: BASE }).stream({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ status: 500, message: expect.stringContaining('Engine loop has died') });
  });

  it('should throw StreamInterruptedError for a mid-stream vLLM error after content, never a finish', async () => {
    network.use(http.post(`${BASE}/chat/completions`, () => sse([vllmChunk('Once upon'), vllmChunk(' a time'), `data: ${JSON.stringify({ error: { message: 'prompt too long after tokenization', type: 'BadRequestError', param: null, code: 400 } })}\n\n`, 'data: [DONE]\n\n'])));
    const parts: StreamPart[] = [];
    const error = await (async () => {
      for await (const part of createCoreWeave({ baseURL: BASE }).stream({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })) parts.push(part);
    })().catch((e: unknown) => e);
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Once upon' },
      { type: 'text-delta', text: ' a time' },
    ]);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ partsDelivered: 2, charactersDelivered: 16 });
    expect((error as Error).cause).toBeInstanceOf(InvalidRequestError);
  });

  it('should keep a tool name that the server repeats in every delta, as the openai package does', async () => {
    const toolChunk = (index: number, fn: Record<string, string>, id?: string) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-b3f1e2d4c5a6', object: 'chat.completion.chunk', created: 1764000000, model: MODEL, choices: [{ index: 0, delta: { tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }] }, logprobs: null, finish_reason: null }] })}\n\n`;
    network.use(
      http.post(`${BASE}/chat/completions`, () =>
        sse([
          toolChunk(0, { name: 'get_weather', arguments: '' }, 'chatcmpl-tool-5e0c2a'),
          toolChunk(0, { name: 'get_weather', arguments: '{"city": "Par' }),
          toolChunk(0, { name: 'get_weather', arguments: 'is"}' }),
          vllmChunk('', 'tool_calls'),
          'data: [DONE]\n\n',
        ]),
      ),
    );
    const parts: StreamPart[] = [];
    for await (const part of createCoreWeave({ baseURL: BASE }).stream({ model: MODEL, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [{ name: 'get_weather' }] })) parts.push(part);
    expect(parts.filter((p) => p.type === 'tool-call')).toEqual([{ type: 'tool-call', id: 'chatcmpl-tool-5e0c2a', name: 'get_weather', arguments: { city: 'Paris' }, rawArguments: '{"city": "Paris"}' }]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('should hand out an official openai client for the same server and key, with retries off', async () => {
    const mock = createOpenAIMock({ baseURL: BASE, script: { type: 'text', text: 'from the official client' }, flavor: 'vllm' });
    network.use(...mock.handlers);
    const client = await createCoreWeave({ baseURL: BASE, apiKey: 'cw-vllm-key-0001', headers: { 'X-Team': 'search' } }).getOpenAIClient();
    expect(client.maxRetries).toBe(0);
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('from the official client');
    expect(mock.requests[0]?.url).toBe(`${BASE}/chat/completions`);
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer cw-vllm-key-0001');
    expect(mock.requests[0]?.headers['x-team']).toBe('search');
  });

  it('should warn when the server sends no usage in the stream', async () => {
    network.use(http.post(`${BASE}/chat/completions`, () => sse([vllmChunk('Hi'), vllmChunk('', 'stop'), 'data: [DONE]\n\n'])));
    const parts: StreamPart[] = [];
    for await (const part of createCoreWeave({ baseURL: BASE }).stream({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })) parts.push(part);
    const finish = parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 } });
    expect(finish?.type === 'finish' && finish.warnings[0]?.message).toMatch(/no usage/);
  });
});

describe('createCoreWeave stream answered with JSON', () => {
  it('should say the server ignored stream: true instead of reporting a cut stream', async () => {
    network.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: MODEL, choices: [{ index: 0, message: { role: 'assistant', content: 'not streamed' }, finish_reason: 'stop' }] })));
    const error = await (async () => {
      for await (const _ of createCoreWeave({ baseURL: BASE }).stream({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'response_parse', message: expect.stringContaining('JSON body instead of an event stream') });
  });
});
