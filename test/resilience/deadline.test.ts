import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, TimeoutError } from '../../src/errors/index.ts';
import { createFakeProvider, type FakeStep } from '../router/helpers/fake-provider.ts';
import { errors } from '../router/helpers/errors.ts';
import { ask, makeSwitchyard } from '../router/helpers/make-switchyard.ts';

function setup(aSteps: FakeStep[], alias: Record<string, unknown> = {}) {
  const fakes = { a: createFakeProvider('a', aSteps), b: createFakeProvider('b', [{ type: 'hang' }]) };
  const ts = makeSwitchyard(fakes, { models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }], ...alias } } });
  return { ...ts, fakes };
}

describe('deadlines and aborts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should end the whole call at timeouts.totalMs across failovers, aborting the attempt in flight', async () => {
    const { sy, fakes, eventsNamed } = setup([{ type: 'error', error: errors.unavailable('a'), delayMs: 400 }], { timeouts: { totalMs: 1000 } });
    const settled = sy.chat({ model: 'chat', messages: ask('hi') }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(fakes.b.calls).toHaveLength(1);
    expect(fakes.b.calls[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await settled) as TimeoutError;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.kind).toBe('total');
    expect(error.timeoutMs).toBe(1000);
    expect(error.message).toBe('The call to chat did not finish within 1000 ms (timeouts.totalMs or the request\'s timeoutMs).');
    expect(fakes.b.calls[0]?.aborted).toBe(true);
    const ends = eventsNamed('attempt-end');
    expect(ends.map((e) => [e.provider, e.outcome, e.errorCode])).toEqual([['a', 'error', 'unavailable'], ['b', 'error', 'timeout']]);
  });

  it('should take the request timeoutMs when it is shorter than timeouts.totalMs', async () => {
    const { sy } = setup([{ type: 'hang' }], { timeouts: { totalMs: 60_000 } });
    const settled = sy.chat({ model: 'chat', messages: ask('hi'), timeoutMs: 250 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(250);
    expect(await settled).toMatchObject({ code: 'timeout', kind: 'total', timeoutMs: 250 });
  });

  it('should time out one attempt at timeouts.attemptMs and fail over', async () => {
    const { sy, fakes } = setup([{ type: 'hang' }], { timeouts: { attemptMs: 300 } });
    fakes.b.setScript([{ type: 'text', text: 'from b' }]);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(299);
    expect(fakes.b.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'error', errorCode: 'timeout', latencyMs: 300 });
    expect(fakes.a.calls[0]?.aborted).toBe(true);
  });

  it('should stop everything at once on the caller abort: the request in flight is aborted and no new attempt starts', async () => {
    const { sy, fakes, eventsNamed } = setup([{ type: 'hang' }]);
    const controller = new AbortController();
    const settled = sy.chat({ model: 'chat', messages: ask('hi'), signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error('user navigated away'));
    const error = (await settled) as AbortError;
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.cause).toEqual(new Error('user navigated away'));
    expect(fakes.a.calls[0]?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fakes.b.calls).toHaveLength(0);
    expect(eventsNamed('attempt-end')).toEqual([expect.objectContaining({ provider: 'a', outcome: 'aborted', errorCode: 'aborted', latencyMs: 100 })]);
    expect(eventsNamed('failover')).toEqual([]);
  });

  it('should reject at once even when the provider ignores the abort', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'too late', delayMs: 10_000 }]), b: createFakeProvider('b', [{ type: 'text', text: 'b' }]) };
    // A provider that never looks at its signal.
    const slow = fakes.a.chat;
    fakes.a.chat = (request) => slow({ ...request, signal: undefined });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm' }] } } });
    const controller = new AbortController();
    const settled = sy.chat({ model: 'chat', messages: ask('hi'), signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(AbortError.isInstance(await settled)).toBe(true);
  });

  it('should start no attempt at all when the signal is already aborted', async () => {
    const { sy, fakes, eventsNamed } = setup([{ type: 'text', text: 'a' }]);
    const error = await sy.chat({ model: 'chat', messages: ask('hi'), signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(fakes.a.calls).toHaveLength(0);
    expect(eventsNamed('attempt-start')).toEqual([]);
  });
});
