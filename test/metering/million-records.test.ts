import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCostReport } from '../../src/metering/build-cost-report.ts';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import type { LedgerRecord } from '../../src/metering/ledger-record.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const N = 1_000_000;
const START = Date.UTC(2026, 10, 1);
const SPAN = 30 * 86_400_000;

/** A small deterministic PRNG (mulberry32), so every run prices the same million calls. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a million ledger records', () => {
  it('should add up, in memory, to exactly the sum of the costs the meter returned', { timeout: 120_000 }, async () => {
    const store = createMemoryLedgerStore();
    const meter = createMeterFromConfig(
      { providers: { openai: { type: 'openai' }, vertex: { type: 'vertex' }, cw: { type: 'coreweave', prices: { 'llama-70b': { input: 0.23, output: 0.77, cachedInput: 0.0575 } } } } },
      { ledgerStore: store, writer: { batchSize: 10_000 } },
    );
    const targets = [
      { alias: 'chat', provider: 'openai', providerType: 'openai', model: 'gpt-4o-mini-2024-07-18' },
      { alias: 'chat', provider: 'vertex', providerType: 'vertex', model: 'gemini-2.5-flash' },
      { alias: 'bulk', provider: 'cw', providerType: 'coreweave', model: 'llama-70b' },
    ];
    const next = random(7);
    let expected = 0n;
    let floatSum = 0;
    for (let i = 0; i < N; i++) {
      const target = targets[i % 3];
      const input = 1 + Math.floor(next() * 3000);
      const u = usage(input, Math.floor(next() * 800), { cachedInputTokens: Math.floor(next() * input) });
      const at = START + Math.floor(next() * SPAN);
      const cost = meter.price(target, u, at);
      expected += BigInt(cost!.nanoUsd);
      floatSum += cost!.usd;
      meter.record(attemptEnd({ ...target, startedAt: at, usage: u, cost, requestId: `req_${i}` }));
    }
    const report = await meter.costReport({ since: START, until: START + SPAN, groupBy: ['provider', 'day'] });
    expect(store.records).toHaveLength(N);
    expect(report.total.requests).toBe(N);
    expect(report.total.tokenCostNanoUsd).toBe(expected);
    expect(report.rows.reduce((sum, row) => sum + row.tokenCostNanoUsd, 0n)).toBe(expected);
    expect(report.rows).toHaveLength(90);
    // The float sum drifts from the exact amount; the report does not.
    expect(Math.abs(floatSum - Number(expected) / 1e9)).toBeLessThan(1e-3);
    await meter.close();
  });

  it('should add up, in SQLite, to exactly the sum of the records, grouped or not', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-million-'));
    try {
      const store = createSqliteLedgerStore(join(dir, 'ledger.sqlite'));
      const next = random(11);
      const providers = ['openai', 'azure-east', 'vertex', 'cw'];
      let expected = 0n;
      for (let batch = 0; batch < N / 10_000; batch++) {
        const records: LedgerRecord[] = [];
        for (let i = 0; i < 10_000; i++) {
          const cost = BigInt(Math.floor(next() * 5_000_000)) * 1_000_003n; // amounts beyond 2^53 in total
          expected += cost;
          const base = attemptEnd();
          records.push({
            // Attempts arrive in time order, as in a real ledger.
            time: START + Math.floor(((batch * 10_000 + i) / N) * SPAN), alias: base.alias, provider: providers[i % 4], providerType: 'openai', operation: 'chat',
            requestedModel: 'gpt-4o', servedModel: 'gpt-4o-2024-08-06', apiVersion: null, requestId: null, outcome: 'success', errorCode: null,
            latencyMs: 100 + (i % 900), ttftMs: null, inputTokens: 1000, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 100, reasoningTokens: 0,
            costNanoUsd: cost, tags: { tenant: `t${i % 7}` }, attempt: 1, hedge: false, drift: null, capacity: 'standard', servedDeployment: null,
          });
        }
        await store.append(records);
      }
      const report = await buildCostReport({ store, capacity: {}, since: START, until: START + SPAN, groupBy: ['provider', 'day'] });
      expect(expected > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(report.total.tokenCostNanoUsd).toBe(expected);
      expect(report.rows.reduce((sum, row) => sum + row.tokenCostNanoUsd, 0n)).toBe(expected);
      expect(report.rows.reduce((sum, row) => sum + row.requests, 0)).toBe(N);
      const byTenant = await buildCostReport({ store, capacity: {}, since: START, until: START + SPAN, groupBy: ['tag:tenant'] });
      expect(byTenant.rows.map((r) => r.group['tag:tenant'])).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
      expect(byTenant.rows.reduce((sum, row) => sum + row.tokenCostNanoUsd, 0n)).toBe(expected);
      expect(report.total.latencyP50Ms).toBeGreaterThan(100);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
