import type { RedisStateContext } from '../state/redis-state-context.ts';
import { classifyStandings, madeReservation, refusedReservation, type BudgetCheck, type BudgetReserveOutcome, type BudgetStanding, type BudgetStore } from './budget-store.ts';
import type { LedgerCostFilter } from './ledger-store.ts';

/** A budget period's key lives this long after the period ends, in ms (reports of the last period, late settlements). */
const KEEP_AFTER_PERIOD_MS = 2 * 86_400_000;

const NOT_TAKEN: BudgetReserveOutcome = { blocked: [], overLimit: [], settle: async () => {} };

/** A budget period as this instance counts it while Redis is away. */
interface LocalPeriod {
  /** The fleet's spend and reservations when last seen in Redis (or the ledger's spend), nano-USD. */
  base: bigint;
  /** This instance's settled spend since it counts alone. */
  spent: bigint;
  /** This instance's open reservations. */
  reserved: bigint;
}

/**
 * Creates a budget store kept in Redis beside the rest of the shared state (`state.type: redis`): exact across every
 * instance without PostgreSQL. A reservation is one operation of the attempt's admission script (with its limits: one
 * round trip), checked and taken atomically for every covering budget; settling is batched off the request path. A
 * period missing from Redis (a new day, or Redis lost its data) starts from the ledger's spend (`initialSpend`), once,
 * set only if no other instance set it first. Reservations never settled (a process that died) stop counting after
 * 15 minutes. While Redis is away (`onUnavailable: local`), each instance may spend its share of what was left (the
 * remainder divided by the instances last seen) and adds its spend to Redis once it is back.
 */
export function createRedisBudgetStore(ctx: RedisStateContext, initialSpend: (filter: LedgerCostFilter) => Promise<bigint>): BudgetStore {
  const known = new Map<string, bigint>();
  const local = new Map<string, LocalPeriod>();
  /** Spend settled while Redis was away, per period key: added to Redis on reconnect. */
  const away = new Map<string, bigint>();
  const keyOf = (check: BudgetCheck) => `${ctx.keyPrefix}b:${check.key}:${check.periodStart}`;

  ctx.onSync(() => {
    const ops: string[] = [];
    const written = new Map(away);
    for (const [key, amount] of written) if (amount > 0n) ops.push('a', key, amount.toString());
    away.clear();
    local.clear();
    return { ops, count: ops.length / 3, undo: () => written.forEach((amount, key) => addAway(key, amount)) };
  });

  const addAway = (key: string, amount: bigint) => away.set(key, (away.get(key) ?? 0n) + amount);

  async function reserveLocally(checks: readonly BudgetCheck[], amount: bigint): Promise<BudgetReserveOutcome> {
    if (ctx.onUnavailable === 'fail') throw ctx.link.unavailableError();
    const share = BigInt(ctx.instances());
    const periods: Array<{ key: string; check: BudgetCheck; period: LocalPeriod }> = [];
    for (const check of checks) {
      const key = keyOf(check);
      let period = local.get(key);
      if (!period) {
        const base = known.get(key) ?? (await initialSpend(check.filter).catch(() => 0n));
        period = local.get(key) ?? { base, spent: 0n, reserved: 0n };
        local.set(key, period);
      }
      periods.push({ key, check, period });
    }
    // Each instance may use its share of what the fleet had left; shown as if that share were the whole budget.
    const standings = periods.map(({ check, period }): BudgetStanding => {
      const allowance = check.limitNanoUsd > period.base ? (check.limitNanoUsd - period.base) / share : 0n;
      return { check: { ...check, limitNanoUsd: period.base + allowance }, spentNanoUsd: period.base + period.spent, reservedNanoUsd: period.reserved };
    });
    const { blocked, overLimit } = classifyStandings(standings, amount);
    if (blocked.length > 0) return refusedReservation(blocked);
    for (const { period } of periods) period.reserved += amount;
    return madeReservation(overLimit, (actual) => {
      const cost = actual ?? amount;
      for (const { key, period } of periods) {
        period.reserved -= amount;
        period.spent += cost;
        addAway(key, cost);
      }
    });
  }

  async function reserve(checks: readonly BudgetCheck[], amount: bigint, now: number, init?: Map<string, bigint>): Promise<BudgetReserveOutcome> {
    if (!ctx.link.up) return reserveLocally(checks, amount);
    const minute = String(Math.floor(now / 60_000));
    const ops: string[] = [];
    for (const check of checks) {
      const key = keyOf(check);
      ops.push('B', key, check.limitNanoUsd.toString(), amount.toString(), check.mode === 'hard' ? '1' : '0', String(check.periodEnd + KEEP_AFTER_PERIOD_MS), minute, init?.get(key)?.toString() ?? '');
    }
    let part;
    try {
      part = await ctx.admit(ops, checks.length);
    } catch (error) {
      if (ctx.onUnavailable === 'fail') throw error;
      return reserveLocally(checks, amount);
    }
    if (part.status === 'not-taken') return NOT_TAKEN;
    if (part.status === 'init') {
      // A period Redis does not have: its spend so far comes from the ledger (the first instance to set it wins).
      const values = new Map<string, bigint>();
      await Promise.all(
        checks.map(async (check, i) => {
          if (part.results[i] === null) values.set(keyOf(check), await initialSpend(check.filter).catch(() => 0n));
        }),
      );
      if (init) throw new Error('a budget period could not be loaded into Redis');
      return reserve(checks, amount, now, values);
    }
    const standings = checks.map((check, i): BudgetStanding => {
      const [spent, reserved] = part.results[i] as [number, number];
      known.set(keyOf(check), BigInt(spent) + BigInt(reserved));
      return { check, spentNanoUsd: BigInt(spent), reservedNanoUsd: BigInt(reserved) };
    });
    const { blocked, overLimit } = classifyStandings(standings, amount);
    if (part.status === 'blocked' || blocked.length > 0) return refusedReservation(blocked);
    return madeReservation(overLimit, (actual) => {
      const cost = actual ?? amount;
      const settleOps: string[] = [];
      for (const check of checks) settleOps.push('b', keyOf(check), minute, amount.toString(), cost.toString());
      return new Promise<void>((resolve) => {
        const onFailed = () => {
          // Redis away: the reservation expires on its own; the spend is added once it is back.
          for (const check of checks) addAway(keyOf(check), cost);
          resolve();
        };
        if (!ctx.link.up) onFailed();
        else ctx.enqueue(settleOps, checks.length, () => resolve(), onFailed);
      });
    });
  }

  return {
    reserve: (checks, amount, now) => reserve(checks, amount, now),
    async close() {},
  };
}
