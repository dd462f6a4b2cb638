import { LedgerError } from '../errors/ledger-error.ts';
import type { DatabaseSync } from 'node:sqlite';

/**
 * The ledger's schema history, one entry per version (`PRAGMA user_version` holds how many were applied).
 * Never edit an entry that has shipped: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // v1: one row per attempt.
  `CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    alias TEXT NOT NULL,
    provider TEXT NOT NULL,
    provider_type TEXT NOT NULL,
    operation TEXT NOT NULL,
    requested_model TEXT NOT NULL,
    served_model TEXT,
    api_version TEXT,
    request_id TEXT,
    outcome TEXT NOT NULL,
    error_code TEXT,
    latency_ms REAL NOT NULL,
    ttft_ms REAL,
    input_tokens INTEGER NOT NULL,
    cached_input_tokens INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER NOT NULL,
    cost_nano INTEGER,
    tags TEXT NOT NULL,
    attempt INTEGER NOT NULL
  );
  CREATE INDEX attempts_time ON attempts (time);`,
  // v2: hedges and version drift (issue 6); an index for budget sums per provider.
  `ALTER TABLE attempts ADD COLUMN hedge INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE attempts ADD COLUMN drift TEXT;
  CREATE INDEX attempts_provider_time ON attempts (provider, time);`,
  // v3: capacity tiers (issue 15): the tier that served, and the deployment that served when it differs (Azure spillover).
  `ALTER TABLE attempts ADD COLUMN capacity TEXT;
  ALTER TABLE attempts ADD COLUMN served_deployment TEXT;`,
];

/**
 * Brings the ledger at `db` to the latest schema, in one `BEGIN IMMEDIATE` transaction (safe when several
 * processes open the same file). Refuses a file written by a newer Switchyard rather than guessing.
 */
export function migrateSqliteLedger(db: DatabaseSync, where: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (version > SQLITE_MIGRATIONS.length) {
      throw new LedgerError(
        `The ledger ${where} has schema version ${version}, newer than this Switchyard knows (${SQLITE_MIGRATIONS.length}). Upgrade switchyard, or point ledger.path at another file.`,
        { ledger: `sqlite:${where}` },
      );
    }
    for (let v = version; v < SQLITE_MIGRATIONS.length; v++) db.exec(SQLITE_MIGRATIONS[v]);
    if (version !== SQLITE_MIGRATIONS.length) db.exec(`PRAGMA user_version = ${SQLITE_MIGRATIONS.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
