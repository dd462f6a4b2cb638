import { classifyStandings, madeReservation, refusedReservation, type BudgetCheck, type BudgetStanding, type BudgetStore } from './budget-store.ts';
import type { LedgerCostFilter } from './ledger-store.ts';

interface PeriodState {
  spent: bigint;
  reserved: bigint;
}

/**
 * Creates a budget store in this process's memory. A period seen for the first time starts from the spend
 * already in the ledger (`initialSpend`), so a restart does not reset a budget; after that the check and the
 * reservation run with no await between them, so concurrent calls in this process cannot overspend.
 * Several processes sharing one budget need the PostgreSQL store.
 */
export function createMemoryBudgetStore(initialSpend: (filter: LedgerCostFilter) => Promise<bigint> = async () => 0n): BudgetStore {
  const states = new Map<string, PeriodState>();
  const loading = new Map<string, Promise<void>>();

  const load = (check: BudgetCheck): Promise<void> | undefined => {
    const id = `${check.key}\u0000${check.periodStart}`;
    if (states.has(id)) return undefined;
    let pending = loading.get(id);
    if (!pending) {
      pending = initialSpend(check.filter)
        .catch(() => 0n)
        .then((spent) => {
          states.set(id, { spent, reserved: 0n });
          loading.delete(id);
        });
      loading.set(id, pending);
    }
    return pending;
  };

  return {
    async reserve(checks, amount) {
      const waits = checks.map(load).filter((p) => p !== undefined);
      if (waits.length > 0) await Promise.all(waits);
      // From here to the end: no await, so the check and the reservation are one step.
      const entries = checks.map((check) => ({ check, state: states.get(`${check.key}\u0000${check.periodStart}`) as PeriodState }));
      const standings = entries.map(({ check, state }): BudgetStanding => ({ check, spentNanoUsd: state.spent, reservedNanoUsd: state.reserved }));
      const { blocked, overLimit } = classifyStandings(standings, amount);
      if (blocked.length > 0) return refusedReservation(blocked);
      for (const { state } of entries) state.reserved += amount;
      return madeReservation(overLimit, (actual) => {
        for (const { state } of entries) {
          state.reserved -= amount;
          state.spent += actual ?? amount;
        }
      });
    },
    async close() {},
  };
}
