import { createRequire } from 'node:module';
import { LedgerError } from '../errors/ledger-error.ts';
import type pg from 'pg';
import { buildAggregateSql, toAggregateRow, type SqlDialect } from './ledger-aggregate-sql.ts';
import type { LedgerRecord } from './ledger-record.ts';
import type { LedgerStore } from './ledger-store.ts';
import { migratePostgresLedger } from './postgres-migrations.ts';
import type { PostgresPool } from './postgres-pool.ts';
import { inPostgresTransaction } from './postgres-transaction.ts';

/** How to reach the PostgreSQL ledger. */
export interface PostgresLedgerSettings {
  /** A `postgres://` connection URL (ignored when `pool` is given). */
  url?: string | undefined;
  /** An existing pool to use, such as a `pg.Pool` (not closed by the store). */
  pool?: PostgresPool | undefined;
  /** The table (optionally `schema.table`); budget tables are named after it. @default 'switchyard_attempts' */
  table?: string | undefined;
  /** Connections in the pool the store creates. @default 4 */
  maxConnections?: number | undefined;
}

/** The PostgreSQL ledger store, with what the PostgreSQL budget store needs. */
export interface PostgresLedgerStore extends LedgerStore {
  readonly pool: PostgresPool;
  readonly table: string;
  /** Resolves once the schema is migrated (every method waits for it). */
  ready(): Promise<void>;
}

const COLUMNS = [
  'time', 'alias', 'provider', 'provider_type', 'operation', 'requested_model', 'served_model', 'api_version', 'request_id', 'outcome',
  'error_code', 'latency_ms', 'ttft_ms', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'cost_nano', 'tags', 'attempt', 'hedge', 'drift', 'capacity', 'served_deployment',
] as const;
const ROWS_PER_STATEMENT = 2_000;

const POSTGRES: SqlDialect = {
  placeholder: (i) => `$${i}`,
  day: `to_char(to_timestamp(time / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  hour: `to_char(to_timestamp(time / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24')`,
  tag: (p) => `(tags ->> ${p})`,
  tagParam: (name) => name,
  latencyPercentile: (p) => `percentile_cont(${p}) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE outcome = 'success')`,
};

/**
 * Creates the PostgreSQL ledger store, for many instances sharing one ledger (and budgets). The schema is
 * migrated on first use. Each `append` is one multi-row INSERT transaction; reports aggregate in SQL.
 * Connection errors name the host and database, never the password.
 */
export function createPostgresLedgerStore(settings: PostgresLedgerSettings): PostgresLedgerStore {
  const table = settings.table ?? 'switchyard_attempts';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,40}(\.[A-Za-z_][A-Za-z0-9_]{0,40})?$/.test(table)) {
    throw new Error(`ledger.table must be a plain SQL name such as switchyard_attempts or ledger.attempts; got ${JSON.stringify(table)}`);
  }
  if (!settings.pool && !settings.url) throw new Error('ledger.url is required for a postgres ledger (for example postgres://user@host:5432/db)');
  const ownPool = !settings.pool;
  // `pg` is loaded only when a PostgreSQL ledger is created, not when Switchyard is imported.
  const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
  // Typed as pg's own pool inside; `PostgresPool` is the part of it the public types promise.
  const pool = (settings.pool as pg.Pool | undefined) ?? new Pool({ connectionString: settings.url, max: settings.maxConnections ?? 4, allowExitOnIdle: true });
  pool.on('error', () => {
    // An idle client's connection dropped; the pool replaces it. Errors surface on the next query.
  });
  const where = describe(settings.url);
  let migrated: Promise<void> | undefined;
  const ready = () =>
    (migrated ??= migratePostgresLedger(pool, table).catch((error: unknown) => {
      migrated = undefined;
      throw new LedgerError(`Could not open the PostgreSQL ledger ${where}: ${(error as Error).message}`, { ledger: `postgres:${where}`, cause: error });
    }));

  return {
    name: `postgres:${where}`,
    pool,
    table,
    ready,
    async append(records) {
      if (records.length === 0) return;
      await ready();
      await inPostgresTransaction(pool, async (client) => {
        for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
          const chunk = records.slice(start, start + ROWS_PER_STATEMENT);
          const params: unknown[] = [];
          const rows = chunk.map((r) => `(${values(r).map((v) => `$${params.push(v)}`).join(', ')})`);
          await client.query(`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
        }
      });
    },
    async aggregate(query) {
      await ready();
      const { sql, params } = buildAggregateSql(table, POSTGRES, query);
      const { rows } = await pool.query(sql, params);
      return rows.map((row: Record<string, unknown>) => toAggregateRow(row, query.groupBy.length));
    },
    async sumCost({ since, provider, alias, tag }) {
      await ready();
      const params: unknown[] = [since];
      const where = ['time >= $1', 'cost_nano IS NOT NULL'];
      if (provider !== undefined) where.push(`provider = $${params.push(provider)}`);
      if (alias !== undefined) where.push(`alias = $${params.push(alias)}`);
      if (tag !== undefined) where.push(`tags ->> $${params.push(tag.key)} = $${params.push(tag.value)}`);
      const { rows } = await pool.query(`SELECT COALESCE(SUM(cost_nano), 0)::text AS total FROM ${table} WHERE ${where.join(' AND ')}`, params);
      return BigInt(rows[0].total);
    },
    async lastServed() {
      await ready();
      const { rows } = await pool.query(
        `SELECT alias, provider, requested_model, served_model, time FROM (
           SELECT alias, provider, requested_model, served_model, time,
                  row_number() OVER (PARTITION BY alias, provider, requested_model ORDER BY time DESC, id DESC) AS n
           FROM ${table} WHERE served_model IS NOT NULL) latest WHERE n = 1`,
      );
      return rows.map((r: Record<string, string>) => ({ alias: r.alias, provider: r.provider, requestedModel: r.requested_model, servedModel: r.served_model, time: Number(r.time) }));
    },
    async close() {
      if (ownPool) await pool.end();
    },
  };
}

function values(r: LedgerRecord): unknown[] {
  return [
    r.time, r.alias, r.provider, r.providerType, r.operation, r.requestedModel, r.servedModel, r.apiVersion, r.requestId, r.outcome,
    r.errorCode, r.latencyMs, r.ttftMs, r.inputTokens, r.cachedInputTokens, r.cacheWriteTokens, r.outputTokens, r.reasoningTokens,
    r.costNanoUsd === null ? null : r.costNanoUsd.toString(), JSON.stringify(r.tags), r.attempt, r.hedge, r.drift, r.capacity, r.servedDeployment,
  ];
}

/** `host:port/database` of a connection URL, without user or password. */
function describe(url: string | undefined): string {
  if (!url) return '(pool)';
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(unparsable url)';
  }
}
