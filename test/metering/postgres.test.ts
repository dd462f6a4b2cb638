import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeterFromConfig, type MeterConfig } from '../../src/metering/create-meter-from-config.ts';
import { createMemoryLedgerStore } from '../../src/metering/memory-ledger-store.ts';
import { createPostgresLedgerStore } from '../../src/metering/postgres-ledger-store.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const run = promisify(execFile);
const url = process.env.SWITCHYARD_TEST_PG_URL;
if (!url) console.warn('postgres tests skipped: SWITCHYARD_TEST_PG_URL is not set (start a server with: eval "$(bash .ci/postgres.sh start)")');

const tables: string[] = [];
const newTable = () => {
  const name = `sy_test_${process.pid}_${tables.length}_${Math.floor(Math.random() * 1e6)}`;
  tables.push(name);
  return name;
};

const D1 = Date.UTC(2026, 10, 20);
const providers: MeterConfig['providers'] = {
  openai: { type: 'openai', prices: { 'gpt-4o-2024-08-06': { input: 2, output: 8, cachedInput: 1 } } },
  cw: { type: 'coreweave', prices: { 'llama-70b': { input: 10, output: 10 } } },
};
const target = { alias: 'chat', provider: 'cw', model: 'llama-70b' };
const request = { model: 'chat', messages: [{ role: 'user' as const, content: 'x'.repeat(92) }], maxTokens: 100 };
const events = [
  attemptEnd({ startedAt: D1 + 1000, latencyMs: 100, usage: usage(1_000_000, 100_000, { cachedInputTokens: 500_000 }), apiVersion: '2024-10-21', ttftMs: 90 }),
  attemptEnd({ startedAt: D1 + 2000, latencyMs: 300, usage: usage(500_000, 0), tags: { tenant: 'globex' } }),
  attemptEnd({ startedAt: D1 + 3000, latencyMs: 250, usage: usage(10, 10), servedModel: 'gpt-4o-2024-11-20', tags: {} }),
  attemptEnd({ startedAt: D1 + 86_400_000, outcome: 'error', errorCode: 'rate_limit', usage: undefined, latencyMs: 20 }),
  attemptEnd({ startedAt: D1 + 86_400_000 + 5, provider: 'cw', providerType: 'coreweave', model: 'mystery', servedModel: 'mystery', usage: usage(5, 5), latencyMs: 700 }),
];

describe.skipIf(!url)('postgres ledger [needs SWITCHYARD_TEST_PG_URL: eval "$(bash .ci/postgres.sh start)"]', () => {
  let admin: pg.Pool;
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    for (const t of tables) await admin.query(`DROP TABLE IF EXISTS ${t}, ${t}_budget_usage, ${t}_budget_reservations, ${t}_migrations`);
    await admin.end();
  });

  it('should migrate once when instances start together, and record every field', async () => {
    const table = newTable();
    const stores = [createPostgresLedgerStore({ url, table }), createPostgresLedgerStore({ url, table })];
    await Promise.all(stores.map((s) => s.ready()));
    const { rows: versions } = await admin.query(`SELECT version FROM ${table}_migrations ORDER BY version`);
    expect(versions.map((r) => r.version)).toEqual([1, 2, 3]);
    const meter = createMeterFromConfig({ providers, ledger: { type: 'postgres', url: url!, table } });
    meter.record({ ...events[0], drift: 'gpt-4o-2024-05-13' });
    await meter.close();
    const { rows } = await admin.query(`SELECT * FROM ${table}`);
    expect(rows[0]).toMatchObject({
      time: String(D1 + 1000), alias: 'chat', provider: 'openai', requested_model: 'gpt-4o-2024-08-06', api_version: '2024-10-21', outcome: 'success',
      latency_ms: 100, ttft_ms: 90, input_tokens: '1000000', cached_input_tokens: '500000', cost_nano: '2300000000', tags: { tenant: 'acme', feature: 'search' },
      hedge: false, drift: 'gpt-4o-2024-05-13',
    });
    await Promise.all(stores.map((s) => s.close()));
  });

  it('should aggregate in SQL exactly as the reference store does', async () => {
    const table = newTable();
    const meter = createMeterFromConfig({ providers, ledger: { type: 'postgres', url: url!, table } });
    const reference = createMeterFromConfig({ providers }, { ledgerStore: createMemoryLedgerStore() });
    for (const event of events) {
      meter.record(event);
      reference.record(event);
    }
    for (const groupBy of [['provider'], ['provider', 'day'], ['tag:tenant'], ['model', 'alias'], []] as const) {
      const options = { since: D1, until: D1 + 2 * 86_400_000, groupBy };
      expect(await meter.costReport(options)).toEqual(await reference.costReport(options));
    }
    const report = await meter.costReport({ since: D1, until: D1 + 2 * 86_400_000, groupBy: ['provider'] });
    expect(report.total).toMatchObject({ requests: 5, errors: 1, unpriced: 1, tokenCostNanoUsd: 3_300_000_000n + 100_000n });
    expect(await meter.ledger.sumCost({ since: D1, tag: { key: 'tenant', value: 'globex' } })).toBe(1_000_000_000n);
    expect(await meter.lastServed()).toEqual(expect.arrayContaining(await reference.lastServed()));
    expect(await meter.lastServed()).toEqual(
      expect.arrayContaining([{ alias: 'chat', provider: 'cw', requestedModel: 'mystery', servedModel: 'mystery', time: D1 + 86_400_005 }]),
    );
    await Promise.all([meter.close(), reference.close()]);
  });

  it('should let at most 10 of 100 concurrent calls through a budget that fits 10, across two pools', async () => {
    const table = newTable();
    const config = { providers, budgets: [{ name: 'shared', provider: 'cw', period: 'day' as const, limitUsd: 0.02, mode: 'hard' as const }], ledger: { type: 'postgres' as const, url: url!, table } };
    const a = createMeterFromConfig(config);
    const b = createMeterFromConfig(config);
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).reserve(target, request)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'budget_exceeded')).toBe(true);
    // Settling frees what was not spent, for both instances.
    for (const r of results) if (r.status === 'fulfilled') r.value.settle({ usd: 0.001, nanoUsd: 1_000_000 });
    await Promise.all([a.flush(), b.flush()]);
    const { rows } = await admin.query(`SELECT spent_nano::text AS spent FROM ${table}_budget_usage`);
    expect(rows).toEqual([{ spent: '10000000' }]);
    const more = await Promise.allSettled(Array.from({ length: 10 }, () => b.reserve(target, request)));
    expect(more.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    await Promise.all([a.close(), b.close()]);
  });

  it('should let at most 10 calls through a budget that fits 10, across separate processes', { timeout: 60_000 }, async () => {
    const table = newTable();
    await createPostgresLedgerStore({ url, table }).ready();
    const worker = join(import.meta.dirname, 'fixtures', 'budget-worker.ts');
    const outputs = await Promise.all([1, 2].map(() => run(process.execPath, [worker, url!, table, '50'], { timeout: 50_000 })));
    const counts = outputs.map((o) => JSON.parse(o.stdout) as { passed: number; rejected: number; unexpected: string[] });
    expect(counts.flatMap((c) => c.unexpected)).toEqual([]);
    expect(counts[0].passed + counts[1].passed).toBe(10);
    expect(counts[0].rejected + counts[1].rejected).toBe(90);
  });

  it('should stop counting a reservation that was never settled once its TTL has passed', async () => {
    const table = newTable();
    const clock = { now: Date.UTC(2026, 10, 20, 12) };
    const config = { providers, budgets: [{ provider: 'cw', period: 'day' as const, limitUsd: 0.002, mode: 'hard' as const }], ledger: { type: 'postgres' as const, url: url!, table } };
    const crashed = createMeterFromConfig(config, { now: () => clock.now });
    await crashed.reserve(target, request); // its process "dies" before settling
    const survivor = createMeterFromConfig(config, { now: () => clock.now });
    await expect(survivor.reserve(target, request)).rejects.toMatchObject({ code: 'budget_exceeded' });
    clock.now += 15 * 60_000 + 1;
    await expect(survivor.reserve(target, request)).resolves.toBeDefined();
    await Promise.all([crashed.close(), survivor.close()]);
  });

  it('should say which server it could not reach, without the password', async () => {
    const store = createPostgresLedgerStore({ url: 'postgres://ledger:s3cret-pw@127.0.0.1:1/nowhere', table: newTable() });
    const error = await store.aggregate({ since: 0, until: 1, groupBy: [] }).catch((e: Error) => e);
    expect(String(error)).toContain('Could not open the PostgreSQL ledger 127.0.0.1:1/nowhere');
    expect(String(error)).not.toContain('s3cret-pw');
    await store.close();
  });
});
