import { describe, expect, it } from 'vitest';
import { BudgetExceededError, ConfigError } from '../../src/errors/index.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { createFakeProvider, fakeDefinition } from './helpers/fake-provider.ts';
import { errors } from './helpers/errors.ts';
import { ask, collect, makeSwitchyard } from './helpers/make-switchyard.ts';
import { createRecordingMeter } from './helpers/recording-meter.ts';

const targets = [{ provider: 'a', model: 'gpt-4o' }, { provider: 'b', model: 'gpt-4o-mini' }];

describe('metering hooks', () => {
  it('should reserve before each attempt, price after it, settle the reservation and record every attempt', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.unavailable('a') }]), b: createFakeProvider('b', [{ type: 'text', text: 'ok', usage: { inputTokens: 1000, outputTokens: 200 } }]) };
    const meter = createRecordingMeter({ nanoPerToken: { b: 150 } });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { retry: { attempts: 1 }, targets } } }, { meter });
    const result = await sy.chat({ model: 'chat', messages: ask('hi'), tags: { tenant: 'acme' } });
    expect(result.cost).toEqual({ nanoUsd: 180_000, usd: 0.00018 });
    expect(meter.reserved).toEqual([
      { alias: 'chat', provider: 'a', model: 'gpt-4o', tags: { tenant: 'acme' } },
      { alias: 'chat', provider: 'b', model: 'gpt-4o-mini', tags: { tenant: 'acme' } },
    ]);
    // a answered with an error status: nothing billed; b: its price.
    expect(meter.settled).toEqual([{ usd: 0, nanoUsd: 0 }, { nanoUsd: 180_000, usd: 0.00018 }]);
    expect(meter.records.map((r) => [r.provider, r.outcome, r.cost])).toEqual([['a', 'error', { usd: 0, nanoUsd: 0 }], ['b', 'success', { nanoUsd: 180_000, usd: 0.00018 }]]);
  });

  it("should not ask the meter to reserve for a target its covers() says no budget covers, and still price and record it", async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.unavailable('a') }]), b: createFakeProvider('b', [{ type: 'text', text: 'ok', usage: { inputTokens: 1000, outputTokens: 200 } }]) };
    const meter = createRecordingMeter({ nanoPerToken: { b: 150 } });
    const covered: string[] = [];
    meter.covers = (target) => {
      covered.push(target.provider);
      return target.provider === 'a';
    };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { retry: { attempts: 1 }, targets } } }, { meter });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.text).toBe('ok');
    expect(covered).toEqual(['a', 'b']);
    expect(meter.reserved.map((t) => t.provider)).toEqual(['a']);
    expect(meter.settled).toEqual([{ usd: 0, nanoUsd: 0 }]);
    expect(meter.records.map((r) => [r.provider, r.outcome, r.cost])).toEqual([['a', 'error', { usd: 0, nanoUsd: 0 }], ['b', 'success', { nanoUsd: 180_000, usd: 0.00018 }]]);
  });

  it('should give an attempt that may have been billed without reporting usage an unknown cost, never 0', async () => {
    // a: the connection dropped (the request may have been processed); b: the stream was cut off after content.
    const fakes = {
      a: createFakeProvider('a', [{ type: 'error', error: errors.connection('a') }]),
      b: createFakeProvider('b', [{ type: 'error', error: errors.connection('b'), afterParts: 2 }]),
    };
    const meter = createRecordingMeter({ nanoPerToken: { a: 100, b: 100 } });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { retry: { attempts: 1 }, targets } } }, { meter });
    const error = await collect(sy.stream({ model: 'chat', messages: ask('hi') })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'stream_interrupted', partsDelivered: 2 });
    expect(meter.records.map((r) => [r.provider, r.outcome, r.errorCode, r.cost])).toEqual([
      ['a', 'error', 'connection', null],
      ['b', 'error', 'connection', null],
    ]);
    // Unknown: the reservations are kept (settled with null), not released as if nothing was spent.
    expect(meter.settled).toEqual([null, null]);
  });

  it('should give a request the adapter refused before sending it a cost of 0', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.unsupported('a') }]), b: createFakeProvider('b', [{ type: 'text', text: 'ok' }]) };
    const meter = createRecordingMeter({ nanoPerToken: { b: 100 } });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { retry: { attempts: 1 }, targets } } }, { meter });
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).provider).toBe('b');
    expect(meter.records.map((r) => [r.provider, r.errorCode, r.cost])).toEqual([['a', 'unsupported_feature', { usd: 0, nanoUsd: 0 }], ['b', undefined, { usd: 0.0000015, nanoUsd: 1500 }]]);
    expect(meter.settled[0]).toEqual({ usd: 0, nanoUsd: 0 });
  });

  it('should put the cost on the stream finish part', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'streamed', usage: { inputTokens: 10, outputTokens: 10 } }]), b: createFakeProvider('b', []) };
    const meter = createRecordingMeter({ nanoPerToken: { a: 1000 } });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } }, { meter });
    const parts = await collect(sy.stream({ model: 'chat', messages: ask('hi') }));
    expect(parts.at(-1)).toMatchObject({ type: 'finish', cost: { nanoUsd: 20_000, usd: 0.00002 } });
    expect(meter.records).toHaveLength(1);
  });

  it('should give cost null when no price is known', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'x' }]), b: createFakeProvider('b', []) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } });
    expect((await sy.chat({ model: 'chat', messages: ask('hi') })).cost).toBeNull();
  });

  it('should skip a target over its hard budget and serve from one within budget', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'a' }]), b: createFakeProvider('b', [{ type: 'text', text: 'b' }]) };
    const meter = createRecordingMeter({ overBudget: ['a'] });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } }, { meter });
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]).toEqual({ provider: 'a', model: 'gpt-4o', outcome: 'skipped', reason: 'budget: Budget "daily-a" (hard, 1 USD per day) cannot fit this call.', latencyMs: 0 });
    expect(fakes.a.calls).toHaveLength(0);
    expect(meter.records.map((r) => r.provider)).toEqual(['b']);
  });

  it('should reject with the BudgetExceededError itself when no target is within budget', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'a' }]), b: createFakeProvider('b', [{ type: 'text', text: 'b' }]) };
    const meter = createRecordingMeter({ overBudget: ['a', 'b'] });
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } }, { meter });
    const error = await sy.chat({ model: 'chat', messages: ask('hi') }).catch((e: unknown) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect((error as BudgetExceededError).budgets).toEqual(['daily-a']);
    expect(fakes.a.calls).toHaveLength(0);
    expect(fakes.b.calls).toHaveLength(0);
  });

  it('should close the meter and every provider on close(), and refuse calls afterwards', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'a' }]), b: createFakeProvider('b', []) };
    const { sy, meter } = makeSwitchyard(fakes, { models: { chat: { targets } } });
    await sy.close();
    expect(meter.flushed).toBe(1);
    expect(meter.closed).toBe(true);
    expect(fakes.a.closed && fakes.b.closed).toBe(true);
    await expect(sy.chat({ model: 'chat', messages: ask('hi') })).rejects.toMatchObject({ code: 'closed' });
  });

  it('should reject costReport with a ConfigError when the meter has no ledger', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'a' }]), b: createFakeProvider('b', []) };
    const { sy } = makeSwitchyard(fakes, { models: { chat: { targets } } });
    const error = await sy.costReport({ since: '7d' }).catch((e: unknown) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([{ path: 'ledger', message: 'cost reports read the ledger: configure `ledger` (sqlite, postgres or memory), or pass a meter that has costReport()' }]);
  });

  it('should build the meter from the config and report cost per provider from its ledger', async () => {
    const fakes = { a: createFakeProvider('a', [{ type: 'error', error: errors.rateLimit('a') }]), b: createFakeProvider('b', [{ type: 'text', text: 'ok', usage: { inputTokens: 1_000_000, outputTokens: 0 } }]) };
    const sy = createSwitchyard(
      {
        providers: { a: { type: 'fake', prices: { 'gpt-4o': { input: 2.5, output: 10 } } }, b: { type: 'fake', prices: { 'gpt-4o-mini': { input: 0.15, output: 0.6 } } } },
        models: { chat: { retry: { attempts: 1 }, targets } },
        ledger: { type: 'memory' },
      },
      { providers: [fakeDefinition(fakes)] },
    );
    const result = await sy.chat({ model: 'chat', messages: ask('hi') });
    expect(result.cost).toEqual({ nanoUsd: 150_000_000, usd: 0.15 });
    // until is exclusive: end it after the attempts, which may have started in this very millisecond.
    const report = await sy.costReport({ since: '1d', until: Date.now() + 60_000, groupBy: ['provider'] });
    const rows = Object.fromEntries(report.rows.map((r) => [r.group.provider, r]));

    expect(rows.a).toMatchObject({ requests: 1, errors: 1 });
    expect(rows.b).toMatchObject({ requests: 1, errors: 0 });
    await sy.close();
  });

  it('should let at most 10 of 100 concurrent calls through a hard budget that fits 10, rejecting the rest with the BudgetExceededError itself', async () => {
    // 8 framing + 92 bytes = 100 prompt tokens and maxTokens 100, at 10 USD per million: 0.002 USD worst case; 0.02 fits 10.
    const fakes = { a: createFakeProvider('a', [{ type: 'text', text: 'ok', delayMs: 10, usage: { inputTokens: 100, outputTokens: 100 } }]) };
    const sy = createSwitchyard(
      {
        providers: { a: { type: 'fake', prices: { 'llama-70b': { input: 10, output: 10 } } } },
        models: { chat: { retry: { attempts: 1 }, targets: [{ provider: 'a', model: 'llama-70b' }] } },
        budgets: [{ name: 'acme daily', tag: 'tenant=acme', period: 'day', limitUsd: 0.02, mode: 'hard' }],
        ledger: { type: 'memory' },
      },
      { providers: [fakeDefinition(fakes)] },
    );
    const request = { model: 'chat', messages: ask('x'.repeat(92)), maxTokens: 100, tags: { tenant: 'acme' } };
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => sy.chat(request)));
    const passed = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(passed).toHaveLength(10);
    expect(rejected).toHaveLength(90);
    expect(rejected.every((r) => BudgetExceededError.isInstance(r.reason))).toBe(true);
    expect(fakes.a.calls).toHaveLength(10);
    const report = await sy.costReport({ since: '1d', until: Date.now() + 60_000, groupBy: ['provider'] });
    expect(report.total).toMatchObject({ requests: 10, tokenCostNanoUsd: 20_000_000n });
    // Another tenant is not covered by the budget.
    await expect(sy.chat({ ...request, tags: { tenant: 'globex' } })).resolves.toMatchObject({ provider: 'a' });
    await sy.close();
  });
});
