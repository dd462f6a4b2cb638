import { performance } from 'node:perf_hooks';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, type LanguageModel } from 'ai';
import { BENCH_MESSAGES, BENCH_MODEL, MAX_TOKENS } from '../bench-text.ts';
import type { BenchClient, BenchReply, BenchTargets } from './bench-client.ts';

// AI SDK 7 takes the system prompt as `instructions`, not as a message.
const INSTRUCTIONS = BENCH_MESSAGES[0].content;
const MESSAGES = BENCH_MESSAGES.slice(1) as Array<{ role: 'user'; content: string }>;

/** Vercel's AI SDK: `generateText`/`streamText` on `createOpenAI({ baseURL }).chat(model)`, `maxRetries: 0`, default fetch. */
export async function createClient(targets: BenchTargets): Promise<BenchClient> {
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  const make = (baseURL: string) => createOpenAI({ apiKey: 'sk-bench-ai-sdk', baseURL }).chat(BENCH_MODEL);
  const primary = make(targets.mode === 'breaker-open' ? (targets.fallbackBaseURL as string) : targets.primaryBaseURL);
  const fallback = targets.mode === 'failover' ? make(targets.fallbackBaseURL as string) : undefined;

  const isServerError = (error: unknown) => ((error as { statusCode?: number }).statusCode ?? 0) >= 500;

  async function streamOnce(model: LanguageModel): Promise<BenchReply> {
    const result = streamText({ model, instructions: INSTRUCTIONS, messages: MESSAGES, maxOutputTokens: MAX_TOKENS, maxRetries: 0, onError: () => {} });
    const reply: BenchReply = { text: '', chunks: 0, outputTokens: -1 };
    for await (const part of result.stream) {
      if (part.type === 'text-delta') {
        reply.text += part.text;
        if (reply.chunks === 0) reply.firstPartAt = performance.now();
        reply.chunks++;
      } else if (part.type === 'finish') reply.outputTokens = part.totalUsage.outputTokens ?? -1;
      else if (part.type === 'error') throw part.error;
    }
    return reply;
  }

  async function chatOnce(model: LanguageModel): Promise<BenchReply> {
    const r = await generateText({ model, instructions: INSTRUCTIONS, messages: MESSAGES, maxOutputTokens: MAX_TOKENS, maxRetries: 0 });
    return { text: r.text, chunks: 1, outputTokens: r.usage.outputTokens ?? -1 };
  }

  async function withFailover(call: (model: LanguageModel) => Promise<BenchReply>): Promise<BenchReply> {
    if (!fallback) return call(primary);
    try {
      return await call(primary);
    } catch (error) {
      if (!isServerError(error)) throw error;
      return call(fallback);
    }
  }

  return {
    describe: 'ai + @ai-sdk/openai (chat model, maxRetries: 0) on the default fetch: Node built-in globalThis.fetch',
    chat: () => withFailover(chatOnce),
    stream: () => withFailover(streamOnce),
    async close() {},
  };
}
