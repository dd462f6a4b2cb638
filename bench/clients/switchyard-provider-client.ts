import { performance } from 'node:perf_hooks';
import type { OpenAIProvider } from '../../adapters/openai/index.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import { BENCH_MESSAGES, BENCH_MODEL, MAX_TOKENS } from '../bench-text.ts';
import type { BenchClient, BenchReply, BenchTargets } from './bench-client.ts';
import { loadSwitchyard } from './load-switchyard.ts';

/**
 * Switchyard's OpenAI adapter called directly (`createOpenAI` from adapters/openai): the adapter hot path
 * (request building, undici transport, SSE parsing, mapping) without the router or metering. Failover by hand.
 */
export async function createClient(targets: BenchTargets): Promise<BenchClient> {
  // Variant `from=src`: the TypeScript sources instead of the built package.
  const { pkg, openai, from } = await loadSwitchyard(new URLSearchParams(targets.variant.replace(/\+/g, '&')));
  const { createOpenAI } = openai;
  const { ProviderApiError } = pkg;
  const make = (id: string, baseURL: string) => createOpenAI({ id, apiKey: 'sk-bench-switchyard', baseURL });
  const primary = make('primary', targets.mode === 'breaker-open' ? (targets.fallbackBaseURL as string) : targets.primaryBaseURL);
  const fallback = targets.mode === 'failover' ? make('fallback', targets.fallbackBaseURL as string) : undefined;
  // Variant `signal=1`: every call gets its own AbortController's signal, as the router's calls have (its cost in undici).
  const withSignal = new URLSearchParams(targets.variant.replace(/\+/g, '&')).get('signal') === '1';
  const model = new URLSearchParams(targets.variant.replace(/\+/g, '&')).get('model') ?? BENCH_MODEL;
  const request = (): ChatRequest => (withSignal ? { model, messages: BENCH_MESSAGES, maxTokens: MAX_TOKENS, signal: new AbortController().signal } : { model, messages: BENCH_MESSAGES, maxTokens: MAX_TOKENS });

  // Variant `spin=µs`: burn that much CPU in each call before it is sent (an experiment: how much a fixed per-call cost
  // shows in CPU per request at this concurrency).
  const spinUs = Number(new URLSearchParams(targets.variant.replace(/\+/g, '&')).get('spin') ?? 0);
  const spin = () => {
    const until = performance.now() + spinUs / 1000;
    while (performance.now() < until);
  };

  async function chatOnce(p: OpenAIProvider): Promise<BenchReply> {
    if (spinUs > 0) spin();
    const r = await p.chat(request());
    return { text: r.text, chunks: 1, outputTokens: r.usage.outputTokens };
  }

  async function streamOnce(p: OpenAIProvider): Promise<BenchReply> {
    const reply: BenchReply = { text: '', chunks: 0, outputTokens: -1 };
    for await (const part of p.stream(request())) {
      if (part.type === 'text-delta') {
        reply.text += part.text;
        if (reply.chunks === 0) reply.firstPartAt = performance.now();
        reply.chunks++;
      } else if (part.type === 'finish') reply.outputTokens = part.usage.outputTokens;
    }
    return reply;
  }

  async function withFailover(call: (p: OpenAIProvider) => Promise<BenchReply>): Promise<BenchReply> {
    if (!fallback) return call(primary);
    try {
      return await call(primary);
    } catch (error) {
      if (!ProviderApiError.isInstance(error) || error.status < 500) throw error;
      return call(fallback);
    }
  }

  return {
    describe: `Switchyard adapters/openai createOpenAI (${from}), called directly (no router, no ledger), default undici transport`,
    chat: () => withFailover(chatOnce),
    stream: () => withFailover(streamOnce),
    async close() {},
  };
}
