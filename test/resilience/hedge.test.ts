import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeProvider, type FakeStep } from '../router/helpers/fake-provider.ts';
import { errors } from '../router/helpers/errors.ts';
import { ask, collect, makeSwitchyard, textOf } from '../router/helpers/make-switchyard.ts';
import { createRecordingMeter } from '../router/helpers/recording-meter.ts';

function setup(aSteps: FakeStep[], bSteps: FakeStep[], extra: Record<string, unknown> = {}) {
  const fakes = { a: createFakeProvider('a', aSteps), b: createFakeProvider('b', bSteps), c: createFakeProvider('c', [{ type: 'text', text: 'from c' }]) };
  const ts = makeSwitchyard(fakes, {
    models: { chat: { retry: { attempts: 1 }, hedge: { afterMs: 1000 }, targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }, { provider: 'c', model: 'gpt-4o' }], ...extra } },
  });
  return { ...ts, fakes };
}

describe('hedging', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should start the next target after afterMs, take the first success and abort the other, reporting both', async () => {
    const { sy, fakes, eventsNamed } = setup([{ type: 'text', text: 'slow a', delayMs: 5000 }], [{ type: 'text', text: 'fast b', delayMs: 200 }]);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(999);
    expect(fakes.b.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fakes.b.calls).toHaveLength(1);
    expect(eventsNamed('hedge')).toEqual([{ alias: 'chat', operation: 'chat', afterMs: 1000, primary: { provider: 'a', model: 'gpt-4o' }, hedge: { provider: 'b', model: 'gpt-4o' } }]);
    await vi.advanceTimersByTimeAsync(200);
    const result = await pending;
    expect(result.text).toBe('fast b');
    expect(result.attempts).toEqual([
      { provider: 'a', model: 'gpt-4o', outcome: 'aborted', errorCode: 'aborted', reason: 'Lost the hedge to b/gpt-4o.', latencyMs: 1200 },
      { provider: 'b', model: 'gpt-4o', outcome: 'success', latencyMs: 200 },
    ]);
    expect(fakes.a.calls[0]?.aborted).toBe(true);
    expect(fakes.c.calls).toHaveLength(0);
    expect(eventsNamed('attempt-start').map((e) => [e.provider, e.hedge])).toEqual([['a', false], ['b', true]]);
    expect(eventsNamed('attempt-end').map((e) => [e.provider, e.outcome])).toEqual([['b', 'success'], ['a', 'aborted']]);
  });

  it('should keep the primary when it answers first, aborting the hedge', async () => {
    const { sy, fakes } = setup([{ type: 'text', text: 'a in time', delayMs: 1500 }], [{ type: 'text', text: 'b', delayMs: 5000 }]);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(1500);
    const result = await pending;
    expect(result.provider).toBe('a');
    expect(result.attempts?.map((a) => [a.provider, a.outcome])).toEqual([['a', 'success'], ['b', 'aborted']]);
    expect(fakes.b.calls[0]?.aborted).toBe(true);
  });

  it('should not hedge a target that answers within afterMs', async () => {
    const { sy, fakes, eventsNamed } = setup([{ type: 'text', text: 'quick', delayMs: 300 }], [{ type: 'text', text: 'b' }]);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(300);
    expect((await pending).provider).toBe('a');
    await vi.advanceTimersByTimeAsync(5000);
    expect(fakes.b.calls).toHaveLength(0);
    expect(eventsNamed('hedge')).toEqual([]);
  });

  it('should fail over at once when the primary fails before afterMs', async () => {
    const { sy, fakes, eventsNamed } = setup([{ type: 'error', error: errors.unavailable('a'), delayMs: 100 }], [{ type: 'text', text: 'b' }]);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).provider).toBe('b');
    expect(fakes.b.calls).toHaveLength(1);
    expect(eventsNamed('failover')).toHaveLength(1);
    expect(eventsNamed('hedge')).toEqual([]);
  });

  it('should wait for the hedge when the primary fails after the hedge started', async () => {
    const { sy, fakes } = setup([{ type: 'error', error: errors.unavailable('a'), delayMs: 1100 }], [{ type: 'text', text: 'b', delayMs: 500 }]);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(1500);
    const result = await pending;
    expect(result.provider).toBe('b');
    expect(result.attempts?.map((a) => [a.provider, a.outcome])).toEqual([['a', 'error'], ['b', 'success']]);
    expect(fakes.c.calls).toHaveLength(0);
  });

  it('should start no hedge after the caller aborted, even while the primary still waits for its budget', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'a' }]), b: createFakeProvider('b', [{ type: 'text', text: 'b' }]) };
    const meter = createRecordingMeter();
    // a's budget reservation is slow (a shared PostgreSQL budget store under load); b's is immediate.
    meter.reserve = (target) => new Promise((resolve) => setTimeout(() => resolve({ settle: () => undefined }), target.provider === 'a' ? 5000 : 0));
    const { sy, eventsNamed } = makeSwitchyard(fakes, { models: { chat: { hedge: { afterMs: 1000 }, targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }] } } }, { meter });
    const controller = new AbortController();
    const settled = sy.chat({ model: 'chat', messages: ask('hi'), signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await settled).toMatchObject({ code: 'aborted' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(fakes.a.calls).toHaveLength(0);
    expect(fakes.b.calls).toHaveLength(0);
    expect(eventsNamed('hedge')).toEqual([]);
    expect(eventsNamed('attempt-start')).toEqual([]);
  });

  it('should hedge streams on the first token, and abort the loser', async () => {
    const { sy, fakes } = setup([{ type: 'text', text: 'slow stream', delayMs: 3000 }], [{ type: 'text', text: 'fast stream', delayMs: 100, chunks: 2 }]);
    const pending = collect(sy.stream({ model: 'chat', messages: ask('hi') }));
    await vi.advanceTimersByTimeAsync(1100);
    const parts = await pending;
    expect(textOf(parts)).toBe('fast stream');
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.attempts?.map((a) => [a.provider, a.outcome])).toEqual([['a', 'aborted'], ['b', 'success']]);
    expect(fakes.a.calls[0]?.aborted).toBe(true);
  });
});
