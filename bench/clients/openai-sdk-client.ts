import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import { BENCH_MESSAGES, BENCH_MODEL, MAX_TOKENS } from '../bench-text.ts';
import type { BenchClient, BenchReply, BenchTargets } from './bench-client.ts';

/** The official `openai` package, `maxRetries: 0`, on its default fetch (Node's built-in `globalThis.fetch`). */
export async function createClient(targets: BenchTargets): Promise<BenchClient> {
  const make = (baseURL: string) => new OpenAI({ apiKey: 'sk-bench-openai', baseURL, maxRetries: 0 });
  const primary = make(targets.mode === 'breaker-open' ? (targets.fallbackBaseURL as string) : targets.primaryBaseURL);
  const fallback = targets.mode === 'failover' ? make(targets.fallbackBaseURL as string) : undefined;

  async function withFailover<T>(call: (client: OpenAI) => Promise<T>): Promise<T> {
    if (!fallback) return call(primary);
    try {
      return await call(primary);
    } catch (error) {
      if (!(error instanceof OpenAI.APIError) || (error.status ?? 0) < 500) throw error;
      return call(fallback);
    }
  }

  return {
    describe: `openai ${VERSION} (maxRetries: 0) on its default fetch: Node ${process.version} built-in globalThis.fetch`,
    async chat() {
      const r = await withFailover((c) => c.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES, max_completion_tokens: MAX_TOKENS }));
      return { text: r.choices[0].message.content ?? '', chunks: 1, outputTokens: r.usage?.completion_tokens ?? -1 };
    },
    async stream() {
      const s = await withFailover((c) =>
        c.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES, max_completion_tokens: MAX_TOKENS, stream: true, stream_options: { include_usage: true } }),
      );
      const reply: BenchReply = { text: '', chunks: 0, outputTokens: -1 };
      for await (const chunk of s) {
        const content = chunk.choices[0]?.delta.content;
        if (content) {
          reply.text += content;
          if (reply.chunks === 0) reply.firstPartAt = performance.now();
          reply.chunks++;
        }
        if (chunk.usage) reply.outputTokens = chunk.usage.completion_tokens;
      }
      return reply;
    },
    async close() {},
  };
}
