import * as z from 'zod';
import { AbortError } from '../../../src/errors/abort-error.ts';
import type { ChatRequest } from '../../../src/types/chat-request.ts';
import type { ChatResult } from '../../../src/types/chat-result.ts';
import type { EmbedRequest } from '../../../src/types/embed-request.ts';
import type { EmbedResult } from '../../../src/types/embed-result.ts';
import type { ProviderCapabilities } from '../../../src/types/provider-capabilities.ts';
import type { ProviderDefinition } from '../../../src/types/provider-definition.ts';
import type { Provider } from '../../../src/types/provider.ts';
import type { StreamPart } from '../../../src/types/stream-part.ts';
import type { RateLimitInfo } from '../../../src/types/rate-limit-info.ts';
import type { Usage } from '../../../src/types/usage.ts';

/**
 * What a fake provider does for one call:
 * - `text`: answers (a stream sends `chunks` text parts, then `finish`), after `delayMs`;
 * - `error`: fails with the error after `delayMs` (a stream: before any part, or after `afterParts` parts);
 * - `hang`: never answers, until the request's signal aborts.
 */
export type FakeStep =
  | { type: 'text'; text: string; delayMs?: number; chunks?: number; chunkDelayMs?: number; usage?: Partial<Usage>; model?: string; rateLimit?: RateLimitInfo }
  | { type: 'error'; error: Error; delayMs?: number; afterParts?: number }
  | { type: 'hang' };

/** One call a fake provider received. */
export interface FakeCall {
  operation: 'chat' | 'stream' | 'embed';
  model: string;
  request: ChatRequest | EmbedRequest;
  /** Whether its signal was aborted (read at any later time). */
  readonly aborted: boolean;
  /** For streams: whether the provider's stream was ended (finished, failed, or closed by `return()`). */
  ended?: boolean;
}

/** A fake `Provider` answering from a script (one step per call, the last repeats). */
export interface FakeProvider extends Provider {
  calls: FakeCall[];
  closed: boolean;
  setScript(steps: FakeStep[]): void;
}

const usageOf = (usage: Partial<Usage> | undefined): Usage => {
  const input = usage?.inputTokens ?? 10;
  const output = usage?.outputTokens ?? 5;
  return { inputTokens: input, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: output, reasoningTokens: 0, totalTokens: input + output, ...usage };
};

function wait(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    if (signal?.aborted) return onAbort();
    const timer = ms === undefined ? undefined : setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Creates a fake provider; `id` is its config id. */
export function createFakeProvider(id: string, steps: FakeStep[], capabilities: ProviderCapabilities = {}): FakeProvider {
  let script = steps;
  let n = 0;
  const take = (): FakeStep => script[Math.min(n++, script.length - 1)] as FakeStep;
  const record = (operation: FakeCall['operation'], request: ChatRequest | EmbedRequest): void => {
    const signal = request.signal;
    provider.calls.push({ operation, model: request.model, request, get aborted() { return signal?.aborted === true; } });
  };

  async function chat(request: ChatRequest): Promise<ChatResult> {
    record('chat', request);
    const step = take();
    if (step.type === 'hang') await wait(undefined, request.signal);
    if (step.type === 'error') {
      if (step.delayMs) await wait(step.delayMs, request.signal);
      throw step.error;
    }
    const text = step as Extract<FakeStep, { type: 'text' }>;
    if (text.delayMs) await wait(text.delayMs, request.signal);
    const result: ChatResult = { text: text.text, toolCalls: [], finishReason: 'stop', rawFinishReason: 'stop', usage: usageOf(text.usage), model: text.model ?? `${request.model}-served`, requestId: `req-${id}-${provider.calls.length}`, warnings: [] };
    if (text.rateLimit) result.rateLimit = text.rateLimit;
    return result;
  }

  async function embed(request: EmbedRequest): Promise<EmbedResult> {
    record('embed', request);
    const step = take();
    if (step.type === 'hang') await wait(undefined, request.signal);
    if (step.type === 'error') {
      if (step.delayMs) await wait(step.delayMs, request.signal);
      throw step.error;
    }
    const text = step as Extract<FakeStep, { type: 'text' }>;
    if (text.delayMs) await wait(text.delayMs, request.signal);
    return { embeddings: request.input.map(() => [0.1, 0.2]), usage: usageOf({ outputTokens: 0, ...text.usage }), model: text.model ?? request.model, warnings: [] };
  }

  async function* stream(request: ChatRequest): AsyncGenerator<StreamPart> {
    record('stream', request);
    const call = provider.calls[provider.calls.length - 1] as FakeCall;
    try {
      yield* streamSteps(request);
    } finally {
      call.ended = true;
    }
  }

  async function* streamSteps(request: ChatRequest): AsyncGenerator<StreamPart> {
    const step = take();
    if (step.type === 'hang') await wait(undefined, request.signal);
    if (step.type === 'error') {
      if (step.delayMs) await wait(step.delayMs, request.signal);
      for (let i = 0; i < (step.afterParts ?? 0); i++) yield { type: 'text-delta', text: `part${i} ` };
      throw step.error;
    }
    const text = step as Extract<FakeStep, { type: 'text' }>;
    if (text.delayMs) await wait(text.delayMs, request.signal);
    const chunks = text.chunks ?? 2;
    const size = Math.ceil(text.text.length / chunks);
    for (let i = 0; i < text.text.length; i += size) {
      if (i > 0 && text.chunkDelayMs) await wait(text.chunkDelayMs, request.signal);
      yield { type: 'text-delta', text: text.text.slice(i, i + size) };
    }
    yield { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage: usageOf(text.usage), model: text.model ?? `${request.model}-served`, requestId: `req-${id}-${provider.calls.length}`, warnings: [], provider: id };
  }

  const provider: FakeProvider = {
    id,
    type: 'fake',
    capabilities,
    calls: [],
    closed: false,
    chat,
    embed,
    stream,
    setScript(next) {
      script = next;
      n = 0;
    },
    async close() {
      provider.closed = true;
    },
  };
  return provider;
}

/** A provider definition of type `fake` that hands out the given fakes by config id. */
export function fakeDefinition(fakes: Record<string, FakeProvider>): ProviderDefinition {
  return {
    type: 'fake',
    configSchema: z.strictObject({ apiKey: z.string().optional(), region: z.string().optional() }),
    create(_config, context) {
      const fake = fakes[context.id];
      if (!fake) throw new Error(`no fake provider for ${context.id}`);
      return fake;
    },
  };
}
