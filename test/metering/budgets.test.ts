import { afterEach, describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../../src/errors/budget-exceeded-error.ts';
import { createMeterFromConfig, type MeterConfig, type SwitchyardMeter } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import type { BudgetEvent, MeterWarning } from '../../src/metering/meter-events.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const meters: SwitchyardMeter[] = [];
afterEach(async () => {
  await Promise.all(meters.splice(0).map((m) => m.close()));
});

// 8 framing + 92 bytes = 100 prompt tokens, 100 output tokens, at 10 USD per million each: 0.002 USD worst case.
const request: ChatRequest = { model: 'chat', messages: [{ role: 'user', content: 'x'.repeat(92) }], maxTokens: 100, tags: { tenant: 'acme' } };
const WORST_CASE = 2_000_000;
const providers: MeterConfig['providers'] = {
  cw: { type: 'coreweave', prices: { 'llama-70b': { input: 10, output: 10 } } },
  cw2: { type: 'coreweave', prices: { 'llama-70b': { input: 10, output: 10 } } },
};
const target = { alias: 'chat', provider: 'cw', model: 'llama-70b', tags: { tenant: 'acme' } };

function setup(budgets: MeterConfig['budgets'], clock = { now: Date.UTC(2026, 10, 20, 12) }, ledgerStore = createMemoryLedgerStore()) {
  const events: Array<{ name: string; payload: BudgetEvent | MeterWarning }> = [];
  const meter = createMeterFromConfig({ providers, budgets }, { ledgerStore, now: () => clock.now, emit: (name, payload) => events.push({ name, payload }) });
  meters.push(meter);
  return { meter, events, clock };
}

describe('budgets', () => {
  it('should reserve the worst case: prompt bytes plus maxTokens, at the full rates', () => {
    const { meter } = setup([]);
    expect(meter.estimate(target, request)).toBe(WORST_CASE);
    expect(meter.estimate(target, { ...request, maxTokens: undefined })).toBe(WORST_CASE - 1_000_000 + 40_960_000); // 4096 default output tokens
    expect(meter.estimate(target, { model: 'e', input: ['ab', 'cd'] })).toBe(60_000); // (3 + 3) tokens × 10 USD per million
  });

  it('should let at most 10 of 100 concurrent calls through a hard budget that fits 10', async () => {
    const { meter, events } = setup([{ name: 'acme daily', tag: 'tenant=acme', period: 'day', limitUsd: 0.02, mode: 'hard' }]);
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => meter.reserve(target, request)));
    const passed = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(passed).toHaveLength(10);
    expect(rejected).toHaveLength(90);
    const error = rejected[0].reason;
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'budget_exceeded', budgets: ['acme daily'], provider: 'cw' });
    expect(error.message).toContain('Budget "acme daily" (hard, 0.02 USD per day) cannot fit this call to cw:llama-70b');
    expect(error.message).toContain('raise budgets[0].limitUsd');
    expect(events.filter((e) => e.name === 'budget')).toHaveLength(90);
    expect(events[0].payload).toMatchObject({ action: 'blocked', budget: 'acme daily', limitUsd: 0.02, reservedUsd: 0.02, requestUsd: 0.002 });

    // Settling at the actual cost (a quarter of the worst case) frees room for more calls.
    for (const r of passed) (r as PromiseFulfilledResult<Awaited<ReturnType<SwitchyardMeter['reserve']>>>).value.settle({ usd: 0.0005, nanoUsd: 500_000 });
    await meter.flush();
    const more = await Promise.allSettled(Array.from({ length: 10 }, () => meter.reserve(target, request)));
    expect(more.filter((r) => r.status === 'fulfilled')).toHaveLength(7); // 5,000,000 spent: room for 7 × 2,000,000
  });

  it('should only count calls a budget covers: its provider, alias or tag value', async () => {
    const { meter } = setup([
      { provider: 'cw', period: 'day', limitUsd: 0.002, mode: 'hard' },
      { tag: 'tenant=globex', period: 'day', limitUsd: 0.001, mode: 'hard' },
      { alias: 'batch', period: 'month', limitUsd: 0.001, mode: 'hard' },
    ]);
    await meter.reserve(target, request);
    await expect(meter.reserve(target, request)).rejects.toThrow(/provider=cw, per day/);
    await expect(meter.reserve({ ...target, provider: 'cw2' }, request)).resolves.toBeDefined();
    await expect(meter.reserve({ ...target, provider: 'cw2', tags: { tenant: 'globex' } }, request)).rejects.toThrow(/tag tenant=globex, per day/);
    await expect(meter.reserve({ ...target, provider: 'cw2', alias: 'batch' }, request)).rejects.toThrow(/alias=batch, per month/);
  });

  it('should let calls through a soft budget and emit one budget event and warning per period', async () => {
    const { meter, events, clock } = setup([{ name: 'soft', provider: 'cw', period: 'day', limitUsd: 0.003, mode: 'soft' }]);
    for (let i = 0; i < 4; i++) (await meter.reserve(target, request)).settle({ usd: 0.002, nanoUsd: 2_000_000 });
    expect(events.map((e) => e.name)).toEqual(['budget', 'warning']);
    expect(events[0].payload).toMatchObject({ action: 'over-limit', budget: 'soft', mode: 'soft', spentUsd: 0.002, periodStart: '2026-11-20T00:00:00.000Z' });
    expect(events[1].payload).toMatchObject({ code: 'budget-over-limit' });
    clock.now += 86_400_000;
    await meter.reserve(target, request);
    await meter.reserve(target, request);
    expect(events.map((e) => e.name)).toEqual(['budget', 'warning', 'budget', 'warning']);
    expect(events[2].payload).toMatchObject({ periodStart: '2026-11-21T00:00:00.000Z' });
  });

  it('should start a new period with a fresh budget', async () => {
    const { meter, clock } = setup([{ provider: 'cw', period: 'day', limitUsd: 0.002, mode: 'hard' }]);
    (await meter.reserve(target, request)).settle({ usd: 0.002, nanoUsd: 2_000_000 });
    await expect(meter.reserve(target, request)).rejects.toThrow(BudgetExceededError);
    clock.now = Date.UTC(2026, 10, 21, 0, 0, 1);
    await expect(meter.reserve(target, request)).resolves.toBeDefined();
  });

  it("should count the period's spend already in the ledger after a restart", async () => {
    const ledgerStore = createMemoryLedgerStore();
    await ledgerStore.append([]);
    const first = setup([], undefined, ledgerStore).meter;
    first.record(attemptEnd({ provider: 'cw', providerType: 'coreweave', model: 'llama-70b', startedAt: Date.UTC(2026, 10, 20, 8), usage: usage(900_000, 0) })); // 9 USD
    first.record(attemptEnd({ provider: 'cw', providerType: 'coreweave', model: 'llama-70b', startedAt: Date.UTC(2026, 10, 19, 8), usage: usage(900_000, 0) })); // yesterday
    await first.flush();
    const { meter } = setup([{ provider: 'cw', period: 'day', limitUsd: 9.003, mode: 'hard' }], undefined, ledgerStore);
    await meter.reserve(target, request);
    await expect(meter.reserve(target, request)).rejects.toThrow(/spent 9\.000000 USD, reserved 0\.002000 USD/);
  });

  it('should let a call through with a warning when its price, and so its worst case, is unknown', async () => {
    const { meter, events } = setup([{ period: 'day', limitUsd: 0.001, mode: 'hard' }]);
    const unknown = { alias: 'chat', provider: 'cw', model: 'mystery-model' };
    await meter.reserve(unknown, request);
    await meter.reserve(unknown, request);
    expect(events.filter((e) => e.name === 'warning').map((e) => e.payload)).toEqual([
      expect.objectContaining({ code: 'unknown-estimate', provider: 'cw', model: 'mystery-model' }),
    ]);
  });
});
