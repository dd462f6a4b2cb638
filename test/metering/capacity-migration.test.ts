import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toLedgerRecord } from '../../src/metering/ledger-record.ts';
import { postgresMigrations } from '../../src/metering/postgres-migrations.ts';
import { createPostgresLedgerStore } from '../../src/metering/postgres-ledger-store.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { SQLITE_MIGRATIONS } from '../../src/metering/sqlite-migrations.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const DAY = Date.UTC(2026, 10, 20);
const range = { since: DAY, until: DAY + 86_400_000 };

// The ledger as the previous release wrote it: schema version 2 and its insert, column for column.
const V2_COLUMNS = [
  'time', 'alias', 'provider', 'provider_type', 'operation', 'requested_model', 'served_model', 'api_version', 'request_id', 'outcome',
  'error_code', 'latency_ms', 'ttft_ms', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'cost_nano', 'tags', 'attempt', 'hedge', 'drift',
];
const v2Row = (time: number, provider: string, cost: number) => [
  time, 'chat', provider, 'azure-openai', 'chat', 'gpt4o-ptu', 'gpt-4o-2024-08-06', '2024-10-21', 'apim-7c1e', 'success',
  null, 420, null, 1000, 0, 0, 200, 0, cost, '{"tenant":"acme"}', 1, 0, null,
];

/** Attempts as this version records them: one on the PTU, one spilled over. */
const newRecords = () => [
  toLedgerRecord(attemptEnd({ provider: 'ptu', providerType: 'azure-openai', model: 'gpt4o-ptu', startedAt: DAY + 3000, usage: usage(1000, 200), capacity: { tier: 'provisioned' } }), 0n),
  toLedgerRecord(
    attemptEnd({ provider: 'ptu', providerType: 'azure-openai', model: 'gpt4o-ptu', startedAt: DAY + 4000, usage: usage(1000, 200), capacity: { tier: 'spillover', deployment: 'gpt4o-paygo', raw: 'x-ms-spillover-from-deployment: gpt4o-ptu' } }),
    4_500_000n,
  ),
];

describe('sqlite ledger: the capacity migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-capacity-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should add capacity and served_deployment to a ledger written by the previous version, keeping its rows', async () => {
    const path = join(dir, 'ledger.sqlite');
    const old = new DatabaseSync(path);
    for (const migration of SQLITE_MIGRATIONS.slice(0, 2)) old.exec(migration);
    old.exec('PRAGMA user_version = 2');
    const insert = old.prepare(`INSERT INTO attempts (${V2_COLUMNS.join(', ')}) VALUES (${V2_COLUMNS.map(() => '?').join(', ')})`);
    insert.run(...(v2Row(DAY + 1000, 'ptu', 0) as never[]));
    insert.run(...(v2Row(DAY + 2000, 'azure-east', 4_500_000) as never[]));
    old.close();

    const store = createSqliteLedgerStore(path);
    await store.append(newRecords());
    const byCapacity = await store.aggregate({ ...range, groupBy: ['capacity'] });
    await store.close();
    expect(byCapacity.map((r) => [r.keys[0], r.requests, r.costNanoUsd]).sort()).toEqual([
      ['provisioned', 1, 0n],
      ['spillover', 1, 4_500_000n],
      [null, 2, 4_500_000n],
    ].sort());

    const db = new DatabaseSync(path);
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(3);
    expect(db.prepare('SELECT provider, capacity, served_deployment, cost_nano FROM attempts ORDER BY id').all()).toEqual([
      { provider: 'ptu', capacity: null, served_deployment: null, cost_nano: 0 },
      { provider: 'azure-east', capacity: null, served_deployment: null, cost_nano: 4_500_000 },
      { provider: 'ptu', capacity: 'provisioned', served_deployment: null, cost_nano: 0 },
      { provider: 'ptu', capacity: 'spillover', served_deployment: 'gpt4o-paygo', cost_nano: 4_500_000 },
    ]);
    db.close();
  });

  it('should open a migrated ledger again without migrating twice', async () => {
    const path = join(dir, 'ledger.sqlite');
    await createSqliteLedgerStore(path).close();
    const store = createSqliteLedgerStore(path);
    await store.append(newRecords());
    await store.close();
    const db = new DatabaseSync(path);
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(SQLITE_MIGRATIONS.length);
    expect(db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('attempts') WHERE name IN ('capacity', 'served_deployment')").get()).toEqual({ n: 2 });
    db.close();
  });
});

const url = process.env.SWITCHYARD_TEST_PG_URL;
if (!url) console.warn('postgres capacity migration test skipped: SWITCHYARD_TEST_PG_URL is not set (start a server with: eval "$(bash .ci/postgres.sh start)")');

describe.skipIf(!url)('postgres ledger: the capacity migration [needs SWITCHYARD_TEST_PG_URL: eval "$(bash .ci/postgres.sh start)"]', () => {
  let admin: pg.Pool;
  const table = `sy_capacity_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${table}, ${table}_budget_usage, ${table}_budget_reservations, ${table}_migrations`);
    await admin.end();
  });

  it('should add capacity and served_deployment to a ledger written by the previous version, keeping its rows', async () => {
    // The previous release's schema (versions 1 and 2) and rows written by it.
    await admin.query(`CREATE TABLE ${table}_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const [i, migration] of postgresMigrations(table).slice(0, 2).entries()) {
      await admin.query(migration);
      await admin.query(`INSERT INTO ${table}_migrations (version) VALUES ($1)`, [i + 1]);
    }
    const params = [...v2Row(DAY + 1000, 'ptu', 0), ...v2Row(DAY + 2000, 'azure-east', 4_500_000)].map((v, i) => (V2_COLUMNS[i % V2_COLUMNS.length] === 'hedge' ? Boolean(v) : v));
    const placeholders = [0, 1].map((row) => `(${V2_COLUMNS.map((_, i) => `$${row * V2_COLUMNS.length + i + 1}`).join(', ')})`);
    await admin.query(`INSERT INTO ${table} (${V2_COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}`, params);

    const stores = [createPostgresLedgerStore({ url, table }), createPostgresLedgerStore({ url, table })];
    await Promise.all(stores.map((s) => s.ready()));
    await stores[0]?.append(newRecords());
    const byCapacity = await stores[1]?.aggregate({ ...range, groupBy: ['capacity'] });
    await Promise.all(stores.map((s) => s.close()));
    expect(byCapacity?.map((r) => [r.keys[0], r.requests, r.costNanoUsd]).sort()).toEqual([
      ['provisioned', 1, 0n],
      ['spillover', 1, 4_500_000n],
      [null, 2, 4_500_000n],
    ].sort());

    const { rows: versions } = await admin.query(`SELECT version FROM ${table}_migrations ORDER BY version`);
    expect(versions.map((r) => r.version)).toEqual([1, 2, 3]);
    const { rows } = await admin.query(`SELECT provider, capacity, served_deployment, cost_nano FROM ${table} ORDER BY id`);
    expect(rows).toEqual([
      { provider: 'ptu', capacity: null, served_deployment: null, cost_nano: '0' },
      { provider: 'azure-east', capacity: null, served_deployment: null, cost_nano: '4500000' },
      { provider: 'ptu', capacity: 'provisioned', served_deployment: null, cost_nano: '0' },
      { provider: 'ptu', capacity: 'spillover', served_deployment: 'gpt4o-paygo', cost_nano: '4500000' },
    ]);
  });
});
