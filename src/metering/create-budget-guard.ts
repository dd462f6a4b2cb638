import { BudgetExceededError } from '../errors/budget-exceeded-error.ts';
import type { BudgetReservation, MeterTarget } from '../types/meter.ts';
import type { BudgetRule } from './budget-rules.ts';
import type { BudgetStanding, BudgetStore } from './budget-store.ts';
import type { MeterEmit } from './meter-events.ts';
import { formatNanoUsd, nanoToUsd } from './nano-usd.ts';

/** The reservation of a call no budget covers: settling it does nothing. */
export const NO_RESERVATION: BudgetReservation = { settle() {} };

/** What the budget guard needs. */
export interface BudgetGuardSettings {
  rules: readonly BudgetRule[];
  store: BudgetStore;
  emit: MeterEmit;
  now: () => number;
  /** Keeps settle promises so `flush()` can wait for them. */
  track: (work: Promise<void>) => void;
}

/** Reserves worst-case costs against every budget covering a target; see `Meter.reserve`. */
export type BudgetGuard = (target: MeterTarget, estimateNanoUsd: number | null) => Promise<BudgetReservation>;

/**
 * Creates the reserve step of the meter. Hard budgets that cannot fit the worst case throw
 * `BudgetExceededError` (nothing is reserved); soft budgets let the call through and emit a `budget` event and a
 * `warning`, once per budget and period. When the estimate is unknown (no price) nothing can be reserved:
 * the call goes through with a `warning`, since its cost will not be known either.
 */
export function createBudgetGuard({ rules, store, emit, now, track }: BudgetGuardSettings): BudgetGuard {
  const warnedOver = new Set<string>();
  const warnedUnknown = new Set<string>();
  return async (target, estimate) => {
    const covering = rules.filter((rule) => rule.covers(target));
    if (covering.length === 0) return NO_RESERVATION;
    if (estimate === null) {
      const id = `${target.provider}\u0000${target.model}`;
      if (!warnedUnknown.has(id)) {
        warnedUnknown.add(id);
        emit('warning', {
          code: 'unknown-estimate',
          message: `Budgets cover ${target.provider}:${target.model} but its price is unknown, so calls to it cannot be counted: set providers.${target.provider}.prices.`,
          provider: target.provider,
          model: target.model,
        });
      }
      return NO_RESERVATION;
    }
    const at = now();
    const amount = BigInt(estimate);
    const outcome = await store.reserve(
      covering.map((rule) => rule.check(at)),
      amount,
      at,
    );
    if (outcome.blocked.length > 0) {
      for (const standing of outcome.blocked) emit('budget', event('blocked', standing, amount, target));
      const first = outcome.blocked[0];
      const path = covering.find((rule) => rule.name === first.check.name)?.path ?? 'budgets';
      throw new BudgetExceededError(
        `Budget "${first.check.name}" (${first.check.mode}, ${formatNanoUsd(first.check.limitNanoUsd, 2)} USD per ${first.check.period}) cannot fit this call to ${target.provider}:${target.model}: ` +
          `spent ${formatNanoUsd(first.spentNanoUsd, 6)} USD, reserved ${formatNanoUsd(first.reservedNanoUsd, 6)} USD, this call may cost up to ${formatNanoUsd(amount, 6)} USD. ` +
          `It resets at ${new Date(first.check.periodEnd).toISOString()}; raise ${path}.limitUsd to allow more.`,
        { budgets: outcome.blocked.map((s) => s.check.name), provider: target.provider },
      );
    }
    for (const standing of outcome.overLimit) {
      const id = `${standing.check.key}\u0000${standing.check.periodStart}`;
      if (warnedOver.has(id)) continue;
      warnedOver.add(id);
      emit('budget', event('over-limit', standing, amount, target));
      emit('warning', {
        code: 'budget-over-limit',
        message: `Soft budget "${standing.check.name}" is over its limit of ${formatNanoUsd(standing.check.limitNanoUsd, 2)} USD per ${standing.check.period}; calls continue.`,
        provider: target.provider,
      });
    }
    return {
      settle(cost) {
        track(outcome.settle(cost === null ? null : BigInt(cost.nanoUsd)));
      },
    };
  };
}

function event(action: 'blocked' | 'over-limit', s: BudgetStanding, amount: bigint, target: MeterTarget) {
  return {
    action,
    budget: s.check.name,
    mode: s.check.mode,
    period: s.check.period,
    periodStart: new Date(s.check.periodStart).toISOString(),
    limitUsd: nanoToUsd(s.check.limitNanoUsd),
    spentUsd: nanoToUsd(s.spentNanoUsd),
    reservedUsd: nanoToUsd(s.reservedNanoUsd),
    requestUsd: nanoToUsd(amount),
    provider: target.provider,
    alias: target.alias,
  };
}
