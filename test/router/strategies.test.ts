import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeProvider } from './helpers/fake-provider.ts';
import { errors } from './helpers/errors.ts';
import { ask, collect, makeSwitchyard } from './helpers/make-switchyard.ts';
import { createRecordingMeter } from './helpers/recording-meter.ts';

const ok = (text: string, delayMs?: number) => ({ type: 'text' as const, text, ...(delayMs ? { delayMs } : {}) });
const three = () => ({ a: createFakeProvider('a', [ok('from a')]), b: createFakeProvider('b', [ok('from b')]), c: createFakeProvider('c', [ok('from c')]) });
const targets = [
  { provider: 'a', model: 'model-a' },
  { provider: 'b', model: 'model-b' },
  { provider: 'c', model: 'model-c' },
];

describe('routing strategies', () => {
  it('should serve from the first target with priority, and report provider, served model and attempts', async () => {
    const fakes = three();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'priority', targets } } });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.text).toBe('from a');
    expect(result.provider).toBe('a');
    expect(result.model).toBe('model-a-served');
    expect(result.attempts).toEqual([{ provider: 'a', model: 'model-a', outcome: 'success', latencyMs: expect.any(Number) }]);
    expect(fakes.a.calls[0]?.model).toBe('model-a');
    expect(fakes.b.calls).toHaveLength(0);
  });

  it('should default to priority', async () => {
    const fakes = three();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } });
    for (let i = 0; i < 3; i++) expect((await sy.chat({ model: 'chat', messages: ask('hi') })).provider).toBe('a');
  });

  it('should rotate the first target with round-robin', async () => {
    const fakes = three();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'round-robin', targets } } });
    const served: string[] = [];
    for (let i = 0; i < 4; i++) served.push((await sy.chat({ model: 'chat', messages: ask('hi') })).provider as string);
    expect(served).toEqual(['a', 'b', 'c', 'a']);
  });

  it('should keep the rotated order as the failover chain with round-robin', async () => {
    const fakes = three();
    fakes.c.setScript([{ type: 'error', error: errors.unavailable('c') }]);
    const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'round-robin', retry: { attempts: 1 }, targets } } });
    await sy.chat({ model: 'chat', messages: ask('hi') });
    await sy.chat({ model: 'chat', messages: ask('hi') });
    const third = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(third.attempts?.map((a) => [a.provider, a.outcome])).toEqual([['c', 'error'], ['a', 'success']]);
  });

  it('should pick by weight with weighted, using the injected random numbers', async () => {
    const fakes = three();
    const random = vi.fn<() => number>();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'weighted', targets: [{ provider: 'a', model: 'm', weight: 3 }, { provider: 'b', model: 'm', weight: 1 }] } } }, { random });
    // Weights 3 and 1: a draw below 3/4 picks a first, above picks b.
    random.mockReturnValueOnce(0.74).mockReturnValueOnce(0);
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).provider).toBe('a');
    random.mockReturnValueOnce(0.76).mockReturnValueOnce(0);
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).provider).toBe('b');
  });

  it('should use a weight-0 target only as the last fallback', async () => {
    const fakes = three();
    fakes.a.setScript([{ type: 'error', error: errors.unavailable('a') }]);
    const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'weighted', retry: { attempts: 1 }, targets: [{ provider: 'c', model: 'm', weight: 0 }, { provider: 'a', model: 'm', weight: 1 }] } } }, { random: () => 0.99 });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.attempts?.map((a) => a.provider)).toEqual(['a', 'c']);
  });

  describe('least-latency', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('should measure unmeasured targets first, then prefer the lowest moving average', async () => {
      const fakes = { a: createFakeProvider('a', [ok('slow', 300)]), b: createFakeProvider('b', [ok('fast', 100)]) };
      const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'least-latency', targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm' }] } } });
      const call = async () => {
        const pending = sy.chat({ model: 'chat', messages: ask('hi') });
        await vi.advanceTimersByTimeAsync(400);
        return (await pending).provider;
      };
      expect(await call()).toBe('a'); // nothing measured: priority order
      expect(await call()).toBe('b'); // b not measured yet
      expect(await call()).toBe('b'); // 100 ms < 300 ms
      expect(sy.health().targets.map((t) => [t.provider, t.latencyMs])).toEqual([['a', 300], ['b', 100]]);
    });

    it('should rank streams by time to first token, not by total time', async () => {
      // a: first token after 50 ms, then slow chunks; b: first token after 200 ms, then fast.
      const fakes = {
        a: createFakeProvider('a', [{ type: 'text', text: 'aaaa aaaa', delayMs: 50, chunks: 2, chunkDelayMs: 500 }]),
        b: createFakeProvider('b', [{ type: 'text', text: 'bbbb bbbb', delayMs: 200, chunks: 2 }]),
      };
      const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'least-latency', targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm' }] } } });
      const run = async () => {
        const pending = collect(sy.stream({ model: 'chat', messages: ask('hi') }));
        await vi.advanceTimersByTimeAsync(1000);
        return (await pending).at(-1);
      };
      await run();
      await run();
      const finish = await run();
      expect(finish).toMatchObject({ type: 'finish', provider: 'a' });
      expect(sy.health().targets.map((t) => [t.provider, t.ttftMs])).toEqual([['a', 50], ['b', 200]]);
    });

    it('should rank a target that keeps failing last', async () => {
      const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.unavailable('a'), delayMs: 10 }]), b: createFakeProvider('b', [ok('b', 100)]) };
      const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'least-latency', retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm' }] } } });
      const call = async () => {
        const pending = sy.chat({ model: 'chat', messages: ask('hi') });
        await vi.advanceTimersByTimeAsync(200);
        return (await pending).attempts?.map((a) => a.provider);
      };
      expect(await call()).toEqual(['a', 'b']);
      fakes.a.setScript([{ type: 'error', error: errors.unavailable('a'), delayMs: 200 }]);
      expect(await call()).toEqual(['b']);
    });
  });

  describe('lowest-cost', () => {
    it('should try the cheapest estimate from the meter first', async () => {
      const fakes = three();
      const meter = createRecordingMeter({ estimates: { a: 900, b: 120, c: 450 } });
      const { sy } = makeSwitchyard(fakes, { models: { chat: { strategy: 'lowest-cost', targets } } }, { meter });
      fakes.b.setScript([{ type: 'error', error: errors.unavailable('b') }]);
      const result = await sy.chat({ model: 'chat', messages: ask('hi') });
      expect(result.attempts?.map((a) => a.provider)).toEqual(['b', 'c']);
    });

    it('should fall back to each target costHint when the meter has no price, unknown costs last', async () => {
      const fakes = three();
      const { sy } = makeSwitchyard(fakes, {
        models: { chat: { strategy: 'lowest-cost', retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'm' }, { provider: 'b', model: 'm', costHint: 2.5 }, { provider: 'c', model: 'm', costHint: 0.15 }] } },
      });
      fakes.c.setScript([{ type: 'error', error: errors.unavailable('c') }]);
      fakes.b.setScript([{ type: 'error', error: errors.unavailable('b') }]);
      const result = await sy.chat({ model: 'chat', messages: ask('hi') });
      expect(result.attempts?.map((a) => a.provider)).toEqual(['c', 'b', 'a']);
    });
  });
});

describe('addressing', () => {
  it('should route providerId:model directly to that provider and model', async () => {
    const fakes = three();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } });
    const result = await sy.chat({ model: 'b:ft:gpt-4o-mini:acme::9x7', messages: ask('hi') });
    expect(result.provider).toBe('b');
    expect(fakes.b.calls[0]?.model).toBe('ft:gpt-4o-mini:acme::9x7');
  });

  it('should reject an unknown model with NoRouteError listing the aliases', async () => {
    const { NoRouteError } = await import('../../src/errors/no-route-error.ts');
    const fakes = three();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets }, embed: { targets: [{ provider: 'a', model: 'e' }] } } });
    const error = await sy.chat({ model: 'gpt-5', messages: ask('hi') }).catch((e: unknown) => e);
    expect(NoRouteError.isInstance(error)).toBe(true);
    expect((error as { aliases: string[] }).aliases).toEqual(['chat', 'embed']);
    expect((error as Error).message).toBe('No route for model "gpt-5": it is neither an alias (chat, embed) nor providerId:model for a configured provider (a, b, c).');
    await expect(sy.chat({ model: 'zz:gpt-4o', messages: ask('hi') })).rejects.toThrow(/No route for model "zz:gpt-4o"/);
  });

  it('should name the closest alias (or provider) when the model looks like a typo', async () => {
    const fakes = three();
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets }, embeddings: { targets: [{ provider: 'a', model: 'e' }] } } });
    const typo = await sy.chat({ model: 'caht', messages: ask('hi') }).catch((e: unknown) => e);
    expect((typo as Error).message).toMatch(/ Did you mean "chat"\?$/);
    expect((typo as { suggestion?: string }).suggestion).toBe('chat');
    const casing = await sy.embed({ model: 'Embeddings', input: ['x'] }).catch((e: unknown) => e);
    expect((casing as { suggestion?: string }).suggestion).toBe('embeddings');
    const provider = await sy.chat({ model: 'bb:gpt-4o', messages: ask('hi') }).catch((e: unknown) => e);
    expect((provider as { suggestion?: string }).suggestion).toBe('b:gpt-4o');
    const nothingClose = await sy.chat({ model: 'gpt-5', messages: ask('hi') }).catch((e: unknown) => e);
    expect((nothingClose as { suggestion?: string }).suggestion).toBeUndefined();
    expect(fakes.a.calls.length + fakes.b.calls.length + fakes.c.calls.length).toBe(0);
  });
});
