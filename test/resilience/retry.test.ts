import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError } from '../../src/errors/index.ts';
import { fullJitter } from '../../src/resilience/full-jitter.ts';
import { createFakeProvider, type FakeStep } from '../router/helpers/fake-provider.ts';
import { errors } from '../router/helpers/errors.ts';
import { ask, makeSwitchyard } from '../router/helpers/make-switchyard.ts';

const ok = (text: string): FakeStep => ({ type: 'text', text });
const fail = (error: Error): FakeStep => ({ type: 'error', error });

function setup(aSteps: FakeStep[], alias: Record<string, unknown>, random = () => 0.5) {
  const fakes = { a: createFakeProvider('a', aSteps), b: createFakeProvider('b', [ok('from b')]) };
  const ts = makeSwitchyard(fakes, { models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }], ...alias } } }, { random });
  return { ...ts, fakes };
}

describe('fullJitter', () => {
  it('should draw below min(maxDelayMs, minDelayMs * 2^(retry-1))', () => {
    expect(fullJitter(1, 200, 10_000, () => 0.999)).toBe(199);
    expect(fullJitter(3, 200, 10_000, () => 0.5)).toBe(400);
    expect(fullJitter(10, 200, 10_000, () => 0.5)).toBe(5000);
    expect(fullJitter(2, 200, 10_000, () => 0)).toBe(0);
  });
});

describe('retries', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should count every try in retry.attempts and wait the jittered backoff between them', async () => {
    const { sy, fakes } = setup([fail(errors.unavailable('a')), fail(errors.unavailable('a')), ok('third time')], { retry: { attempts: 3, minDelayMs: 200, maxDelayMs: 10_000 } });
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(0);
    expect(fakes.a.calls).toHaveLength(1);
    // random 0.5: first backoff 0.5 * 200 = 100 ms, second 0.5 * 400 = 200 ms.
    await vi.advanceTimersByTimeAsync(99);
    expect(fakes.a.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fakes.a.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(fakes.a.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(fakes.a.calls).toHaveLength(3);
    expect(result.text).toBe('third time');
    expect(result.attempts?.map((a) => a.outcome)).toEqual(['error', 'error', 'success']);
    expect(fakes.b.calls).toHaveLength(0);
  });

  it('should not retry with attempts: 1, and fail over instead', async () => {
    const { sy, fakes } = setup([fail(errors.unavailable('a'))], { retry: { attempts: 1 } });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(fakes.a.calls).toHaveLength(1);
    expect(result.provider).toBe('b');
  });

  it('should fail over after the last try of a target', async () => {
    const { sy, fakes } = setup([fail(errors.unavailable('a'))], { retry: { attempts: 2, minDelayMs: 100 } });
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(50);
    const result = await pending;
    expect(fakes.a.calls).toHaveLength(2);
    expect(result.attempts?.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['a:error', 'a:error', 'b:success']);
  });

  it('should never retry an error that is not retryable', async () => {
    const { sy, fakes } = setup([fail(errors.invalid('a'))], { retry: { attempts: 3 } });
    await expect(sy.chat({ model: 'chat', messages: ask('hi') })).rejects.toThrow(/HTTP 400/);
    expect(fakes.a.calls).toHaveLength(1);
  });

  it('should honour retry-after when it is longer than the backoff', async () => {
    const { sy, fakes } = setup([fail(errors.rateLimit('a', 1500)), ok('after waiting')], { retry: { attempts: 2, minDelayMs: 200, maxDelayMs: 10_000 } });
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(1499);
    expect(fakes.a.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).text).toBe('after waiting');
    expect(fakes.a.calls).toHaveLength(2);
    expect(fakes.b.calls).toHaveLength(0);
  });

  it('should fail over at once when retry-after is longer than the remaining deadline', async () => {
    const { sy, fakes, eventsNamed } = setup([fail(errors.rateLimit('a', 30_000)), ok('late')], { retry: { attempts: 3, maxDelayMs: 60_000 }, timeouts: { totalMs: 20_000 } });
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    // No time passes: the router does not sleep 30 s into a 20 s deadline.
    await vi.advanceTimersByTimeAsync(0);
    const result = await pending;
    expect(result.provider).toBe('b');
    expect(fakes.a.calls).toHaveLength(1);
    expect(eventsNamed('failover')[0]).toMatchObject({ from: { provider: 'a' }, to: { provider: 'b' }, errorCode: 'rate_limit' });
  });

  it('should fail over at once when retry-after is longer than retry.maxDelayMs', async () => {
    const { sy, fakes } = setup([fail(errors.rateLimit('a', 15_000))], { retry: { attempts: 3, maxDelayMs: 10_000 } });
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(0);
    expect((await pending).provider).toBe('b');
    expect(fakes.a.calls).toHaveLength(1);
  });

  it('should fail over instead of retrying when the backoff would pass the deadline', async () => {
    const { sy, fakes } = setup([fail(errors.unavailable('a'))], { retry: { attempts: 3, minDelayMs: 8000, maxDelayMs: 8000 }, timeouts: { totalMs: 5000 } }, () => 0.9);
    const pending = sy.chat({ model: 'chat', messages: ask('hi') });
    await vi.advanceTimersByTimeAsync(0);
    expect((await pending).provider).toBe('b');
    expect(fakes.a.calls).toHaveLength(1);
  });

  it('should end the backoff at once when the caller aborts, and start no new attempt', async () => {
    const { sy, fakes, eventsNamed } = setup([fail(errors.unavailable('a'))], { retry: { attempts: 3, minDelayMs: 5000, maxDelayMs: 5000 } });
    const controller = new AbortController();
    const pending = sy.chat({ model: 'chat', messages: ask('hi'), signal: controller.signal });
    const settled = pending.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(fakes.a.calls).toHaveLength(1);
    controller.abort();
    const error = await settled;
    expect(AbortError.isInstance(error)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fakes.a.calls).toHaveLength(1);
    expect(fakes.b.calls).toHaveLength(0);
    expect(eventsNamed('attempt-start')).toHaveLength(1);
  });
});

describe('retry defaults', () => {
  it('should fail over without retrying by default when the alias has a fallback', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.unavailable('a'))]), b: createFakeProvider('b', [ok('from b')]) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm' }] } } });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.attempts?.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['a:error', 'b:success']);
  });

  it('should retry a single target once by default', async () => {
    const fakes = { a: createFakeProvider('a', [fail(errors.unavailable('a')), ok('second try')]) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { retry: { minDelayMs: 1 }, targets: [{ provider: 'a', model: 'm' }] } } });
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).text).toBe('second try');
    expect((await sy.chat({ model: 'a:m', messages: ask('hi') })).provider).toBe('a');
    expect(fakes.a.calls).toHaveLength(3);
  });
});
