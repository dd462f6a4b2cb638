import type pg from 'pg';
import { inPostgresTransaction } from './postgres-transaction.ts';

/**
 * The PostgreSQL ledger's schema history for table `t` (one function per version, applied in order; the
 * `<t>_migrations` table records which ran). Never edit an entry that has shipped: append a new one.
 */
export function postgresMigrations(t: string): string[] {
  const base = t.includes('.') ? t.slice(t.indexOf('.') + 1) : t;
  return [
    // v1: one row per attempt. time is ms since the epoch (bigint), like the SQLite ledger.
    `CREATE TABLE ${t} (
      id bigserial PRIMARY KEY,
      time bigint NOT NULL,
      alias text NOT NULL,
      provider text NOT NULL,
      provider_type text NOT NULL,
      operation text NOT NULL,
      requested_model text NOT NULL,
      served_model text,
      api_version text,
      request_id text,
      outcome text NOT NULL,
      error_code text,
      latency_ms double precision NOT NULL,
      ttft_ms double precision,
      input_tokens bigint NOT NULL,
      cached_input_tokens bigint NOT NULL,
      cache_write_tokens bigint NOT NULL,
      output_tokens bigint NOT NULL,
      reasoning_tokens bigint NOT NULL,
      cost_nano bigint,
      tags jsonb NOT NULL DEFAULT '{}'::jsonb,
      attempt integer NOT NULL,
      hedge boolean NOT NULL DEFAULT false,
      drift text
    );
    CREATE INDEX ${base}_time_idx ON ${t} (time);
    CREATE INDEX ${base}_provider_time_idx ON ${t} (provider, time);`,
    // v2: budgets shared by every instance: settled spend per period, and open reservations.
    `CREATE TABLE ${t}_budget_usage (
      budget_key text NOT NULL,
      period_start bigint NOT NULL,
      spent_nano bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (budget_key, period_start)
    );
    CREATE TABLE ${t}_budget_reservations (
      id bigserial PRIMARY KEY,
      budget_key text NOT NULL,
      period_start bigint NOT NULL,
      amount_nano bigint NOT NULL,
      expires_at bigint NOT NULL
    );
    CREATE INDEX ${base}_budget_reservations_idx ON ${t}_budget_reservations (budget_key, period_start);`,
    // v3: capacity tiers (issue 15): the tier that served, and the deployment that served when it differs (Azure spillover).
    `ALTER TABLE ${t} ADD COLUMN capacity text;
    ALTER TABLE ${t} ADD COLUMN served_deployment text;`,
  ];
}

/**
 * Applies the pending migrations in one transaction under an advisory lock, so instances starting together
 * migrate once. Refuses a database migrated by a newer Switchyard.
 */
export async function migratePostgresLedger(pool: pg.Pool, table: string): Promise<void> {
  const migrations = postgresMigrations(table);
  await inPostgresTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`switchyard:${table}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table}_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>(`SELECT MAX(version) AS version FROM ${table}_migrations`);
    const current = rows[0]?.version ?? 0;
    if (current > migrations.length) {
      throw new Error(`The ledger table ${table} has schema version ${current}, newer than this Switchyard knows (${migrations.length}). Upgrade switchyard.`);
    }
    for (let v = current; v < migrations.length; v++) {
      await client.query(migrations[v]);
      await client.query(`INSERT INTO ${table}_migrations (version) VALUES ($1)`, [v + 1]);
    }
  });
}
