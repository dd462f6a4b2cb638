import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, ContextLengthError, InvalidRequestError, ProviderUnavailableError, StreamInterruptedError, TimeoutError, UnsupportedFeatureError } from '../../src/errors/index.ts';
import type { CapturedRequest } from '../../src/testing/script-step.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import {
  LLAMA_SERVER_ERROR,
  LLAMA_TOOL_ARGUMENTS_NOT_JSON,
  VLLM_CONTEXT_LENGTH,
  VLLM_INTERNAL,
  VLLM_LEGACY_CONTEXT_LENGTH,
  VLLM_MAX_TOKENS_TOO_LARGE,
  VLLM_MODEL_NOT_FOUND,
  VLLM_NO_MATRYOSHKA,
  VLLM_NOT_IMPLEMENTED,
  vllmReasoningCompletion,
  vllmReasoningStream,
} from '../fixtures/open-model-bodies.ts';
import { network } from '../setup/network.ts';
import { loadRecording, replay, type Recording, type ReplayOptions } from '../setup/replay-recording.ts';
import { collectParts, readParts } from '../helpers/stream-parts.ts';

/** What an adapter's test supplies to run the open-model server cases (llama.cpp recordings, vLLM and NIM bodies). */
export interface OpenModelServerHarness {
  /** The adapter's name in test titles. */
  name: string;
  /** The server's base URL, ending in `/v1`. */
  baseURL: string;
  /** Creates the provider under test, pointed at `baseURL`. */
  createProvider(): Provider;
}

type Operation = 'chat/completions' | 'embeddings';

const joined = (parts: StreamPart[], type: 'text-delta' | 'reasoning-delta') => parts.map((p) => (p.type === type ? p.text : '')).join('');
const user = (content: string) => [{ role: 'user' as const, content }];
const settings = (result: { warnings: Array<{ setting?: string }> }) => result.warnings.map((w) => w.setting);

/**
 * The cases of issue #19, run against an adapter that speaks to OpenAI-compatible open-model servers: llama.cpp's
 * recorded answers (`test/fixtures/llama-server`), and vLLM's and NIM's bodies built from their source
 * (`test/fixtures/open-model-bodies.ts`). Each case fails without the behaviour it names.
 */
export function runOpenModelServerConformance(h: OpenModelServerHarness): void {
  /** Serves one operation with a recording (each request gets the same bytes); returns the requests received. */
  function serveRecording(operation: Operation, name: string, options: Omit<ReplayOptions, 'signal'> = {}): { requests: CapturedRequest[]; recording: Recording } {
    const recording = loadRecording(name);
    const requests: CapturedRequest[] = [];
    network.use(
      http.post(`${h.baseURL}/${operation}`, async ({ request }) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => {
          headers[key] = value;
        });
        requests.push({ method: request.method, url: request.url, headers, body: await request.json() });
        return replay(recording, { ...options, signal: request.signal });
      }),
    );
    return { requests, recording };
  }

  function serveJson(operation: Operation, status: number, body: Record<string, unknown>): CapturedRequest[] {
    const requests: CapturedRequest[] = [];
    network.use(
      http.post(`${h.baseURL}/${operation}`, async ({ request }) => {
        requests.push({ method: request.method, url: request.url, headers: {}, body: await request.json() });
        return HttpResponse.json(body, { status, headers: { 'x-request-id': 'req-vllm-0001' } });
      }),
    );
    return requests;
  }

  function serveEvents(events: string[]): void {
    network.use(
      http.post(`${h.baseURL}/chat/completions`, () => {
        const encoder = new TextEncoder();
        return new HttpResponse(new ReadableStream({ start: (c) => (events.forEach((e) => c.enqueue(encoder.encode(e))), c.close()) }), { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
  }

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

  describe(`${h.name}: open-model servers as they really answer`, () => {
    describe('context-length errors', () => {
      it('should recognise llama.cpp exceed_context_size_error with n_ctx and n_prompt_tokens, in a chat and a stream', async () => {
        serveRecording('chat/completions', 'err-context-chat');
        const chat = await failure(h.createProvider().chat({ model: 'tiny-random', messages: user('hello '.repeat(5000)), maxTokens: 8 }));
        expect(chat).toBeInstanceOf(ContextLengthError);
        expect(chat).toMatchObject({ code: 'context_length', status: 400, providerCode: 'exceed_context_size_error', contextWindow: 2048, promptTokens: 5030, retryable: false });
        // The string type, and the status once.
        expect((chat as Error).message).toContain('answered HTTP 400 exceed_context_size_error: request (5030 tokens) exceeds the available context size (2048 tokens)');
        expect((chat as Error).message).not.toMatch(/HTTP 400 400/);

        serveRecording('chat/completions', 'err-context-stream');
        const { parts, error } = await readParts(h.createProvider().stream({ model: 'tiny-random', messages: user('hello '.repeat(5000)) }));
        expect(parts).toEqual([]);
        expect(error).toBeInstanceOf(ContextLengthError);
        expect(error).toMatchObject({ contextWindow: 2048, promptTokens: 5030 });
      });

      it('should recognise the vLLM and NIM wordings and take their numbers', async () => {
        serveJson('chat/completions', 400, VLLM_CONTEXT_LENGTH);
        const prompt = await failure(h.createProvider().chat({ model: 'meta-llama/Llama-3.3-70B-Instruct', messages: user('long') }));
        expect(prompt).toBeInstanceOf(ContextLengthError);
        expect(prompt).toMatchObject({ providerCode: 'BadRequestError', contextWindow: 2048, promptTokens: 5030, requestId: 'req-vllm-0001' });

        serveJson('chat/completions', 400, VLLM_MAX_TOKENS_TOO_LARGE);
        const output = await failure(h.createProvider().chat({ model: 'meta-llama/Llama-3.3-70B-Instruct', messages: user('long'), maxTokens: 8000 }));
        expect(output).toBeInstanceOf(ContextLengthError);
        expect(output).toMatchObject({ contextWindow: 4096, promptTokens: 2778, maxTokens: 8000 });

        serveJson('chat/completions', 400, VLLM_LEGACY_CONTEXT_LENGTH);
        const legacy = await failure(h.createProvider().chat({ model: 'meta-llama/Llama-3.3-70B-Instruct', messages: user('long') }));
        expect(legacy).toBeInstanceOf(ContextLengthError);
        expect(legacy).toMatchObject({ contextWindow: 32768, promptTokens: 32818 });
      });
    });

    describe('client mistakes answered with 5xx', () => {
      it('should map llama.cpp 501 not_supported_error (embeddings on a chat server) to UnsupportedFeatureError, not retryable', async () => {
        const { requests, recording } = serveRecording('embeddings', 'embed-on-chat-server');
        const error = await failure(h.createProvider().embed({ model: 'tiny-random', input: ['hello'] }));
        expect(error).toBeInstanceOf(UnsupportedFeatureError);
        expect(error).toMatchObject({ code: 'unsupported_feature', feature: 'embeddings', status: 501, providerCode: 'not_supported_error', retryable: false });
        expect((error as Error).message).toContain('This server does not support embeddings. Start it with `--embeddings`');
        expect(requests[0]?.body).toEqual(recording.request);
      });

      it('should map llama.cpp 500 for an empty input and for tool-call arguments that are not JSON to InvalidRequestError', async () => {
        const { requests } = serveRecording('embeddings', 'embed-empty');
        // An empty input never leaves: request validation refuses it locally, before any network.
        const local = await failure(h.createProvider().embed({ model: 'tiny-random-embed', input: [] }));
        expect(local).toMatchObject({ code: 'invalid_request', local: true, field: 'input' });
        expect(requests).toHaveLength(0);
        // The recorded answer classified as the request's fault, as it would be for any request the server refuses so.
        const empty = await failure(h.createProvider().embed({ model: 'tiny-random-embed', input: ['hello'] }));
        expect(empty).toBeInstanceOf(InvalidRequestError);
        expect(empty).toMatchObject({ code: 'invalid_request', status: 500, providerCode: 'server_error', retryable: false });
        expect(requests).toHaveLength(1);

        serveJson('chat/completions', 500, LLAMA_TOOL_ARGUMENTS_NOT_JSON);
        const history = await failure(
          h.createProvider().chat({
            model: 'tiny-random',
            messages: [user('Weather?')[0]!, { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":' }] }, { role: 'tool', toolCallId: 'call_1', content: '{}' }],
          }),
        );
        expect(history).toBeInstanceOf(InvalidRequestError);
        expect(history).toMatchObject({ status: 500, retryable: false });
      });

      it('should map vLLM and NIM 501 NotImplementedError to UnsupportedFeatureError', async () => {
        serveJson('chat/completions', 501, VLLM_NOT_IMPLEMENTED);
        const error = await failure(h.createProvider().chat({ model: 'meta-llama/Llama-3.3-70B-Instruct', messages: user('Hi') }));
        expect(error).toBeInstanceOf(UnsupportedFeatureError);
        expect(error).toMatchObject({ status: 501, providerCode: 'NotImplementedError', feature: 'chat/completions', requestId: 'req-vllm-0001' });
      });

      it('should map vLLM refusing dimensions (no Matryoshka training) to UnsupportedFeatureError for dimensions', async () => {
        const requests = serveJson('embeddings', 400, VLLM_NO_MATRYOSHKA);
        const error = await failure(h.createProvider().embed({ model: 'BAAI/bge-m3', input: ['hello'], dimensions: 256 }));
        expect(error).toBeInstanceOf(UnsupportedFeatureError);
        expect(error).toMatchObject({ feature: 'dimensions', status: 400, providerCode: 'BadRequestError' });
        expect(requests[0]?.body).toMatchObject({ model: 'BAAI/bge-m3', input: ['hello'], dimensions: 256 });
      });

      it('should keep a real server failure (vLLM engine died, llama.cpp decode failure) an outage, retryable', async () => {
        serveJson('chat/completions', 500, VLLM_INTERNAL);
        const vllm = await failure(h.createProvider().chat({ model: 'meta-llama/Llama-3.3-70B-Instruct', messages: user('Hi') }));
        expect(vllm).toBeInstanceOf(ProviderUnavailableError);
        expect(vllm).toMatchObject({ code: 'unavailable', providerCode: 'InternalServerError', retryable: true });
        serveJson('chat/completions', 500, LLAMA_SERVER_ERROR);
        const llama = await failure(h.createProvider().chat({ model: 'tiny-random', messages: user('Hi') }));
        expect(llama).toBeInstanceOf(ProviderUnavailableError);
      });
    });

    describe('error messages', () => {
      it('should prefer the string type over the integer code and name the status once', async () => {
        serveRecording('chat/completions', 'err-auth-chat');
        const auth = await failure(h.createProvider().chat({ model: 'tiny-random', messages: user('Hi') }));
        expect(auth).toBeInstanceOf(AuthenticationError);
        expect(auth).toMatchObject({ providerCode: 'authentication_error' });
        expect((auth as Error).message).toMatch(/answered HTTP 401 authentication_error: Invalid API Key/);

        serveRecording('chat/completions', 'err-bad-schema-chat');
        const schema = await failure(h.createProvider().chat({ model: 'tiny-random', messages: user('Hi') }));
        expect(schema).toBeInstanceOf(InvalidRequestError);
        expect(schema).toMatchObject({ status: 400, providerCode: 'invalid_request_error' });

        serveJson('chat/completions', 404, VLLM_MODEL_NOT_FOUND);
        const model = await failure(h.createProvider().chat({ model: 'meta-llama/Llama-3.1-8B-Instruct', messages: user('Hi') }));
        expect(model).toMatchObject({ code: 'invalid_request', status: 404, providerCode: 'NotFoundError' });
        expect((model as Error).message).toMatch(/answered HTTP 404 NotFoundError: The model `meta-llama\/Llama-3.1-8B-Instruct` does not exist\./);
      });
    });

    describe('reasoning output', () => {
      it('should return llama.cpp reasoning_content as result.reasoning and say that maxTokens cut it', async () => {
        const { requests, recording } = serveRecording('chat/completions', 'reasoning-chat');
        const result = await h.createProvider().chat({ model: 'tiny-random-think', messages: user('Say hello in French.'), maxTokens: 16, temperature: 0, seed: 42 });
        expect(requests[0]?.body).toEqual(recording.request);
        expect(result.text).toBe('');
        expect(result.reasoning).toBe('DITIONPostal addCriterion hes,filename Twelve_plain freder ONLY bringsbusyFTER journeys filt budding sponsorship');
        expect(result.usage).toMatchObject({ outputTokens: 16, inputTokens: 16 });
        expect(result.warnings).toContainEqual(expect.objectContaining({ setting: 'maxTokens', message: expect.stringContaining('still reasoning') }));
      });

      it('should stream llama.cpp reasoning_content deltas as reasoning-delta parts', async () => {
        serveRecording('chat/completions', 'reasoning-stream.sse');
        const parts = await collectParts(h.createProvider().stream({ model: 'tiny-random-think', messages: user('Say hello in French.'), maxTokens: 16 }));
        expect(joined(parts, 'reasoning-delta')).toBe('DITIONPostal addCriterion hes,filename Twelve_plain freder ONLY bringsbusyFTER journeys filt budding sponsorship');
        expect(parts.filter((p) => p.type === 'reasoning-delta')).toHaveLength(16);
        expect(parts.filter((p) => p.type === 'text-delta')).toEqual([]);
        expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length', usage: { outputTokens: 16 } });
      });

      it('should read vLLM reasoning (the new field name) in a chat and a stream', async () => {
        serveJson('chat/completions', 200, vllmReasoningCompletion('Qwen/Qwen3-8B'));
        const result = await h.createProvider().chat({ model: 'Qwen/Qwen3-8B', messages: user('Say hello in French.') });
        expect(result).toMatchObject({ text: 'Bonjour !', reasoning: 'The user wants a French greeting. "Bonjour" is the usual one.' });
        serveEvents(vllmReasoningStream('Qwen/Qwen3-8B'));
        const parts = await collectParts(h.createProvider().stream({ model: 'Qwen/Qwen3-8B', messages: user('Say hello in French.') }));
        expect(parts.slice(0, 4)).toEqual([
          { type: 'reasoning-delta', text: 'The user wants ' },
          { type: 'reasoning-delta', text: 'a French greeting.' },
          { type: 'text-delta', text: 'Bonjour' },
          { type: 'text-delta', text: ' !' },
        ]);
      });
    });

    describe('settings the server ignored', () => {
      it('should warn when embeddings do not have the dimensions asked for (llama.cpp ignores it)', async () => {
        const { requests, recording } = serveRecording('embeddings', 'embed-dimensions');
        const result = await h.createProvider().embed({ model: 'tiny-random-embed', input: ['hello world'], dimensions: 8 });
        expect(requests[0]?.body).toEqual(recording.request);
        expect(result.embeddings[0]).toHaveLength(384);
        expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'dimensions', message: expect.stringContaining('384-dimension vectors, not the 8 asked for') })]);
        serveRecording('embeddings', 'embed');
        const plain = await h.createProvider().embed({ model: 'tiny-random-embed', input: ['hello world', 'bonjour le monde', 'x'] });
        expect(plain.warnings).toEqual([]);
      });

      it('should warn when a forced tool was not called (an object tool_choice, and required)', async () => {
        const weather = { name: 'get_weather', description: 'Get the current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string', enum: ['Paris', 'Tokyo', 'Lima'] } }, required: ['city'] } };
        const time = { name: 'get_time', description: 'Current time in a zone', parameters: { type: 'object', properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } }, required: ['zone'] } };
        serveRecording('chat/completions', 'tools-named');
        const named = await h.createProvider().chat({ model: 'tiny-random', messages: user('What is the weather in Paris?'), tools: [weather, time], toolChoice: { name: 'get_time' }, maxTokens: 80 });
        expect(named.toolCalls).toEqual([]);
        expect(named.warnings).toContainEqual(expect.objectContaining({ setting: 'toolChoice', message: expect.stringContaining('a call of get_time (toolChoice) and answered with no tool call') }));
        serveRecording('chat/completions', 'tools-named.sse');
        const parts = await collectParts(h.createProvider().stream({ model: 'tiny-random', messages: user('What is the weather in Paris?'), tools: [weather, time], toolChoice: { name: 'get_time' } }));
        const finish = parts.at(-1);
        expect(finish?.type === 'finish' && settings(finish)).toContain('toolChoice');
        serveRecording('chat/completions', 'tools-required');
        const required = await h.createProvider().chat({ model: 'tiny-random', messages: user('What is the weather in Paris?'), tools: [weather], toolChoice: 'required' });
        expect(settings(required)).toContain('toolChoice');
      });

      it('should warn when a JSON answer is not JSON, in a chat and a stream', async () => {
        serveRecording('chat/completions', 'json-object');
        const chat = await h.createProvider().chat({ model: 'tiny-random', messages: user('Is the sky blue? Answer in JSON.'), responseFormat: { type: 'json' }, maxTokens: 60 });
        expect(chat.warnings).toContainEqual(expect.objectContaining({ setting: 'responseFormat', message: expect.stringContaining('the answer is not JSON: it was cut off at maxTokens') }));
        serveRecording('chat/completions', 'json-object.sse');
        const parts = await collectParts(h.createProvider().stream({ model: 'tiny-random', messages: user('Is the sky blue? Answer in JSON.'), responseFormat: { type: 'json' } }));
        const finish = parts.at(-1);
        expect(finish?.type === 'finish' && settings(finish)).toContain('responseFormat');
        // A plain answer asks nothing of the format: no warning.
        serveRecording('chat/completions', 'chat-stop');
        const plain = await h.createProvider().chat({ model: 'tiny-random', messages: user('Say hello in French.'), stop: ['e'], maxTokens: 40 });
        expect(plain.warnings).toEqual([]);
      });

      it('should warn when the served model is not the one asked for (llama.cpp answers with its alias)', async () => {
        serveRecording('chat/completions', 'err-bad-model-chat');
        const chat = await h.createProvider().chat({ model: 'no-such-model-xyz', messages: user('Say hello in French.'), maxTokens: 8 });
        expect(chat.model).toBe('tiny-random');
        expect(chat.warnings).toContainEqual(expect.objectContaining({ setting: 'model', message: expect.stringContaining('asked for model no-such-model-xyz and answered as tiny-random') }));
        serveRecording('chat/completions', 'err-bad-model-stream');
        const parts = await collectParts(h.createProvider().stream({ model: 'no-such-model-xyz', messages: user('Say hello in French.') }));
        const finish = parts.at(-1);
        expect(finish?.type === 'finish' && settings(finish)).toContain('model');
      });
    });

    describe('a stream that goes silent', () => {
      it("should end with TimeoutError kind idle after the request's idleTimeoutMs, the SSE ping not counting", async () => {
        // llama-server on SIGTERM: content, then a ':' ping, then nothing while the connection stays open.
        const recording = loadRecording('kill-SIGTERM-curl');
        network.use(http.post(`${h.baseURL}/chat/completions`, ({ request }) => replay(recording, { signal: request.signal, stallAfterEvents: Number.MAX_SAFE_INTEGER })));
        const { parts, error } = await readParts(h.createProvider().stream({ model: 'tiny-random', messages: user('Say hello in French.'), maxTokens: 1800, idleTimeoutMs: 300, timeoutMs: 10_000 }));
        expect(parts.length).toBeGreaterThan(10);
        expect(error).toBeInstanceOf(StreamInterruptedError);
        expect((error as StreamInterruptedError).partsDelivered).toBe(parts.length);
        const cause = (error as Error).cause;
        expect(cause).toBeInstanceOf(TimeoutError);
        expect(cause).toMatchObject({ kind: 'idle', timeoutMs: 300 });
      });
    });
  });
}
