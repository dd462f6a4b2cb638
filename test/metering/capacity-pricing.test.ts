import { describe, expect, it } from 'vitest';
import { createMeterFromConfig, type MeterConfig } from '../../src/metering/create-meter-from-config.ts';
import type { MeterWarning } from '../../src/metering/meter-events.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createPriceBook } from '../../src/metering/price-book.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { computeTokenCost } from '../../src/metering/model-price.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const AT = Date.UTC(2026, 10, 20, 9);
const request = { model: 'chat', messages: [{ role: 'user' as const, content: 'x'.repeat(3996) }], maxTokens: 1000 };

const providers: MeterConfig['providers'] = {
  ptu: {
    type: 'azure-openai',
    deployments: { 'gpt4o-ptu': { model: 'gpt-4o-2024-08-06' }, 'gpt4o-paygo': { model: 'gpt-4o-2024-08-06' } },
    billing: { type: 'provisioned', units: 50, hourlyUsdPerUnit: 1 },
    prices: { 'gpt-4o-2024-08-06': { input: 2.5, output: 10 } },
  },
  vertex: {
    type: 'vertex',
    billing: { type: 'provisioned', units: 1, hourlyUsdPerUnit: 4 },
    prices: { 'gemini-2.5-pro': { input: 1.25, output: 10, tiers: [{ aboveInputTokens: 200_000, input: 2.5, output: 15 }] } },
  },
};

function meter() {
  const warnings: MeterWarning[] = [];
  const ledger = createMemoryLedgerStore();
  return { meter: createMeterFromConfig({ providers }, { ledgerStore: ledger, emit: (n, p) => n === 'warning' && warnings.push(p as MeterWarning), now: () => AT }), warnings, ledger };
}

describe('pricing by capacity', () => {
  it('should price each capacity of the same usage differently, and keep the old rule when no capacity is given', () => {
    const { meter: m } = meter();
    const ptu = { alias: 'chat', provider: 'ptu', model: 'gpt4o-ptu' };
    const u = usage(1000, 200);
    expect(m.price(ptu, u, AT, 'gpt-4o-2024-08-06', { tier: 'provisioned' })).toEqual({ usd: 0, nanoUsd: 0 });
    expect(m.price(ptu, u, AT, 'gpt-4o-2024-08-06', { tier: 'spillover', deployment: 'gpt4o-paygo' })).toEqual({ usd: 0.0045, nanoUsd: 4_500_000 });
    // Spillover configured on the deployment itself, serving deployment not named: the PTU deployment's model price
    // (Azure requires the spillover deployment to run the same model and version).
    expect(m.price(ptu, u, AT, 'gpt-4o-2024-08-06', { tier: 'spillover', raw: 'x-ms-spillover-from-gpt4o-ptu: gpt4o-ptu' })).toEqual({ usd: 0.0045, nanoUsd: 4_500_000 });
    // No capacity (a custom caller): a capacity-billed provider costs 0 per token, as before.
    expect(m.price(ptu, u, AT, 'gpt-4o-2024-08-06')).toEqual({ usd: 0, nanoUsd: 0 });
    const vertex = { alias: 'chat', provider: 'vertex', model: 'gemini-2.5-pro' };
    // A capacity-billed Vertex project whose request overflowed to pay-as-you-go pays the on-demand rate.
    expect(m.price(vertex, u, AT, 'gemini-2.5-pro', { tier: 'on-demand', raw: 'ON_DEMAND' })).toEqual({ usd: 0.00325, nanoUsd: 3_250_000 });
  });

  it('should derive flex at half of every rate, long-context tiers included, exactly', () => {
    const { meter: m } = meter();
    const vertex = { alias: 'chat', provider: 'vertex', model: 'gemini-2.5-pro' };
    const long = usage(300_000, 1000);
    // Above 200k prompt tokens: 300000 × 2.5 + 1000 × 15 = 0.765 USD on demand; flex half.
    expect(m.price(vertex, long, AT, 'gemini-2.5-pro', { tier: 'on-demand' })).toEqual({ usd: 0.765, nanoUsd: 765_000_000 });
    expect(m.price(vertex, long, AT, 'gemini-2.5-pro', { tier: 'flex' })).toEqual({ usd: 0.3825, nanoUsd: 382_500_000 });
  });

  it('should find a tier’s own dated entries first, then the documented ratio, and never the standard rate for priority', () => {
    const book = createPriceBook({
      providerTypes: { openai: 'openai', cw: 'coreweave' },
      overrides: {
        openai: { 'o3-2025-04-16': [{ input: 2, output: 8 }, { tier: 'priority', input: 3.5, output: 14, effectiveFrom: '2026-01-01' }, { tier: 'priority', input: 4, output: 16, effectiveFrom: '2026-12-01' }] },
        cw: { llama: { input: 1, output: 1 } },
      },
      defaults: () => null,
    });
    expect(book.find('openai', ['o3-2025-04-16'], AT, 'priority')).toMatchObject({ source: 'config', tier: 'priority', input: { base: 3_500_000_000n } });
    expect(book.find('openai', ['o3-2025-04-16'], Date.UTC(2026, 11, 2), 'priority')).toMatchObject({ input: { base: 4_000_000_000n } });
    expect(book.find('openai', ['o3-2025-04-16'], Date.UTC(2025, 5, 1), 'priority')).toBeNull();
    const flex = book.find('openai', ['o3-2025-04-16'], AT, 'flex');
    expect(flex).toMatchObject({ source: 'tier-rule', tier: 'flex', input: { base: 1_000_000_000n }, output: { base: 4_000_000_000n } });
    expect(book.find('openai', ['o3-2025-04-16'], AT, 'flex')).toBe(flex);
    expect(book.find('openai', ['o3-2025-04-16'], AT)).toMatchObject({ source: 'config', input: { base: 2_000_000_000n } });
    // CoreWeave states no flex ratio: unknown, not the standard rate.
    expect(book.find('cw', ['llama'], AT, 'flex')).toBeNull();
    expect(computeTokenCost(flex as NonNullable<typeof flex>, usage(1000, 200))).toBe(1_800_000n);
  });

  it('should estimate the worst case of a provisioned target that spills over at the spillover deployment’s price', () => {
    const { meter: m } = meter();
    const onPtu = m.estimate({ alias: 'chat', provider: 'ptu', model: 'gpt4o-ptu', capacity: 'provisioned' }, request);
    const spilling = m.estimate({ alias: 'chat', provider: 'ptu', model: 'gpt4o-ptu', capacity: 'provisioned', spillover: 'gpt4o-paygo' }, request);
    const standard = m.estimate({ alias: 'chat', provider: 'ptu', model: 'gpt4o-paygo', capacity: 'standard' }, request);
    expect(onPtu).toBe(0);
    expect(standard).toBeGreaterThan(10_000_000); // at least the 1000 output tokens at 10 USD per million
    expect(spilling).toBe(standard);
    // A Vertex project with Provisioned Throughput that may overflow (capacity null): the pay-as-you-go worst case.
    expect(m.estimate({ alias: 'chat', provider: 'vertex', model: 'gemini-2.5-pro', capacity: null }, request)).toBeGreaterThan(0);
    expect(m.estimate({ alias: 'chat', provider: 'vertex', model: 'gemini-2.5-pro', capacity: 'provisioned' }, request)).toBe(0);
  });

  it('should price an attempt recorded from elsewhere at its capacity, and keep capacity and served deployment in the ledger', async () => {
    const { meter: m, ledger } = meter();
    m.record(attemptEnd({ provider: 'ptu', providerType: 'azure-openai', model: 'gpt4o-ptu', usage: usage(1000, 200), capacity: { tier: 'spillover', deployment: 'gpt4o-paygo' } }));
    m.record(attemptEnd({ provider: 'ptu', providerType: 'azure-openai', model: 'gpt4o-ptu', usage: usage(1000, 200), capacity: { tier: 'provisioned' } }));
    m.record(attemptEnd({ provider: 'ptu', providerType: 'azure-openai', model: 'gpt4o-ptu', usage: usage(1000, 200) }));
    await m.close();
    expect(ledger.records.map((r) => [r.capacity, r.servedDeployment, r.costNanoUsd])).toEqual([
      ['spillover', 'gpt4o-paygo', 4_500_000n],
      ['provisioned', null, 0n],
      [null, null, 0n],
    ]);
  });
});

describe('capacity and hour dimensions', () => {
  it('should group by hour and capacity the same way in SQLite as in the reference store', async () => {
    const sqlite = createSqliteLedgerStore(':memory:');
    const memory = createMemoryLedgerStore();
    const { toLedgerRecord } = await import('../../src/metering/ledger-record.ts');
    const records = [
      toLedgerRecord(attemptEnd({ startedAt: AT + 1, capacity: { tier: 'provisioned' } }), 0n),
      toLedgerRecord(attemptEnd({ startedAt: AT + 3_599_999, capacity: { tier: 'spillover', deployment: 'gpt4o-paygo' } }), 7n),
      toLedgerRecord(attemptEnd({ startedAt: AT + 3_600_000, capacity: { tier: 'provisioned' } }), 0n),
      toLedgerRecord(attemptEnd({ startedAt: AT + 3_600_001 }), null),
    ];
    await sqlite.append(records);
    await memory.append(records);
    const query = { since: AT, until: AT + 7_200_000, groupBy: ['hour', 'capacity'] as const };
    const sort = (rows: Array<{ keys: Array<string | null> }>) => [...rows].sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));
    const fromSqlite = sort(await sqlite.aggregate(query));
    expect(fromSqlite.map((r) => r.keys)).toEqual([
      ['2026-11-20T09', 'provisioned'],
      ['2026-11-20T09', 'spillover'],
      ['2026-11-20T10', 'provisioned'],
      ['2026-11-20T10', null],
    ]);
    expect(fromSqlite).toEqual(sort(await memory.aggregate(query)));
    await sqlite.close();
  });
});
