import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, StreamInterruptedError } from '../../src/errors/index.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { createFakeProvider, type FakeStep } from '../router/helpers/fake-provider.ts';
import { errors } from '../router/helpers/errors.ts';
import { ask, collect, makeSwitchyard, textOf } from '../router/helpers/make-switchyard.ts';
import { createRecordingMeter } from '../router/helpers/recording-meter.ts';
import { readParts } from '../helpers/stream-parts.ts';

function setup(aSteps: FakeStep[], bSteps: FakeStep[] = [{ type: 'text', text: 'Hello from b', chunks: 3 }], alias: Record<string, unknown> = {}) {
  const fakes = { a: createFakeProvider('a', aSteps), b: createFakeProvider('b', bSteps) };
  const meter = createRecordingMeter({ nanoPerToken: { a: 2500, b: 150 } });
  const ts = makeSwitchyard(fakes, { models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o-mini' }], ...alias } } }, { meter });
  return { ...ts, fakes };
}

describe('stream failover', () => {
  it('should fail over transparently when the stream fails before its first content part', async () => {
    const { sy, eventsNamed } = setup([{ type: 'error', error: errors.unavailable('a') }]);
    const parts = await collect(sy.stream({ model: 'chat', messages: ask('hi') }));
    expect(textOf(parts)).toBe('Hello from b');
    const finish = parts.at(-1);
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
    expect(finish).toMatchObject({ type: 'finish', provider: 'b', model: 'gpt-4o-mini-served', cost: { nanoUsd: 15 * 150, usd: 0.00000225 } });
    expect(finish?.type === 'finish' && finish.attempts?.map((a) => [a.provider, a.outcome, a.errorCode])).toEqual([['a', 'error', 'unavailable'], ['b', 'success', undefined]]);
    expect(eventsNamed('failover')).toHaveLength(1);
  });

  it('should throw StreamInterruptedError after content was delivered, never a finish and never a silent end', async () => {
    const cut = errors.connection('a');
    const { sy, fakes, eventsNamed } = setup([{ type: 'error', error: cut, afterParts: 3 }]);
    const { parts, error } = await readParts(sy.stream({ model: 'chat', messages: ask('hi') }));
    expect(parts.map((p) => p.type)).toEqual(['text-delta', 'text-delta', 'text-delta']);
    const interrupted = error as StreamInterruptedError;
    expect(StreamInterruptedError.isInstance(interrupted)).toBe(true);
    expect(interrupted.partsDelivered).toBe(3);
    expect(interrupted.charactersDelivered).toBe('part0 part1 part2 '.length);
    expect(interrupted.cause).toBe(cut);
    expect(interrupted.provider).toBe('a');
    expect(interrupted.message).toBe(`The stream from a/gpt-4o failed after 3 parts (18 characters) were delivered: ${cut.message}`);
    expect(fakes.b.calls).toHaveLength(0);
    expect(eventsNamed('attempt-end')).toEqual([expect.objectContaining({ provider: 'a', outcome: 'error', errorCode: 'connection' })]);
  });

  it('should keep the cause of an adapter StreamInterruptedError and count what reached the caller', async () => {
    const inner = errors.connection('a');
    const adapterError = new StreamInterruptedError('The stream from a failed after 2 parts', { partsDelivered: 2, charactersDelivered: 12, provider: 'a', cause: inner });
    const { sy } = setup([{ type: 'error', error: adapterError, afterParts: 2 }]);
    const { error } = await readParts(sy.stream({ model: 'chat', messages: ask('hi') }));
    expect(error).toMatchObject({ code: 'stream_interrupted', partsDelivered: 2, charactersDelivered: 12 });
    expect((error as Error).cause).toBe(inner);
  });

  it('should record an aborted attempt when the caller stops reading', async () => {
    const { sy, eventsNamed, fakes } = setup([{ type: 'text', text: 'one two three four', chunks: 4 }]);
    for await (const part of sy.stream({ model: 'chat', messages: ask('hi') })) {
      expect(part.type).toBe('text-delta');
      break;
    }
    expect(eventsNamed('attempt-end')).toEqual([expect.objectContaining({ provider: 'a', outcome: 'aborted', errorMessage: 'The caller stopped reading the stream.' })]);
    // The provider's stream is closed (an adapter releases its connection in its finally block).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fakes.a.calls[0]?.ended).toBe(true);
  });

  describe('with timers', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('should fail over when no first token arrives within timeouts.firstTokenMs', async () => {
      const { sy, fakes } = setup([{ type: 'text', text: 'slow start', delayMs: 5000 }], undefined, { timeouts: { firstTokenMs: 1000, attemptMs: 30_000 } });
      const pending = collect(sy.stream({ model: 'chat', messages: ask('hi') }));
      await vi.advanceTimersByTimeAsync(999);
      expect(fakes.b.calls).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      const parts = await pending;
      const finish = parts.at(-1);
      expect(finish?.type === 'finish' && finish.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'error', errorCode: 'timeout', reason: 'a/gpt-4o sent no first token within 1000 ms (timeouts.firstTokenMs).' });
      expect(fakes.a.calls[0]?.aborted).toBe(true);
    });

    it('should not apply the first-token timeout once content flows', async () => {
      const { sy } = setup([{ type: 'text', text: 'aaaa bbbb cccc', chunks: 3, delayMs: 100, chunkDelayMs: 2000 }], undefined, { timeouts: { firstTokenMs: 1000 } });
      const pending = collect(sy.stream({ model: 'chat', messages: ask('hi') }));
      await vi.advanceTimersByTimeAsync(10_000);
      const parts = await pending;
      expect(textOf(parts)).toBe('aaaa bbbb cccc');
      expect(parts.at(-1)).toMatchObject({ type: 'finish', provider: 'a' });
    });

    it('should throw AbortError when the caller aborts mid-stream, and start nothing else', async () => {
      const { sy, fakes } = setup([{ type: 'text', text: 'aaaa bbbb cccc', chunks: 3, chunkDelayMs: 1000 }]);
      const controller = new AbortController();
      const parts: StreamPart[] = [];
      const done = (async () => {
        for await (const part of sy.stream({ model: 'chat', messages: ask('hi'), signal: controller.signal })) parts.push(part);
      })().catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(500);
      controller.abort();
      const error = await done;
      expect(AbortError.isInstance(error)).toBe(true);
      expect(parts.map((p) => p.type)).toEqual(['text-delta']);
      expect(fakes.b.calls).toHaveLength(0);
    });

    it('should answer reads made while the stream opens in order, never with an early end', async () => {
      const { sy } = setup([{ type: 'text', text: 'Hello world', chunks: 2, delayMs: 300 }]);
      const reader = sy.stream({ model: 'chat', messages: ask('hi') })[Symbol.asyncIterator]();
      const reads = [reader.next(), reader.next(), reader.next(), reader.next()];
      await vi.advanceTimersByTimeAsync(300);
      const results = await Promise.all(reads);
      expect(results.map((r) => (r.done ? 'done' : r.value.type === 'text-delta' ? r.value.text : r.value.type))).toEqual(['Hello ', 'world', 'finish', 'done']);
    });

    it('should stop the attempt at once when the caller returns while the stream opens, and end the pending read quietly', async () => {
      const { sy, fakes, eventsNamed } = setup([{ type: 'text', text: 'never read', delayMs: 5000 }]);
      const reader = sy.stream({ model: 'chat', messages: ask('hi') })[Symbol.asyncIterator]();
      const first = reader.next();
      await vi.advanceTimersByTimeAsync(100);
      await expect(reader.return?.()).resolves.toEqual({ done: true, value: undefined });
      await expect(first).resolves.toEqual({ done: true, value: undefined });
      expect(fakes.a.calls[0]?.aborted).toBe(true);
      expect(fakes.b.calls).toHaveLength(0);
      expect(eventsNamed('attempt-end')).toEqual([expect.objectContaining({ provider: 'a', outcome: 'aborted', errorMessage: 'The caller stopped reading the stream.', latencyMs: 100 })]);
      await expect(reader.next()).resolves.toEqual({ done: true, value: undefined });
    });

    it('should end a stream that outlives timeouts.totalMs with StreamInterruptedError caused by the timeout', async () => {
      const { sy } = setup([{ type: 'text', text: 'aaaa bbbb cccc', chunks: 3, chunkDelayMs: 1000 }], undefined, { timeouts: { totalMs: 1500 } });
      const result = readParts(sy.stream({ model: 'chat', messages: ask('hi') }));
      await vi.advanceTimersByTimeAsync(1500);
      const { parts, error } = await result;
      expect(parts.filter((p) => p.type === 'finish')).toHaveLength(0);
      expect(error).toMatchObject({ code: 'stream_interrupted', partsDelivered: 2 });
      expect((error as Error).cause).toMatchObject({ code: 'timeout', kind: 'total' });
    });
  });
});
