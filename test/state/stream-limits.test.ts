import { describe, expect, it } from 'vitest';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { createManualClock } from '../resilience/helpers/manual-clock.ts';
import { errors } from '../router/helpers/errors.ts';
import { createFakeProvider, fakeDefinition } from '../router/helpers/fake-provider.ts';
import { ask, collect, makeSwitchyard } from '../router/helpers/make-switchyard.ts';

const request = (content = 'Hello'): ChatRequest => ({ model: 'chat', messages: ask(content), maxTokens: 100 });
const chatWith = (limits: Record<string, unknown>) => ({
  providers: { a: { limits }, b: {} },
  models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o' }] } },
});
const providerOf = (parts: StreamPart[]) => (parts.at(-1) as Extract<StreamPart, { type: 'finish' }>).provider;

describe('limits on streams (state.type: memory)', () => {
  it('should hold a maxConcurrency slot for as long as the stream is open, and free it when it finishes', async () => {
    const a = createFakeProvider('a', [{ type: 'text', text: 'one two three four', chunks: 4 }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, chatWith({ maxConcurrency: 1 }));
    const open = sy.stream(request())[Symbol.asyncIterator]();
    expect(await open.next()).toMatchObject({ value: { type: 'text-delta' } });
    // The first stream has delivered a part and is still open: the second one is skipped to b, naming the limit.
    const second = await collect(sy.stream(request()));
    expect(providerOf(second)).toBe('b');
    const finish = second.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish.attempts?.[0]).toMatchObject({ provider: 'a', outcome: 'skipped', limit: { name: 'maxConcurrency', scope: 'provider', path: 'providers.a.limits' } });
    for (let next = await open.next(); !next.done; next = await open.next());
    // Finished: the slot is free again.
    expect(providerOf(await collect(sy.stream(request())))).toBe('a');
    await sy.close();
  });

  it('should free the slot of a stream the caller stops reading, and of one that fails part-way', async () => {
    const a = createFakeProvider('a', [{ type: 'text', text: 'one two three four', chunks: 4 }, { type: 'error', error: errors.connection('a'), afterParts: 2 }, { type: 'text', text: 'again from a' }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    const { sy } = makeSwitchyard({ a, b }, chatWith({ maxConcurrency: 1 }));
    for await (const part of sy.stream(request())) if (part.type === 'text-delta') break;
    const cut = await collect(sy.stream(request())).catch((e: unknown) => e);
    expect(cut).toMatchObject({ code: 'stream_interrupted', provider: 'a' });
    expect(providerOf(await collect(sy.stream(request())))).toBe('a');
    expect(a.calls).toHaveLength(3);
    expect(b.calls).toHaveLength(0);
    await sy.close();
  });

  it('should count a stream against requestsPerMinute and settle its tokensPerMinute estimate to the usage of its finish part', async () => {
    const clock = createManualClock();
    const a = createFakeProvider('a', [{ type: 'text', text: 'from a', usage: { inputTokens: 10, outputTokens: 5 } }]);
    const b = createFakeProvider('b', [{ type: 'text', text: 'from b' }]);
    // Each stream is counted for its prompt estimate plus maxTokens 100 (about 106 tokens) until its finish settles it to 15.
    const { sy } = makeSwitchyard({ a, b }, chatWith({ tokensPerMinute: 250, requestsPerMinute: 4 }), { clock });
    const opened = [sy.stream(request())[Symbol.asyncIterator](), sy.stream(request())[Symbol.asyncIterator]()];
    await Promise.all(opened.map((s) => s.next()));
    // Two streams open hold about 212 of 250 tokens: a third does not fit.
    const third = await collect(sy.stream(request()));
    expect(providerOf(third)).toBe('b');
    expect((third.at(-1) as Extract<StreamPart, { type: 'finish' }>).attempts?.[0]?.limit?.name).toBe('tokensPerMinute');
    for (const s of opened) for (let next = await s.next(); !next.done; next = await s.next());
    // Settled to 15 tokens each: two more fit by tokens, and then requestsPerMinute (4) is reached.
    expect(providerOf(await collect(sy.stream(request())))).toBe('a');
    expect(providerOf(await collect(sy.stream(request())))).toBe('a');
    const fifth = await collect(sy.stream(request()));
    expect(providerOf(fifth)).toBe('b');
    expect((fifth.at(-1) as Extract<StreamPart, { type: 'finish' }>).attempts?.[0]?.limit?.name).toBe('requestsPerMinute');
    await sy.close();
  });

  it('should reserve a hard budget for a stream and settle it to the stream’s cost', async () => {
    // 'x' * 92 with its message framing is 100 worst-case input tokens, plus maxTokens 100: 200 tokens at 10 USD per million.
    const a = createFakeProvider('a', [{ type: 'text', text: 'streamed from a', chunks: 3, usage: { inputTokens: 100, outputTokens: 0 } }]);
    const config = {
      providers: { a: { type: 'fake', prices: { 'gpt-4o': { input: 10, output: 10 } } } },
      models: { chat: { targets: [{ provider: 'a', model: 'gpt-4o' }] } },
      budgets: [{ name: 'daily', provider: 'a', period: 'day' as const, limitUsd: 0.01, mode: 'hard' as const }],
      ledger: { type: 'memory' as const },
    };
    const ledger = createMemoryLedgerStore();
    const sy = createSwitchyard(config, { providers: [fakeDefinition({ a })], meter: createMeterFromConfig(config as never, { ledgerStore: ledger }), telemetry: false });
    const stream = () => collect(sy.stream({ model: 'chat', messages: ask('x'.repeat(92)), maxTokens: 100 }));
    // The worst case of 0.002 USD each: 5 fit at once.
    const first = await Promise.allSettled(Array.from({ length: 8 }, stream));
    expect(first.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(first.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'budget_exceeded')).toBe(true);
    const served = (first.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<StreamPart[]>).value;
    expect(served.at(-1)).toMatchObject({ type: 'finish', cost: { nanoUsd: 1_000_000 } });
    // Settled at 0.001 USD each (the real usage): 0.005 USD spent, room for 2 more worst cases.
    const more = await Promise.allSettled(Array.from({ length: 4 }, stream));
    expect(more.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    await sy.close();
    expect(ledger.records.filter((r) => r.operation === 'stream' && r.outcome === 'success')).toHaveLength(7);
  });
});
