import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { buildAggregateSql, dimensionSql, toAggregateRow, type SqlDialect } from './ledger-aggregate-sql.ts';
import type { LedgerRecord } from './ledger-record.ts';
import type { LastServedRow, LedgerAggregateRow, LedgerStore } from './ledger-store.ts';
import { percentile } from './percentile.ts';
import { LedgerError } from '../errors/ledger-error.ts';
import { loadNodeSqlite } from './load-node-sqlite.ts';
import { migrateSqliteLedger } from './sqlite-migrations.ts';

const COLUMNS = [
  'time', 'alias', 'provider', 'provider_type', 'operation', 'requested_model', 'served_model', 'api_version', 'request_id', 'outcome',
  'error_code', 'latency_ms', 'ttft_ms', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'cost_nano', 'tags', 'attempt', 'hedge', 'drift', 'capacity', 'served_deployment',
] as const;

const SQLITE: SqlDialect = {
  placeholder: () => '?',
  day: `strftime('%Y-%m-%d', time / 1000, 'unixepoch')`,
  hour: `strftime('%Y-%m-%dT%H', time / 1000, 'unixepoch')`,
  tag: (p) => `json_extract(tags, ${p})`,
  tagParam: (name) => `$."${name}"`,
  latencyPercentile: (p) => `percentile_cont(CASE WHEN outcome = 'success' THEN latency_ms END, ${p})`,
};

/**
 * Creates the embedded ledger: a `node:sqlite` file in WAL mode (`synchronous=NORMAL`), migrated to the latest
 * schema on open. Each `append` is one transaction. It also writes synchronously (`appendSync`), which is
 * how the meter flushes at process exit. Reports aggregate in SQL (`percentile_cont` where SQLite has it).
 *
 * @param path The file (its folder is created), or `:memory:`.
 */
export function createSqliteLedgerStore(path: string): LedgerStore {
  let db: DatabaseSync;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // Loaded on first use, so that importing Switchyard does not load SQLite; never with Node 22's experimental warning.
    const { DatabaseSync: Database } = loadNodeSqlite();
    db = new Database(path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  } catch (error) {
    throw new LedgerError(`Could not open the SQLite ledger at ${path}: ${(error as Error).message}. Set ledger.path to a writable file, or ledger: { type: none }.`, { ledger: `sqlite:${path}`, cause: error });
  }
  migrateSqliteLedger(db, path);
  const insert = db.prepare(`INSERT INTO attempts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  let hasPercentile: boolean | undefined;
  let open = true;

  const appendSync = (records: readonly LedgerRecord[]): void => {
    if (records.length === 0) return;
    db.exec('BEGIN');
    try {
      for (const r of records) insertRecord(insert, r);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };

  return {
    name: `sqlite:${path}`,
    async append(records) {
      appendSync(records);
    },
    appendSync,
    async aggregate(query) {
      hasPercentile ??= probePercentile(db);
      const dialect = hasPercentile ? SQLITE : { ...SQLITE, latencyPercentile: () => null };
      const { sql, params } = buildAggregateSql('attempts', dialect, query);
      const statement = db.prepare(sql);
      statement.setReadBigInts(true);
      const rows = (statement.all(...(params as never[])) as Array<Record<string, unknown>>).map((row) => toAggregateRow(row, query.groupBy.length));
      if (!hasPercentile) fillPercentiles(db, query.groupBy, query.since, query.until, rows);
      return rows;
    },
    async sumCost({ since, provider, alias, tag }) {
      const where = ['time >= ?', 'cost_nano IS NOT NULL'];
      const params: Array<string | number> = [since];
      if (provider !== undefined) (where.push('provider = ?'), params.push(provider));
      if (alias !== undefined) (where.push('alias = ?'), params.push(alias));
      if (tag !== undefined) (where.push('json_extract(tags, ?) = ?'), params.push(`$."${tag.key}"`, tag.value));
      const statement = db.prepare(`SELECT COALESCE(SUM(cost_nano), 0) AS total FROM attempts WHERE ${where.join(' AND ')}`);
      statement.setReadBigInts(true);
      return BigInt((statement.get(...params) as { total: bigint }).total);
    },
    async lastServed() {
      const rows = db
        .prepare(
          `SELECT alias, provider, requested_model, served_model, MAX(time) AS time FROM attempts WHERE served_model IS NOT NULL GROUP BY alias, provider, requested_model`,
        )
        .all() as Array<{ alias: string; provider: string; requested_model: string; served_model: string; time: number }>;
      return rows.map((r): LastServedRow => ({ alias: r.alias, provider: r.provider, requestedModel: r.requested_model, servedModel: r.served_model, time: r.time }));
    },
    async close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

function insertRecord(insert: StatementSync, r: LedgerRecord): void {
  insert.run(
    r.time, r.alias, r.provider, r.providerType, r.operation, r.requestedModel, r.servedModel, r.apiVersion, r.requestId, r.outcome,
    r.errorCode, r.latencyMs, r.ttftMs, r.inputTokens, r.cachedInputTokens, r.cacheWriteTokens, r.outputTokens, r.reasoningTokens,
    r.costNanoUsd, JSON.stringify(r.tags), r.attempt, r.hedge ? 1 : 0, r.drift, r.capacity, r.servedDeployment,
  );
}

function probePercentile(db: DatabaseSync): boolean {
  try {
    db.prepare('SELECT percentile_cont(1, 0.5)').get();
    return true;
  } catch {
    return false;
  }
}

/** For SQLite builds without `percentile_cont`: reads the successful latencies, ordered, and interpolates. */
function fillPercentiles(db: DatabaseSync, groupBy: readonly string[], since: number, until: number, rows: LedgerAggregateRow[]): void {
  const params: unknown[] = [];
  const keys = groupBy.map((d, i) => `${dimensionSql(d, SQLITE, params)} AS k${i}`);
  const sql = `SELECT ${[...keys, 'latency_ms'].join(', ')} FROM attempts WHERE outcome = 'success' AND time >= ? AND time < ?`;
  const byGroup = new Map<string, number[]>();
  for (const row of db.prepare(sql).iterate(...(params as never[]), since, until) as Iterable<Record<string, unknown>>) {
    const id = JSON.stringify(groupBy.map((_, i) => (row[`k${i}`] === null || row[`k${i}`] === undefined ? null : String(row[`k${i}`]))));
    let list = byGroup.get(id);
    if (!list) byGroup.set(id, (list = []));
    list.push(Number(row.latency_ms));
  }
  for (const row of rows) {
    const list = (byGroup.get(JSON.stringify(row.keys)) ?? []).sort((a, b) => a - b);
    row.latencyP50Ms = percentile(list, 0.5);
    row.latencyP95Ms = percentile(list, 0.95);
  }
}
