import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/errors/ledger-error.ts';
import { SwitchyardError } from '../../src/errors/switchyard-error.ts';
import { createMeterFromConfig } from '../../src/metering/create-meter-from-config.ts';
import { loadNodeSqlite } from '../../src/metering/load-node-sqlite.ts';
import { toLedgerRecord } from '../../src/metering/ledger-record.ts';
import { SQLITE_MIGRATIONS } from '../../src/metering/sqlite-migrations.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { attemptEnd, usage } from './attempt-events.ts';

const run = promisify(execFile);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-ledger-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const DAY = Date.UTC(2026, 10, 20);
const range = { since: DAY, until: DAY + 86_400_000 };

describe('sqlite ledger store', () => {
  it('should keep every field of a record across a close and a reopen, in WAL mode', async () => {
    const path = join(dir, 'nested', 'ledger.sqlite');
    const store = createSqliteLedgerStore(path);
    await store.append([
      toLedgerRecord({ ...attemptEnd({ apiVersion: '2024-10-21', ttftMs: 180, hedge: true }), drift: 'gpt-4o-2024-05-13' }, 4_500_000n),
      toLedgerRecord(attemptEnd({ outcome: 'error', errorCode: 'rate_limit', usage: undefined, latencyMs: 35, attempt: 2 }), 0n),
      toLedgerRecord(attemptEnd({ model: 'custom', servedModel: 'custom-v2', usage: usage(10, 5) }), null),
    ]);
    await store.close();

    const db = new DatabaseSync(path);
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    const first = db.prepare('SELECT * FROM attempts ORDER BY id LIMIT 1').get() as Record<string, unknown>;
    db.close();
    expect(first).toMatchObject({
      time: DAY + 9.5 * 3_600_000, alias: 'chat', provider: 'openai', provider_type: 'openai', operation: 'chat', requested_model: 'gpt-4o-2024-08-06',
      served_model: 'gpt-4o-2024-08-06', api_version: '2024-10-21', request_id: 'req_8f3a1c2b9d7e4f60a1b2c3d4e5f60718', outcome: 'success', error_code: null,
      latency_ms: 412, ttft_ms: 180, input_tokens: 1200, output_tokens: 300, cost_nano: 4_500_000, attempt: 1, hedge: 1, drift: 'gpt-4o-2024-05-13',
    });
    expect(JSON.parse(first.tags as string)).toEqual({ tenant: 'acme', feature: 'search' });

    const reopened = createSqliteLedgerStore(path);
    const [total] = await reopened.aggregate({ ...range, groupBy: [] });
    expect(total).toMatchObject({ requests: 3, errors: 1, unpriced: 1, inputTokens: 1210, outputTokens: 305, costNanoUsd: 4_500_000n, latencyP50Ms: 412 });
    expect(await reopened.sumCost({ since: DAY, tag: { key: 'tenant', value: 'acme' } })).toBe(4_500_000n);
    expect(await reopened.lastServed()).toEqual(
      expect.arrayContaining([{ alias: 'chat', provider: 'openai', requestedModel: 'custom', servedModel: 'custom-v2', time: DAY + 9.5 * 3_600_000 }]),
    );
    await reopened.close();
  });

  it('should migrate a version 1 ledger to the latest schema and keep its rows', async () => {
    const path = join(dir, 'old.sqlite');
    const old = new DatabaseSync(path);
    old.exec(SQLITE_MIGRATIONS[0]);
    old.exec('PRAGMA user_version = 1');
    old.prepare(
      `INSERT INTO attempts (time, alias, provider, provider_type, operation, requested_model, outcome, latency_ms, input_tokens, cached_input_tokens,
       cache_write_tokens, output_tokens, reasoning_tokens, cost_nano, tags, attempt) VALUES (?, 'chat', 'openai', 'openai', 'chat', 'gpt-4o', 'success', 300, 10, 0, 0, 5, 0, 75000, '{}', 1)`,
    ).run(DAY + 1000);
    old.close();

    const store = createSqliteLedgerStore(path);
    await store.append([toLedgerRecord(attemptEnd({ hedge: true }), 1_000n)]);
    const [total] = await store.aggregate({ ...range, groupBy: [] });
    await store.close();
    expect(total).toMatchObject({ requests: 2, costNanoUsd: 76_000n });
    const db = new DatabaseSync(path);
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(SQLITE_MIGRATIONS.length);
    expect(db.prepare('SELECT hedge, drift FROM attempts ORDER BY id').all()).toEqual([{ hedge: 0, drift: null }, { hedge: 1, drift: null }]);
    db.close();
  });

  it('should refuse a ledger written by a newer schema', () => {
    const path = join(dir, 'future.sqlite');
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => createSqliteLedgerStore(path)).toThrow(/newer than this Switchyard knows.*Upgrade switchyard/);
    const error = (() => {
      try {
        createSqliteLedgerStore(path);
      } catch (e) {
        return e;
      }
    })();
    expect(LedgerError.isInstance(error)).toBe(true);
    expect((error as LedgerError).code).toBe('ledger');
  });

  it('should write pending records when the meter is closed', async () => {
    const path = join(dir, 'close.sqlite');
    const meter = createMeterFromConfig({ providers: { openai: { type: 'openai' } }, ledger: { type: 'sqlite', path } }, { writer: { flushIntervalMs: 60_000 } });
    for (let i = 0; i < 5; i++) meter.record(attemptEnd({ requestId: `req_${i}` }));
    await meter.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('SELECT COUNT(*) AS n, SUM(cost_nano) AS cost FROM attempts').get()).toEqual({ n: 5, cost: 5 * 6_000_000 });
    db.close();
  });

  it('should resolve a relative ledger path against cwd', async () => {
    const meter = createMeterFromConfig({ providers: {}, ledger: { type: 'sqlite', path: 'data/usage.sqlite' } }, { cwd: dir });
    expect(meter.ledger.name).toBe(`sqlite:${join(dir, 'data', 'usage.sqlite')}`);
    await meter.close();
    const fallback = createMeterFromConfig({ providers: {} }, { cwd: dir });
    expect(fallback.ledger.name).toBe(`sqlite:${join(dir, '.switchyard', 'ledger.sqlite')}`);
    await fallback.close();
  });

  it.each(['exit', 'drain'])('should write pending records when the process ends (%s) without close()', async (how) => {
    const path = join(dir, `${how}.sqlite`);
    await run(process.execPath, [join(import.meta.dirname, 'fixtures', 'record-then-exit.ts'), path, how], { timeout: 15_000 });
    const db = new DatabaseSync(path);
    expect(db.prepare('SELECT request_id FROM attempts ORDER BY time').all().map((r) => (r as { request_id: string }).request_id)).toEqual([
      `req_exit_${how}_0`,
      `req_exit_${how}_1`,
      `req_exit_${how}_2`,
    ]);
    db.close();
  });
});

describe('sqlite ledger store errors', () => {
  it('should say which file it could not open and how to fix it', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    expect(() => createSqliteLedgerStore(join(blocker, 'ledger.sqlite'))).toThrow(
      /Could not open the SQLite ledger at .*not-a-folder\/ledger\.sqlite: .*Set ledger\.path to a writable file, or ledger: \{ type: none \}/,
    );
  });

  it('should throw a SwitchyardError with the stable code ledger, naming the file', () => {
    const blocker = join(dir, 'also-not-a-folder');
    writeFileSync(blocker, '');
    const error = (() => {
      try {
        createSqliteLedgerStore(join(blocker, 'ledger.sqlite'));
      } catch (e) {
        return e;
      }
    })();
    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(LedgerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ledger', ledger: `sqlite:${join(blocker, 'ledger.sqlite')}` });
  });

  it('should not print Node 22\'s SQLite ExperimentalWarning, and only that warning is dropped', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      // What Node 22 does when node:sqlite is first loaded (Node 24 prints nothing, so it is simulated here; the
      // packed-package test checks a real Node 22).
      const loaded = loadNodeSqlite(() => {
        process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
        process.emitWarning('Something else entirely', 'ExperimentalWarning');
        return process.getBuiltinModule('node:sqlite');
      });
      expect(typeof loaded.DatabaseSync).toBe('function');
      process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual(['ExperimentalWarning: Something else entirely', 'ExperimentalWarning: SQLite is an experimental feature and might change at any time']);
  });
});
