import type { LedgerCostFilter } from './ledger-store.ts';

/** One budget as checked at one moment: its current period and limit. */
export interface BudgetCheck {
  /** A stable identity (name and selectors, not the limit), shared by every process using the same config. */
  key: string;
  /** The budget's name, for messages. */
  name: string;
  /** `hard` blocks calls that do not fit; `soft` lets them through and warns. */
  mode: 'hard' | 'soft';
  /** `day` or `month` (UTC). */
  period: 'day' | 'month';
  /** Start of the current period, ms since the epoch (UTC midnight, or the first of the month). */
  periodStart: number;
  /** Start of the next period, ms since the epoch. */
  periodEnd: number;
  /** The limit in nano-USD. */
  limitNanoUsd: bigint;
  /** Which ledger attempts count, to read the spend of a period first seen after a restart. */
  filter: LedgerCostFilter;
}

/** A budget's standing at the moment of a reservation. */
export interface BudgetStanding {
  check: BudgetCheck;
  /** Settled spend of the period (known costs). */
  spentNanoUsd: bigint;
  /** Outstanding reservations, before this one. */
  reservedNanoUsd: bigint;
}

/** The outcome of a reservation against several budgets at once. */
export interface BudgetReserveOutcome {
  /** Hard budgets that cannot fit the amount. When any, nothing was reserved. */
  blocked: BudgetStanding[];
  /** Soft budgets that the reservation takes (or keeps) over their limit. */
  overLimit: BudgetStanding[];
  /** Replaces the reservation with the actual cost (null: unknown, the reserved amount counts as spent). */
  settle(actualNanoUsd: bigint | null): Promise<void>;
}

/**
 * Where budget spend and reservations live. The memory store serves one process; the PostgreSQL store
 * serves every process sharing the database (row locks in one transaction per reservation).
 * Implementations must make `reserve` atomic across all of `checks`: either every budget gets the
 * reservation, or (when a hard one is blocked) none does.
 */
export interface BudgetStore {
  reserve(checks: readonly BudgetCheck[], amountNanoUsd: bigint, now: number): Promise<BudgetReserveOutcome>;
  close(): Promise<void>;
}

/** True when `amount` does not fit the standing's budget. A zero amount always fits. */
export function exceedsLimit(standing: BudgetStanding, amountNanoUsd: bigint): boolean {
  return amountNanoUsd > 0n && standing.spentNanoUsd + standing.reservedNanoUsd + amountNanoUsd > standing.check.limitNanoUsd;
}

/** Splits standings into the hard budgets `amount` does not fit (`blocked`) and the soft ones it takes over their limit. */
export function classifyStandings(standings: readonly BudgetStanding[], amountNanoUsd: bigint): { blocked: BudgetStanding[]; overLimit: BudgetStanding[] } {
  return {
    blocked: standings.filter((s) => s.check.mode === 'hard' && exceedsLimit(s, amountNanoUsd)),
    overLimit: standings.filter((s) => s.check.mode === 'soft' && s.spentNanoUsd + s.reservedNanoUsd + amountNanoUsd > s.check.limitNanoUsd),
  };
}

/** The outcome when hard budgets cannot fit the amount: nothing was reserved, settling does nothing. */
export function refusedReservation(blocked: BudgetStanding[]): BudgetReserveOutcome {
  return { blocked, overLimit: [], settle: async () => {} };
}

/** The outcome of a reservation that was made: `settle` runs `apply` once; later calls do nothing. */
export function madeReservation(overLimit: BudgetStanding[], apply: (actualNanoUsd: bigint | null) => void | Promise<void>): BudgetReserveOutcome {
  let settled = false;
  return {
    blocked: [],
    overLimit,
    async settle(actual) {
      if (settled) return;
      settled = true;
      await apply(actual);
    },
  };
}
