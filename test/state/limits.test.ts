import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../src/errors/rate-limit-error.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import { createManualClock } from '../resilience/helpers/manual-clock.ts';
import { errors } from '../router/helpers/errors.ts';
import { createFakeProvider, type FakeProvider } from '../router/helpers/fake-provider.ts';
import { ask, makeSwitchyard } from '../router/helpers/make-switchyard.ts';

const chatWith = (limits: Record<string, unknown> | undefined, targetLimits?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  providers: { a: limits ? { limits } : {}, b: {} },
  models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o', ...(targetLimits ? { limits: targetLimits } : {}) }, { provider: 'b', model: 'gpt-4o' }], ...extra } },
});

const request = (content = 'Hello'): ChatRequest => ({ model: 'chat', messages: ask(content), maxTokens: 100 });

/** A provider that refuses with a concurrency 429 (as CoreWeave Serverless does) whenever more than `cap` requests are in flight. */
function createCappedProvider(id: string, cap: number, delayMs: number): FakeProvider & { inflight: number; peak: number; refusals: number } {
  const base = createFakeProvider(id, [{ type: 'text', text: 'ok' }]);
  const capped = Object.assign(base, { inflight: 0, peak: 0, refusals: 0 });
  const answer = base.chat.bind(base);
  capped.chat = async (req: ChatRequest): Promise<ChatResult> => {
    capped.inflight++;
    try {
      if (capped.inflight > cap) {
        capped.refusals++;
        throw new RateLimitError(`${id} (llama) answered HTTP 429: Concurrency limit reached for requests`, { status: 429, provider: id, retryable: true, kind: 'concurrency' });
      }
      capped.peak = Math.max(capped.peak, capped.inflight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return await answer(req);
    } finally {
      capped.inflight--;
    }
  };
  return capped;
}

describe('limits (state.type: memory)', () => {
  it('should skip a provider at requestsPerMinute like an open circuit, naming the limit, and serve it again once the minute has passed', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, chatWith({ requestsPerMinute: 3 }), { clock });
    const served: string[] = [];
    for (let i = 0; i < 5; i++) served.push((await sy.chat(request())).provider as string);
    expect(served).toEqual(['a', 'a', 'a', 'b', 'b']);
    expect(a.calls).toHaveLength(3);
    const last = await sy.chat(request());
    expect(last.attempts?.[0]).toEqual({
      provider: 'a',
      model: 'gpt-4o',
      outcome: 'skipped',
      reason: 'limit: requestsPerMinute (3) of provider a reached (providers.a.limits): 3 requests in the last minute; capacity frees in 61000 ms',
      latencyMs: 0,
      limit: { name: 'requestsPerMinute', scope: 'provider', path: 'providers.a.limits', retryAfterMs: 61_000 },
    });
    // An entry counts for 60 to 61 seconds: never more than the limit within any 60 seconds.
    clock.advance(60_000);
    expect((await sy.chat(request())).provider).toBe('b');
    clock.advance(1_000);
    expect((await sy.chat(request())).provider).toBe('a');
    await sy.close();
  });

  it('should fail with a local RateLimitError, sending nothing, when every target is at a limit', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, { providers: { a: { limits: { requestsPerMinute: 1 } }, b: { limits: { requestsPerMinute: 1 } } }, models: chatWith(undefined).models }, { clock });
    await sy.chat(request());
    await sy.chat(request());
    clock.advance(400);
    const error = await sy.chat(request()).catch((e: unknown) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'rate_limit', local: true, kind: 'requests', retryable: true, retryAfterMs: 60_600, status: 429 });
    expect((error as Error).message).toContain('Every target of chat is at a limit; capacity frees in about 60600 ms');
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    await sy.close();
  });

  it('should wait up to queueMs for capacity, then serve the call', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const { sy } = makeSwitchyard({ a }, { providers: { a: { limits: { requestsPerMinute: 2 } } }, models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }], limits: { queueMs: 70_000 } } } }, { clock });
    await sy.chat(request());
    clock.advance(30_000);
    await sy.chat(request());
    const waiting = sy.chat(request());
    let done = false;
    void waiting.then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    clock.advance(30_000);
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    // The first request leaves the window 61 s after its second: the call goes then, not before.
    clock.advance(1_001);
    const result = await waiting;
    expect(result.provider).toBe('a');
    expect(result.attempts?.map((x) => x.outcome)).toEqual(['success']);
    expect(a.calls).toHaveLength(3);
    await sy.close();
  });

  it('should not wait when capacity frees only after queueMs', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const { sy } = makeSwitchyard({ a }, { providers: { a: { limits: { requestsPerMinute: 1 } } }, models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }], limits: { queueMs: 5_000 } } } }, { clock });
    await sy.chat(request());
    await expect(sy.chat(request())).rejects.toMatchObject({ code: 'rate_limit', local: true, retryAfterMs: 61_000 });
    await sy.close();
  });

  it('should hold a target at maxConcurrency, and queue the call until a slot frees', async () => {
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a', delayMs: 40 }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, chatWith(undefined, { maxConcurrency: 2 }));
    const results = await Promise.all([sy.chat(request()), sy.chat(request()), sy.chat(request())]);
    expect(results.map((r) => r.provider)).toEqual(['a', 'a', 'b']);
    expect(results[2]?.attempts?.[0]).toMatchObject({ outcome: 'skipped', limit: { name: 'maxConcurrency', scope: 'target', path: 'models.chat.targets[0].limits' } });
    expect(results[2]?.attempts?.[0]?.reason).toBe('limit: maxConcurrency (2) of target chat/a/gpt-4o reached (models.chat.targets[0].limits): 2 requests in flight');
    await sy.close();

    const single = createFakeProvider('a', [{ type: 'text', text: 'from a', delayMs: 30 }]);
    const queued = makeSwitchyard({ a: single }, { providers: { a: { limits: { maxConcurrency: 1 } } }, models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }], limits: { queueMs: 5_000 } } } });
    const both = await Promise.all([queued.sy.chat(request()), queued.sy.chat(request())]);
    expect(both.map((r) => r.provider)).toEqual(['a', 'a']);
    expect(both[1]?.attempts?.map((x) => x.outcome)).toEqual(['success']);
    await queued.sy.close();
  });

  it('should reserve each request\'s estimated tokens against tokensPerMinute and settle them to the usage', async () => {
    const clock = createManualClock();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a', usage: { inputTokens: 10, outputTokens: 5 } }]);
    const answer = a.chat.bind(a);
    a.chat = async (req) => {
      await gate;
      return answer(req);
    };
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    // Each request is counted for its prompt estimate (a few tokens) plus maxTokens 100 until it settles.
    const { sy } = makeSwitchyard({ a, b }, chatWith({ tokensPerMinute: 250 }), { clock });
    const inflight = [sy.chat(request()), sy.chat(request()), sy.chat(request())];
    const first = await Promise.all(inflight.map((p) => Promise.race([p, new Promise((r) => setTimeout(() => r('pending'), 20))])));
    expect(first.filter((r) => r === 'pending')).toHaveLength(2);
    expect((first.find((r) => r !== 'pending') as ChatResult).provider).toBe('b');
    expect((first.find((r) => r !== 'pending') as ChatResult).attempts?.[0]?.limit?.name).toBe('tokensPerMinute');
    release();
    await Promise.all(inflight);
    // Settled to 15 tokens each: 30 of 250 used, so more calls of ~106 estimated tokens fit again.
    expect((await sy.chat(request())).provider).toBe('a');
    expect((await sy.chat(request())).provider).toBe('a');
    await sy.close();
  });

  it('should refuse at once a call larger than tokensPerMinute, since waiting cannot help', async () => {
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const { sy } = makeSwitchyard({ a }, { providers: { a: { limits: { tokensPerMinute: 1000 } } }, models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }], limits: { queueMs: 60_000 } } } });
    const error = await sy.chat({ model: 'chat', messages: ask('x'), maxTokens: 4000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limit', local: true, kind: 'tokens', retryable: false });
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
    expect((error as Error).message).toContain('exceed tokensPerMinute (1000) of provider a (providers.a.limits); it can never fit');
    expect(a.calls).toHaveLength(0);
    await sy.close();
  });

  it('should skip a target whose answer said no requests are left until its reset, then use it again', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [
      { type: 'text', text: 'last one', rateLimit: { remainingRequests: 0, resetRequestsMs: 2000, remainingTokens: 9000, resetTokensMs: 5 } },
      { type: 'text', text: 'from a' },
    ]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, chatWith(undefined), { clock });
    expect((await sy.chat(request())).provider).toBe('a');
    const skipped = await sy.chat(request());
    expect(skipped.provider).toBe('b');
    expect(skipped.attempts?.[0]).toMatchObject({ outcome: 'skipped', limit: { name: 'providerSignal', path: 'x-ratelimit-remaining-requests: 0', retryAfterMs: 2000 } });
    expect(sy.health().targets[0]?.limits).toEqual({ exhaustedUntil: clock.now() + 2000, exhaustedBy: 'x-ratelimit-remaining-requests: 0' });
    clock.advance(2000);
    expect((await sy.chat(request())).provider).toBe('a');
    expect(a.calls).toHaveLength(2);
    await sy.close();
  });

  it('should skip a target that answered 429 until its retry-after, and retry a single target after it', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [{ type: 'error', error: errors.rateLimit('a', 1500) }, { type: 'text', text: 'from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, chatWith(undefined), { clock });
    expect((await sy.chat(request())).provider).toBe('b');
    const next = await sy.chat(request());
    expect(next.provider).toBe('b');
    expect(next.attempts?.[0]).toMatchObject({ outcome: 'skipped', limit: { name: 'providerSignal', path: '429 retry-after 1500 ms' } });
    expect(a.calls).toHaveLength(1);
    clock.advance(1500);
    expect((await sy.chat(request())).provider).toBe('a');
    await sy.close();
  });

  it('should lower the concurrency sent to a target that refuses with kind concurrency, without opening its circuit, and raise it as calls succeed', async () => {
    const capped = createCappedProvider('a', 3, 15);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a: capped, b }, chatWith(undefined));
    const round = () => Promise.all(Array.from({ length: 8 }, () => sy.chat(request())));
    const first = await round();
    expect(first.every((r) => r.text === 'ok' || r.text === 'from b')).toBe(true);
    expect(capped.refusals).toBeGreaterThan(0);
    // Lowered below the 8 sent at once, and the refusals did not count against the circuit.
    expect(sy.health().targets[0]?.limits?.learnedMaxConcurrency).toBeLessThan(8);
    expect(sy.health().targets[0]?.state).toBe('closed');
    const refusalsBefore = capped.refusals;
    for (let i = 0; i < 4; i++) await round();
    // Under the learned limit the provider rarely refuses again (only when the limit probes one above its cap).
    expect(capped.refusals - refusalsBefore).toBeLessThanOrEqual(4);
    const learned = sy.health().targets[0]?.limits?.learnedMaxConcurrency ?? 0;
    expect(learned).toBeGreaterThanOrEqual(1);
    expect(learned).toBeLessThanOrEqual(4);
    const skip = (await round()).flatMap((r) => r.attempts ?? []).find((x) => x.limit?.name === 'learnedConcurrency');
    expect(skip?.reason).toMatch(/^limit: the concurrency a accepts, learned from its refusals \(\d+ in flight\), is reached: \d+ in flight$/);
    await sy.close();
  });

  it('should show the shared state and its source in health()', async () => {
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a' }]);
    const { sy } = makeSwitchyard({ a }, { models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }] } } });
    expect(sy.health().state).toEqual({ type: 'memory', source: 'memory' });
    expect(sy.health().targets[0]).toMatchObject({ source: 'memory', state: 'closed' });
    await sy.close();
  });
});
