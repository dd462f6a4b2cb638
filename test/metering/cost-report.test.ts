import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeterFromConfig, type MeterConfig, type SwitchyardMeter } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const D1 = Date.UTC(2026, 10, 20);
const D2 = Date.UTC(2026, 10, 21);
const UNTIL = Date.UTC(2026, 10, 22);
const config: MeterConfig = {
  providers: {
    openai: { type: 'openai', prices: { 'gpt-4o-2024-08-06': { input: 2, output: 8, cachedInput: 1 } } },
    ptu: { type: 'azure-openai', billing: { type: 'provisioned', units: 2, hourlyUsdPerUnit: 1, tokensPerMinutePerUnit: 1000 }, deployments: { gpt4o: { model: 'gpt-4o-2024-08-06' } } },
    gpu: { type: 'coreweave', billing: { type: 'gpu-hours', gpus: 1, hourlyUsdPerGpu: 3 } },
  },
};

let meter: SwitchyardMeter;
beforeEach(() => {
  meter = createMeterFromConfig(config, { ledgerStore: createMemoryLedgerStore(), now: () => UNTIL });
  const openai = { provider: 'openai', providerType: 'openai', model: 'gpt-4o-2024-08-06' };
  const ptu = { provider: 'ptu', providerType: 'azure-openai', model: 'gpt4o', servedModel: 'gpt-4o-2024-08-06' };
  meter.record(attemptEnd({ ...openai, startedAt: D1 + 1000, latencyMs: 100, usage: usage(1_000_000, 100_000, { cachedInputTokens: 500_000 }), tags: { tenant: 'acme' } })); // 1.5 + 0.8 = 2.3 USD
  meter.record(attemptEnd({ ...openai, startedAt: D1 + 2000, latencyMs: 300, usage: usage(500_000, 0), tags: { tenant: 'globex' } })); // 1.0 USD
  meter.record(attemptEnd({ ...openai, startedAt: D2 + 1000, outcome: 'error', errorCode: 'rate_limit', usage: undefined, latencyMs: 20, tags: { tenant: 'acme' } }));
  meter.record(attemptEnd({ ...openai, alias: 'fast', startedAt: D2 + 2000, outcome: 'aborted', errorCode: 'aborted', usage: undefined, hedge: true, latencyMs: 900 }));
  meter.record(attemptEnd({ ...ptu, startedAt: D1 + 5000, latencyMs: 200, usage: usage(3_000_000, 60_000), tags: { tenant: 'acme' } }));
  meter.record(attemptEnd({ ...ptu, alias: 'fast', startedAt: D2 + 5000, latencyMs: 400, usage: usage(1_000_000, 20_000), tags: { tenant: 'globex' } }));
  meter.record(attemptEnd({ ...openai, startedAt: UNTIL + 1, usage: usage(9_000_000, 0) })); // outside the period
});
afterEach(async () => {
  await meter.close();
});

describe('costReport', () => {
  it('should charge per-token cost, and the capacity of every capacity-billed provider for the whole period', async () => {
    const report = await meter.costReport({ since: '2026-11-20', groupBy: ['provider'] });
    expect(report.until).toBe(UNTIL);
    const [gpu, openai, ptu] = report.rows;
    expect(openai).toMatchObject({
      group: { provider: 'openai' }, requests: 4, errors: 1, aborted: 1, unpriced: 1, inputTokens: 1_500_000, cachedInputTokens: 500_000, outputTokens: 100_000,
      tokenCostNanoUsd: 3_300_000_000n, capacityCostNanoUsd: 0n, costUsd: 3.3, latencyP50Ms: 200, latencyP95Ms: 290, utilisation: null,
    });
    expect(ptu).toMatchObject({ group: { provider: 'ptu' }, requests: 2, tokenCostNanoUsd: 0n, capacityCostNanoUsd: 96_000_000_000n, costUsd: 96 });
    expect(ptu.utilisation).toBeCloseTo(4_080_000 / (1000 * 2 * 2880));
    expect(ptu.usdPerMillionTokens).toBeCloseTo(96 / 4.08);
    expect(gpu).toMatchObject({ group: { provider: 'gpu' }, requests: 0, capacityCostNanoUsd: 144_000_000_000n, usdPerMillionTokens: null });
    expect(report.total).toMatchObject({ requests: 6, tokenCostNanoUsd: 3_300_000_000n, capacityCostNanoUsd: 240_000_000_000n, costNanoUsd: 243_300_000_000n });
    expect(report.capacity).toEqual([
      expect.objectContaining({ provider: 'gpu', billing: 'gpu-hours', hours: 48, costUsd: 144, tokensServed: 0, capacityTokens: null, utilisation: null }),
      expect.objectContaining({ provider: 'ptu', billing: 'provisioned', hours: 48, costUsd: 96, tokensServed: 4_080_000, capacityTokens: 5_760_000 }),
    ]);
    expect(report.warnings).toEqual([expect.stringContaining('1 attempt(s) have no known cost')]);
  });

  it('should split capacity by UTC day when grouping by provider and day', async () => {
    const report = await meter.costReport({ since: D1, until: UNTIL, groupBy: ['provider', 'day'] });
    expect(report.rows.map((r) => [r.group.provider, r.group.day, r.costNanoUsd])).toEqual([
      ['gpu', '2026-11-20', 72_000_000_000n],
      ['gpu', '2026-11-21', 72_000_000_000n],
      ['openai', '2026-11-20', 3_300_000_000n],
      ['openai', '2026-11-21', 0n],
      ['ptu', '2026-11-20', 48_000_000_000n],
      ['ptu', '2026-11-21', 48_000_000_000n],
    ]);
  });

  it('should share capacity among groups by tokens used, exactly, and keep idle capacity in a group of its own', async () => {
    const report = await meter.costReport({ since: new Date(D1), until: UNTIL, groupBy: ['tag:tenant'] });
    const byTenant = Object.fromEntries(report.rows.map((r) => [String(r.group['tag:tenant']), r]));
    // ptu: acme used 3,060,000 of 4,080,000 tokens (75 %), globex 25 %; gpu served nothing.
    expect(byTenant.acme.capacityCostNanoUsd).toBe(72_000_000_000n);
    expect(byTenant.globex.capacityCostNanoUsd).toBe(24_000_000_000n);
    expect(byTenant.null).toMatchObject({ requests: 0, capacityCostNanoUsd: 144_000_000_000n });
    expect(report.rows.reduce((sum, r) => sum + r.costNanoUsd, 0n)).toBe(report.total.costNanoUsd);
  });

  it('should group by model (served version), alias and day', async () => {
    const byModel = await meter.costReport({ since: D1, until: UNTIL, groupBy: ['model'] });
    expect(byModel.rows.map((r) => [r.group.model, r.requests])).toEqual([
      ['gpt-4o-2024-08-06', 6],
      [null, 0],
    ]);
    const byAlias = await meter.costReport({ since: D1, until: UNTIL, groupBy: ['alias', 'day'] });
    expect(byAlias.rows.map((r) => [r.group.alias, r.group.day, r.requests])).toEqual([
      ['chat', '2026-11-20', 3],
      ['chat', '2026-11-21', 1],
      ['fast', '2026-11-21', 2],
      [null, '2026-11-20', 0],
      [null, '2026-11-21', 0],
    ]);
  });

  it('should reject unknown dimensions and unreadable dates', async () => {
    await expect(meter.costReport({ since: D1, groupBy: ['tenant' as never] })).rejects.toThrow(/cannot group by tenant; use provider, model, alias, day, hour, capacity or tag:<name>/);
    await expect(meter.costReport({ since: 'yesterday' })).rejects.toThrow(/got yesterday/);
  });
});
