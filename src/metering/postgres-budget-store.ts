import type pg from 'pg';
import { classifyStandings, madeReservation, refusedReservation, type BudgetCheck, type BudgetStanding, type BudgetStore } from './budget-store.ts';
import type { PostgresLedgerStore } from './postgres-ledger-store.ts';
import { inPostgresTransaction } from './postgres-transaction.ts';

/** Options of the PostgreSQL budget store. */
export interface PostgresBudgetStoreOptions {
  /**
   * How long a reservation counts when it is never settled (its process died mid-call), in ms.
   * @default 900000 (15 minutes)
   */
  reservationTtlMs?: number;
}

/**
 * Creates a budget store shared by every process using the same PostgreSQL ledger.
 *
 * A reservation is one transaction: it creates the period's usage row if needed (starting from the spend already
 * in the ledger), locks the usage rows of every covering budget with `SELECT … FOR UPDATE` in key order (so two
 * reservations never deadlock), adds the open reservations, and either inserts its own reservation rows or, when
 * a hard budget cannot fit, reserves nothing. Settling deletes the reservation rows and adds the actual cost.
 */
export function createPostgresBudgetStore(ledger: PostgresLedgerStore, options: PostgresBudgetStoreOptions = {}): BudgetStore {
  const ttl = options.reservationTtlMs ?? 15 * 60_000;
  const { table } = ledger;
  // The ledger's pool is pg's own (the public type only promises the part of it the stores use).
  const pool = ledger.pool as unknown as pg.Pool;

  return {
    async reserve(checks, amount, now) {
      await ledger.ready();
      const sorted = [...checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.periodStart - b.periodStart));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const standings: BudgetStanding[] = [];
        for (const check of sorted) {
          await createUsageRow(client, table, check);
          const usage = await client.query<{ spent: string }>(
            `SELECT spent_nano::text AS spent FROM ${table}_budget_usage WHERE budget_key = $1 AND period_start = $2 FOR UPDATE`,
            [check.key, check.periodStart],
          );
          // Reservations of processes that died mid-call stop counting after the TTL.
          await client.query(`DELETE FROM ${table}_budget_reservations WHERE budget_key = $1 AND period_start = $2 AND expires_at <= $3`, [
            check.key,
            check.periodStart,
            now,
          ]);
          const reserved = await client.query<{ reserved: string }>(
            `SELECT COALESCE(SUM(amount_nano), 0)::text AS reserved FROM ${table}_budget_reservations WHERE budget_key = $1 AND period_start = $2 AND expires_at > $3`,
            [check.key, check.periodStart, now],
          );
          standings.push({ check, spentNanoUsd: BigInt(usage.rows[0].spent), reservedNanoUsd: BigInt(reserved.rows[0].reserved) });
        }
        const { blocked, overLimit } = classifyStandings(standings, amount);
        if (blocked.length > 0) {
          await client.query('COMMIT');
          return refusedReservation(blocked);
        }
        const ids: string[] = [];
        for (const check of sorted) {
          const { rows } = await client.query<{ id: string }>(
            `INSERT INTO ${table}_budget_reservations (budget_key, period_start, amount_nano, expires_at) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
            [check.key, check.periodStart, amount.toString(), now + ttl],
          );
          ids.push(rows[0].id);
        }
        await client.query('COMMIT');
        return madeReservation(overLimit, (actual) => settle(pool, table, sorted, ids, actual ?? amount));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {},
  };
}

async function createUsageRow(client: pg.PoolClient, table: string, check: BudgetCheck): Promise<void> {
  const params: unknown[] = [check.key, check.periodStart];
  const where = ['time >= $2', 'cost_nano IS NOT NULL'];
  const { provider, alias, tag } = check.filter;
  if (provider !== undefined) where.push(`provider = $${params.push(provider)}`);
  if (alias !== undefined) where.push(`alias = $${params.push(alias)}`);
  if (tag !== undefined) where.push(`tags ->> $${params.push(tag.key)} = $${params.push(tag.value)}`);
  await client.query(
    `INSERT INTO ${table}_budget_usage (budget_key, period_start, spent_nano)
     SELECT $1, $2, COALESCE(SUM(cost_nano), 0) FROM ${table} WHERE ${where.join(' AND ')}
     ON CONFLICT (budget_key, period_start) DO NOTHING`,
    params,
  );
}

async function settle(pool: pg.Pool, table: string, checks: readonly BudgetCheck[], ids: string[], actual: bigint): Promise<void> {
  await inPostgresTransaction(pool, async (client) => {
    for (const check of checks) {
      await client.query(`UPDATE ${table}_budget_usage SET spent_nano = spent_nano + $3 WHERE budget_key = $1 AND period_start = $2`, [
        check.key,
        check.periodStart,
        actual.toString(),
      ]);
    }
    await client.query(`DELETE FROM ${table}_budget_reservations WHERE id = ANY($1::bigint[])`, [ids]);
  });
}
