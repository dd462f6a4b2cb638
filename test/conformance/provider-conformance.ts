import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { AbortError, AuthenticationError, InvalidRequestError, ProviderUnavailableError, RateLimitError, ResponseParseError, StreamInterruptedError, TimeoutError } from '../../src/errors/index.ts';
import type { CapturedRequest, ScriptStep } from '../../src/testing/script-step.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { collectParts } from '../helpers/stream-parts.ts';

/** What an adapter's test supplies to run the shared conformance suite. */
export interface ConformanceHarness {
  /** The adapter's name in test titles. */
  name: string;
  /** Creates the provider under test (called inside each test, after msw is on). */
  createProvider(): Provider;
  /** Installs a mock server in the provider's wire format answering with `script`; returns its request log. */
  mock(script: ScriptStep | ScriptStep[]): { requests: CapturedRequest[] };
  /** The chat model (or deployment) to request. */
  chatModel: string;
  /** The embedding model, when the adapter embeds. */
  embeddingModel?: string;
  /** Asserts the wire request of a chat call (URL, auth headers, body shape). */
  expectChatRequest(request: CapturedRequest, options: { stream: boolean }): void;
  /** Asserts that the wire request carries the JSON schema given as structured output. */
  expectJsonSchemaSent(request: CapturedRequest, schema: Record<string, unknown>): void;
}

const textOf = (parts: StreamPart[]) => parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
const user = (content: string) => [{ role: 'user' as const, content }];

/** The conformance suite every adapter runs: one contract, the same answers. */
export function runProviderConformance(h: ConformanceHarness): void {
  describe(`${h.name} conformance`, () => {
    it('should chat and normalise text, finish reason and usage', async () => {
      const { requests } = h.mock({ type: 'text', text: 'The capital of France is Paris.', usage: { inputTokens: 20, outputTokens: 7, cachedInputTokens: 5, reasoningTokens: 2 } });
      const result = await h.createProvider().chat({ model: h.chatModel, messages: user('What is the capital of France?'), maxTokens: 64, temperature: 0.2 });
      expect(result.text).toBe('The capital of France is Paris.');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject({ inputTokens: 20, cachedInputTokens: 5, outputTokens: 7, reasoningTokens: 2, totalTokens: 27 });
      expect(result.model).toBeTruthy();
      expect(result.requestId).toBeTruthy();
      expect(requests).toHaveLength(1);
      h.expectChatRequest(requests[0] as CapturedRequest, { stream: false });
    });

    it('should stream text and end with exactly one finish part carrying usage', async () => {
      const { requests } = h.mock({ type: 'text', text: 'Streaming works across several chunks.', chunks: 5, usage: { inputTokens: 11, outputTokens: 6 } });
      const parts = await collectParts(h.createProvider().stream({ model: h.chatModel, messages: user('Stream please') }));
      expect(textOf(parts)).toBe('Streaming works across several chunks.');
      expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(1);
      const finishes = parts.filter((p) => p.type === 'finish');
      expect(finishes).toHaveLength(1);
      expect(parts.at(-1)?.type).toBe('finish');
      expect(finishes[0]).toMatchObject({ finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 6, totalTokens: 17 } });
      h.expectChatRequest(requests[0] as CapturedRequest, { stream: true });
    });

    it('should return parsed tool calls', async () => {
      h.mock({ type: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }] });
      const result = await h.createProvider().chat({
        model: h.chatModel,
        messages: user('Weather in Paris?'),
        tools: [{ name: 'get_weather', description: 'Current weather', parameters: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }) }],
      });
      expect(result.finishReason).toBe('tool-calls');
      expect(result.toolCalls).toHaveLength(1);
      expect(result.toolCalls[0]).toMatchObject({ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } });
      expect(result.toolCalls[0]?.id).toBeTruthy();
    });

    it('should assemble parallel tool calls streamed in pieces', async () => {
      h.mock({ type: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_time', arguments: { zone: 'Europe/Paris' } }] });
      const parts = await collectParts(h.createProvider().stream({ model: h.chatModel, messages: user('Weather and time?'), tools: [{ name: 'get_weather' }, { name: 'get_time' }] }));
      const calls = parts.filter((p) => p.type === 'tool-call');
      expect(calls.map((c) => [c.name, c.arguments])).toEqual([
        ['get_weather', { city: 'Paris' }],
        ['get_time', { zone: 'Europe/Paris' }],
      ]);
      expect(new Set(calls.map((c) => c.id)).size).toBe(2);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
    });

    it('should send a JSON schema for structured output and return the JSON text', async () => {
      const { requests } = h.mock({ type: 'text', text: '{"name":"Ada","age":36}' });
      const schema = z.object({ name: z.string(), age: z.number() });
      const result = await h.createProvider().chat({ model: h.chatModel, messages: user('Who?'), responseFormat: { type: 'json', schema, name: 'person' } });
      expect(JSON.parse(result.text)).toEqual({ name: 'Ada', age: 36 });
      h.expectJsonSchemaSent(requests[0] as CapturedRequest, { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } } });
    });

    const errorCases: Array<[ScriptStep, new (...a: never[]) => Error, Record<string, unknown>]> = [
      [{ type: 'error', status: 400, message: 'Invalid value for temperature.' }, InvalidRequestError, { code: 'invalid_request', status: 400, retryable: false }],
      [{ type: 'error', status: 401 }, AuthenticationError, { code: 'authentication', status: 401, retryable: false }],
      [{ type: 'error', status: 404 }, InvalidRequestError, { code: 'invalid_request', status: 404 }],
      [{ type: 'error', status: 429, retryAfterSeconds: 2 }, RateLimitError, { code: 'rate_limit', retryable: true, retryAfterMs: 2000 }],
      [{ type: 'error', status: 429, retryAfterMs: 1500 }, RateLimitError, { code: 'rate_limit', retryAfterMs: 1500 }],
      [{ type: 'error', status: 500 }, ProviderUnavailableError, { code: 'unavailable', status: 500, retryable: true }],
      [{ type: 'error', status: 503 }, ProviderUnavailableError, { code: 'unavailable', status: 503, retryable: true }],
    ];
    for (const [step, errorClass, fields] of errorCases) {
      it(`should map HTTP ${(step as { status: number }).status} to ${errorClass.name}${'retryAfterMs' in step ? ' (retry-after-ms)' : ''}`, async () => {
        h.mock(step);
        const error = await h.createProvider().chat({ model: h.chatModel, messages: user('Hi') }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(errorClass);
        expect(error).toMatchObject(fields);
        const stream = await collectParts(h.createProvider().stream({ model: h.chatModel, messages: user('Hi') })).then(() => undefined, (e: unknown) => e);
        expect(stream).toBeInstanceOf(errorClass);
      });
    }

    it('should read the other retry-after forms: x-ms-retry-after-ms, and retry-after as an HTTP date', async () => {
      h.mock({ type: 'error', status: 429, headers: { 'x-ms-retry-after-ms': '750' } });
      const ms = await h.createProvider().chat({ model: h.chatModel, messages: user('Hi') }).then(() => undefined, (e: unknown) => e);
      expect(ms).toBeInstanceOf(RateLimitError);
      expect(ms).toMatchObject({ retryable: true, retryAfterMs: 750 });
      // An HTTP date has whole seconds: the wait is up to a second shorter than asked, and never more.
      h.mock({ type: 'error', status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } });
      const date = await h.createProvider().chat({ model: h.chatModel, messages: user('Hi') }).then(() => undefined, (e: unknown) => e);
      expect(date).toBeInstanceOf(RateLimitError);
      expect((date as RateLimitError).retryAfterMs).toBeGreaterThan(110_000);
      expect((date as RateLimitError).retryAfterMs).toBeLessThanOrEqual(120_000);
    });

    it('should raise ResponseParseError with the raw text for a body or stream event that is not JSON', async () => {
      h.mock({ type: 'malformed' });
      const chat = await h.createProvider().chat({ model: h.chatModel, messages: user('Hi') }).then(() => undefined, (e: unknown) => e);
      expect(chat).toBeInstanceOf(ResponseParseError);
      expect((chat as ResponseParseError).rawText).toMatch(/^[[{]/);
      const parts: StreamPart[] = [];
      const stream = await (async () => {
        for await (const part of h.createProvider().stream({ model: h.chatModel, messages: user('Hi') })) parts.push(part);
      })().then(() => undefined, (e: unknown) => e);
      expect(stream).toBeInstanceOf(ResponseParseError);
      expect(parts).toEqual([]);
      if (h.embeddingModel) {
        const embed = await h.createProvider().embed({ model: h.embeddingModel, input: ['a'] }).then(() => undefined, (e: unknown) => e);
        expect(embed).toBeInstanceOf(ResponseParseError);
      }
    });

    it('should throw StreamInterruptedError when the stream is cut after content', async () => {
      h.mock({ type: 'cut', text: 'This answer will be cut off', chunks: 4 });
      const parts: StreamPart[] = [];
      const error = await (async () => {
        for await (const part of h.createProvider().stream({ model: h.chatModel, messages: user('Hi') })) parts.push(part);
      })().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StreamInterruptedError);
      expect((error as StreamInterruptedError).partsDelivered).toBe(parts.length);
      expect((error as StreamInterruptedError).charactersDelivered).toBe(textOf(parts).length);
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.some((p) => p.type === 'finish')).toBe(false);
    });

    it('should stop at once with AbortError when the caller aborts mid-stream', async () => {
      h.mock({ type: 'text', text: 'one two three four five six', chunks: 6, chunkDelayMs: 100 });
      const controller = new AbortController();
      const parts: StreamPart[] = [];
      const error = await (async () => {
        for await (const part of h.createProvider().stream({ model: h.chatModel, messages: user('Hi'), signal: controller.signal })) {
          parts.push(part);
          if (part.type === 'text-delta') controller.abort();
        }
      })().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).retryable).toBe(false);
      expect(parts.filter((p) => p.type === 'finish')).toHaveLength(0);
    });

    it('should fail with TimeoutError when timeoutMs passes', async () => {
      h.mock({ type: 'hang' });
      const error = await h.createProvider().chat({ model: h.chatModel, messages: user('Hi'), timeoutMs: 150 }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ code: 'timeout', timeoutMs: 150 });
    });

    it('should fail a stream with TimeoutError when timeoutMs passes before the response', async () => {
      h.mock({ type: 'hang' });
      const parts: StreamPart[] = [];
      const error = await (async () => {
        for await (const part of h.createProvider().stream({ model: h.chatModel, messages: user('Hi'), timeoutMs: 150 })) parts.push(part);
      })().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ code: 'timeout', timeoutMs: 150, retryable: true });
      expect(parts).toEqual([]);
    });

    it('should end a stream whose body stalls past timeoutMs with a typed timeout, never a finish', async () => {
      // The first event arrives at once, the next only long after the deadline.
      h.mock({ type: 'text', text: 'one two three four', chunks: 4, chunkDelayMs: 400 });
      const parts: StreamPart[] = [];
      const error = await (async () => {
        for await (const part of h.createProvider().stream({ model: h.chatModel, messages: user('Hi'), timeoutMs: 200 })) parts.push(part);
      })().then(() => undefined, (e: unknown) => e);
      expect(parts.some((p) => p.type === 'finish')).toBe(false);
      if (parts.length === 0) {
        expect(error).toBeInstanceOf(TimeoutError);
      } else {
        // Content was delivered: the failure says how much, and its cause is the timeout.
        expect(error).toBeInstanceOf(StreamInterruptedError);
        expect((error as StreamInterruptedError).partsDelivered).toBe(parts.length);
        expect((error as Error).cause).toBeInstanceOf(TimeoutError);
      }
    });

    it('should end a stream that goes silent after two parts with TimeoutError kind idle (idleTimeoutMs), SSE pings not counting', async () => {
      h.mock({ type: 'text', text: 'one two three four five six', chunks: 6, stallAfterChunks: 2, pingEveryMs: 50 });
      const parts: StreamPart[] = [];
      const error = await (async () => {
        for await (const part of h.createProvider().stream({ model: h.chatModel, messages: user('Count to six'), idleTimeoutMs: 300, timeoutMs: 5000 })) parts.push(part);
      })().then(() => undefined, (e: unknown) => e);
      expect(parts.map((p) => p.type)).toEqual(['text-delta', 'text-delta']);
      expect(error).toBeInstanceOf(StreamInterruptedError);
      expect((error as StreamInterruptedError).partsDelivered).toBe(2);
      expect((error as Error).cause).toBeInstanceOf(TimeoutError);
      expect((error as Error).cause).toMatchObject({ kind: 'idle', timeoutMs: 300 });
    });

    it('should not send anything when the signal is already aborted', async () => {
      const { requests } = h.mock({ type: 'text', text: 'never' });
      const error = await h.createProvider().chat({ model: h.chatModel, messages: user('Hi'), signal: AbortSignal.abort() }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(requests).toHaveLength(0);
    });

    if (h.embeddingModel) {
      it('should embed in input order with usage', async () => {
        h.mock({ type: 'embeddings', vectors: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], inputTokens: 9 });
        const result = await h.createProvider().embed({ model: h.embeddingModel as string, input: ['first text', 'second text'] });
        expect(result.embeddings).toEqual([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]);
        expect(result.usage.inputTokens).toBe(9);
        expect(result.model).toBeTruthy();
        expect(result.warnings).toEqual([]);
      });

      it('should warn when the embeddings do not have the dimensions asked for, and not when they do', async () => {
        h.mock({ type: 'embeddings', vectors: [[0.1, 0.2, 0.3]] });
        const ignored = await h.createProvider().embed({ model: h.embeddingModel as string, input: ['text'], dimensions: 2 });
        expect(ignored.embeddings).toEqual([[0.1, 0.2, 0.3]]);
        expect(ignored.warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'dimensions', message: expect.stringContaining('3-dimension vectors, not the 2 asked for') })]);
        const applied = await h.createProvider().embed({ model: h.embeddingModel as string, input: ['text'], dimensions: 3 });
        expect(applied.warnings).toEqual([]);
      });
    }
  });
}
