import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import { BENCH_MESSAGES, BENCH_MODEL, MAX_TOKENS } from '../bench-text.ts';
import type { BenchClient, BenchReply, BenchTargets } from './bench-client.ts';
import { loadSwitchyard } from './load-switchyard.ts';

/**
 * Switchyard through `createSwitchyard`: an alias with a fallback chain (primary, then fallback, priority strategy),
 * the default retry policy, circuit breakers, and the embedded sqlite ledger on (one fresh file per process).
 * In `failover` the breaker is set so high that it never opens (every call pays the failover); in `breaker-open`
 * it opens after the default 5 consecutive failures (during warm-up) and stays open for the run.
 */
export async function createClient(targets: BenchTargets): Promise<BenchClient> {
  // Variants for finding where the time goes, joined with +: `ledger=none|memory|sqlite`, `targets=1` (no fallback
  // target), `otel=sdk` (an OpenTelemetry SDK registered: spans and metrics recorded), `otel=off` (`telemetry: false`).
  const variant = new URLSearchParams(targets.variant.replace(/\+/g, '&'));
  // Variant `from=src`: the TypeScript sources instead of the built package.
  const { pkg, from } = await loadSwitchyard(variant);
  const { createSwitchyard } = pkg;
  const ledgerType = variant.get('ledger') ?? 'sqlite';
  const ledger = ledgerType === 'sqlite' ? { type: 'sqlite', path: join(targets.tmpDir, 'ledger.sqlite') } : { type: ledgerType };
  const single = variant.get('targets') === '1';
  // Variant `model=NAME`: the model every target sends (the default is BENCH_MODEL).
  const model = variant.get('model') ?? BENCH_MODEL;
  const otel = variant.get('otel');
  // Loaded only for that variant: the other variants must not pay for an SDK's modules in their memory and time.
  const sdk = otel === 'sdk' ? (await import('./register-otel-sdk.ts')).registerOtelSdk() : undefined;
  const breaker = targets.mode === 'failover' ? { consecutiveFailures: 1_000_000_000 } : targets.mode === 'breaker-open' ? { consecutiveFailures: 5, cooldownMs: 3_600_000 } : undefined;
  // Shared-state scenarios: a limit on the primary and a budget that no run reaches (each call checks and takes both),
  // kept in memory or in the benchmark's Redis under a key prefix of this process's own.
  const limited = targets.state === 'memory-limited' || targets.state === 'redis-limited';
  const redis = targets.state === 'redis' || targets.state === 'redis-limited';
  if (redis && !targets.redisUrl) throw new Error('this scenario needs the benchmark\'s Redis (redis-server on PATH)');
  const sy = createSwitchyard(
    {
      providers: {
        primary: {
          type: 'openai',
          apiKey: 'sk-bench-switchyard',
          baseURL: targets.primaryBaseURL,
          ...(limited ? { limits: { requestsPerMinute: 100_000_000 }, prices: { [BENCH_MODEL]: { input: 2.5, output: 10 } } } : {}),
        },
        fallback: { type: 'openai', apiKey: 'sk-bench-switchyard', baseURL: targets.fallbackBaseURL as string },
      },
      ...(limited ? { budgets: [{ name: 'bench', provider: 'primary', period: 'day', limitUsd: 1_000_000, mode: 'hard' }] } : {}),
      ...(redis ? { state: { type: 'redis', url: targets.redisUrl, keyPrefix: `bench:${process.pid}:${Date.now()}:` } } : {}),
      models: {
        chat: {
          strategy: 'priority',
          targets: single ? [{ provider: 'primary', model }] : [
            { provider: 'primary', model },
            { provider: 'fallback', model },
          ],
          ...(breaker ? { circuitBreaker: breaker } : {}),
        },
      },
      ledger,
    },
    { env: {}, ...(otel === 'off' ? { telemetry: false as const } : {}) },
  );
  if (redis) {
    const deadline = Date.now() + 10_000;
    while (sy.health().state.status !== 'up') {
      if (Date.now() > deadline) throw new Error(`the benchmark's Redis did not come up: ${JSON.stringify(sy.health().state)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const request = (): ChatRequest => ({ model: 'chat', messages: BENCH_MESSAGES, maxTokens: MAX_TOKENS });
  const stateNote = targets.state === undefined ? '' : `, state ${redis ? 'redis (loopback, default timeoutMs 50)' : 'memory'}${limited ? ' with requestsPerMinute on the primary and a hard budget' : ''}`;

  return {
    describe: `Switchyard createSwitchyard (${from}): alias with ${single ? 'one target' : 'fallback chain (priority)'}, default retry, circuit breaker, ${ledgerType} ledger${stateNote}${sdk ? ', OpenTelemetry SDK registered (batch span processor, periodic metric reader, in-memory exporters)' : otel === 'off' ? ', telemetry: false' : ''}`,
    async chat() {
      const r = await sy.chat(request());
      return { text: r.text, chunks: 1, outputTokens: r.usage.outputTokens };
    },
    async stream() {
      const reply: BenchReply = { text: '', chunks: 0, outputTokens: -1 };
      for await (const part of sy.stream(request())) {
        if (part.type === 'text-delta') {
          reply.text += part.text;
          if (reply.chunks === 0) reply.firstPartAt = performance.now();
          reply.chunks++;
        } else if (part.type === 'finish') reply.outputTokens = part.usage.outputTokens;
      }
      return reply;
    },
    async close() {
      await sy.close();
      await sdk?.shutdown();
    },
  };
}
