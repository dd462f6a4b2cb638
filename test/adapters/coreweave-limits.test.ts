import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createCoreWeave } from '../../adapters/coreweave/index.ts';
import { ConfigError, QuotaExhaustedError, RateLimitError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import type { CircuitEvent, FailoverEvent } from '../../src/router/switchyard-events.ts';
import { createOpenAIMock } from '../../src/testing/create-openai-mock.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { createManualClock } from '../resilience/helpers/manual-clock.ts';
import { network } from '../setup/network.ts';

const SERVERLESS = 'https://api.inference.wandb.ai/v1';
const KEY = 'wandb_v1_5f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c';
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct';
const user = (content: string) => [{ role: 'user' as const, content }];

// The messages CoreWeave documents for Serverless Inference ("API error code 429 - Concurrency limit reached for
// requests", "API error code 402 - You exceeded your current quota"). The JSON around them is not documented; these
// bodies follow the OpenAI-compatible shape the API answers in.
const CONCURRENCY_429 = { error: { message: 'Concurrency limit reached for requests', type: 'rate_limit_error', param: null, code: 429 } };
const NO_CREDITS_402 = { error: { message: 'You exceeded your current quota, please check your plan and billing details', type: 'insufficient_quota', param: null, code: 402 } };
const HEADERS = { 'content-type': 'application/json', 'x-request-id': 'e1f2a3b4c5d6e7f8a9b0c1d2' };

/** Serverless Inference answering every chat request with `status` and `body`; records the headers sent. */
function serverless(status: number, body: object): Array<Record<string, string>> {
  const seen: Array<Record<string, string>> = [];
  network.use(http.post(`${SERVERLESS}/chat/completions`, ({ request }) => (seen.push(Object.fromEntries(request.headers)), HttpResponse.json(body, { status, headers: HEADERS }))));
  return seen;
}

async function drain(stream: AsyncIterable<StreamPart>): Promise<unknown> {
  try {
    for await (const _ of stream) {
      // reading
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('createCoreWeave limits and credits', () => {
  it('should make a 429 "Concurrency limit reached" a RateLimitError of kind concurrency, on chat and stream', async () => {
    serverless(429, CONCURRENCY_429);
    const cw = createCoreWeave({ apiKey: KEY, project: 'acme/search' });
    const chat = await cw.chat({ model: MODEL, messages: user('Hi') }).catch((e: unknown) => e);
    const stream = await drain(cw.stream({ model: MODEL, messages: user('Hi') }));
    for (const error of [chat, stream]) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ code: 'rate_limit', kind: 'concurrency', status: 429, retryable: true, local: false, provider: 'coreweave' });
    }
  });

  it('should make a 402 a QuotaExhaustedError (code quota_exhausted), never retryable, on chat and stream', async () => {
    serverless(402, NO_CREDITS_402);
    const cw = createCoreWeave({ apiKey: KEY });
    const chat = await cw.chat({ model: MODEL, messages: user('Hi') }).catch((e: unknown) => e);
    const stream = await drain(cw.stream({ model: MODEL, messages: user('Hi') }));
    for (const error of [chat, stream]) {
      expect(error).toBeInstanceOf(QuotaExhaustedError);
      expect(RateLimitError.isInstance(error)).toBe(false);
      expect(error).toMatchObject({ code: 'quota_exhausted', status: 402, retryable: false });
      expect((error as Error).message).toContain('You exceeded your current quota, please check your plan and billing details');
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it('should send project as the OpenAI-Project header and refuse one that is not team/project', async () => {
    const seen = serverless(200, { id: 'chatcmpl-1', object: 'chat.completion', created: 1795424400, model: MODEL, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
    await createCoreWeave({ apiKey: KEY, project: 'acme/search' }).chat({ model: MODEL, messages: user('Hi') });
    expect(seen[0]).toMatchObject({ 'openai-project': 'acme/search', authorization: `Bearer ${KEY}` });
    expect(() => createCoreWeave({ apiKey: KEY, project: 'search' })).toThrow(ConfigError);
    expect(() => createCoreWeave({ apiKey: KEY, project: 'search' })).toThrow('project: must be your team and project as team/project');
    expect(() => createSwitchyard({ providers: { cw: { type: 'coreweave', apiKey: KEY, project: 'acme/search/x' } } }, { telemetry: false })).toThrow(/providers\.cw\.project.*team\/project/s);
  });
});

describe('createSwitchyard when CoreWeave credits run out', () => {
  it('should fail over on a 402 by default and skip the target for quotaCooldownMs, then probe it again', async () => {
    const clock = createManualClock();
    const seen = serverless(402, NO_CREDITS_402);
    const fallback = createOpenAIMock({ script: { type: 'text', text: 'From the fallback.' } });
    network.use(...fallback.handlers);
    const sy = createSwitchyard(
      {
        providers: { cw: { type: 'coreweave', apiKey: KEY, project: 'acme/search' }, openai: { type: 'openai', apiKey: 'sk-proj-fallback000000000000' } },
        models: { chat: { targets: [{ provider: 'cw', model: MODEL }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
        ledger: { type: 'memory' },
      },
      { clock, telemetry: false },
    );
    const failovers: FailoverEvent[] = [];
    const opened: CircuitEvent[] = [];
    sy.on('failover', (e) => failovers.push(e));
    sy.on('circuit-open', (e) => opened.push(e));

    const first = await sy.chat({ model: 'chat', messages: user('Hi') });
    expect(first).toMatchObject({ provider: 'openai', text: 'From the fallback.' });
    expect(first.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['cw', 'error', 'quota_exhausted'], ['openai', 'success', undefined]]);
    expect(failovers).toMatchObject([{ from: { provider: 'cw' }, to: { provider: 'openai' }, errorCode: 'quota_exhausted' }]);
    // One 402 opens the circuit at once, for 10 minutes (a 503 would need 5 in a row and skip it for 30 s).
    expect(opened).toMatchObject([{ provider: 'cw', state: 'open', reason: 'credits or quota exhausted', retryAt: clock.now() + 600_000 }]);

    clock.advance(599_000);
    const skipped = await sy.chat({ model: 'chat', messages: user('Hi') });
    expect(skipped.attempts?.[0]).toMatchObject({ provider: 'cw', outcome: 'skipped' });
    expect(seen).toHaveLength(1);

    clock.advance(1_000);
    await sy.chat({ model: 'chat', messages: user('Hi') });
    expect(seen).toHaveLength(2); // the probe after the cooldown, answered 402 again: open for another 10 minutes
    expect(opened.map((e) => e.retryAt)).toEqual([Date.UTC(2026, 10, 23, 9, 10), Date.UTC(2026, 10, 23, 9, 20)]);
    await sy.close();
  });

  it('should honour circuitBreaker.quotaCooldownMs, and leave a 402 out of fallbackOn when told', async () => {
    const clock = createManualClock();
    serverless(402, NO_CREDITS_402);
    const sy = createSwitchyard(
      {
        providers: { cw: { type: 'coreweave', apiKey: KEY }, openai: { type: 'openai', apiKey: 'sk-proj-fallback000000000000' } },
        circuitBreaker: { quotaCooldownMs: 60_000 },
        models: { chat: { fallbackOn: ['rate-limit', 'unavailable'], targets: [{ provider: 'cw', model: MODEL }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
        ledger: { type: 'memory' },
      },
      { clock, telemetry: false },
    );
    const error = await sy.chat({ model: 'chat', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExhaustedError);
    expect(sy.health().targets.find((t) => t.provider === 'cw')).toMatchObject({ state: 'open', retryAt: clock.now() + 60_000 });
    await sy.close();
  });

  it('should retry a concurrency 429 with backoff rather than open the circuit at once', async () => {
    const clock = createManualClock();
    const seen = serverless(429, CONCURRENCY_429);
    const sy = createSwitchyard({ providers: { cw: { type: 'coreweave', apiKey: KEY } }, models: { chat: { retry: { attempts: 2, minDelayMs: 0, maxDelayMs: 0 }, targets: [{ provider: 'cw', model: MODEL }] } }, ledger: { type: 'memory' } }, { clock, telemetry: false });
    const error = await sy.chat({ model: 'chat', messages: user('Hi') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'all_attempts_failed', errors: [{ code: 'rate_limit', kind: 'concurrency' }] });
    expect((error as { attempts: Array<{ errorCode?: string }> }).attempts.map((a) => a.errorCode)).toEqual(['rate_limit', 'rate_limit']);
    expect(seen).toHaveLength(2);
    // A concurrency refusal is a busy target, not a failed one: it lowers the learned concurrency, not the circuit.
    expect(sy.health().targets[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    await sy.close();
  });
});

describe('createSwitchyard with CoreWeave Serverless refusing above its concurrency limit', () => {
  /** Serverless Inference that accepts `cap` requests in flight and refuses the rest with its concurrency 429. */
  function cappedServerless(cap: number, latencyMs: number) {
    const server = { inflight: 0, peak: 0, refused: 0, served: 0 };
    network.use(
      http.post(`${SERVERLESS}/chat/completions`, async () => {
        server.inflight++;
        try {
          if (server.inflight > cap) {
            server.refused++;
            return HttpResponse.json(CONCURRENCY_429, { status: 429, headers: HEADERS });
          }
          server.peak = Math.max(server.peak, server.inflight);
          await delay(latencyMs);
          server.served++;
          const body = { id: 'chatcmpl-7c1d', object: 'chat.completion', created: 1795424400, model: MODEL, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 } };
          return HttpResponse.json(body, { headers: HEADERS });
        } finally {
          server.inflight--;
        }
      }),
    );
    return server;
  }

  it('should lower the learned concurrency on refusals and, with limits.queueMs, wait for a slot instead of failing the call', async () => {
    const server = cappedServerless(3, 40);
    const sy = createSwitchyard(
      {
        providers: { cw: { type: 'coreweave', apiKey: KEY, project: 'acme/search' } },
        models: { chat: { limits: { queueMs: 10_000 }, retry: { attempts: 2, minDelayMs: 5, maxDelayMs: 20 }, targets: [{ provider: 'cw', model: MODEL }] } },
        ledger: { type: 'memory' },
      },
      { telemetry: false },
    );
    const wave = () => Promise.all(Array.from({ length: 12 }, (_, i) => sy.chat({ model: 'chat', messages: user(`Question ${i}`) })));
    const first = await wave();
    const refusedFirst = server.refused;
    // Every call is served: a refusal says "fewer in flight", so the call waits for a slot of the learned limit.
    expect(first.every((r) => r.provider === 'cw' && r.text === 'ok')).toBe(true);
    expect(refusedFirst).toBeGreaterThan(0);
    // The refused attempts reached the provider: they stay in `attempts`, before the one that was served.
    const refusedAttempts = first.flatMap((r) => r.attempts ?? []).filter((a) => a.outcome === 'error');
    expect(refusedAttempts.length).toBe(refusedFirst);
    expect(refusedAttempts.every((a) => a.errorCode === 'rate_limit')).toBe(true);
    expect(first.every((r) => r.attempts?.at(-1)?.outcome === 'success')).toBe(true);
    const target = sy.health().targets[0];
    expect(target).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect(target?.limits?.learnedMaxConcurrency).toBeLessThan(12);

    // Under the learned limit the next bursts are held back by Switchyard rather than refused by the server: the limit
    // probes the refused concurrency again only after PROBE_ROUNDS rounds of successes (about once in 25 calls here).
    for (let i = 0; i < 4; i++) expect((await wave()).every((r) => r.provider === 'cw')).toBe(true);
    expect(server.refused - refusedFirst).toBeLessThanOrEqual(4);
    expect(server.served).toBe(60);
    await sy.close();
  });
});

