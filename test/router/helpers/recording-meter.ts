import { BudgetExceededError } from '../../../src/errors/budget-exceeded-error.ts';
import type { AttemptEndEvent } from '../../../src/types/attempt-event.ts';
import type { Cost } from '../../../src/types/cost.ts';
import type { BudgetReservation, Meter, MeterTarget } from '../../../src/types/meter.ts';
import type { Usage } from '../../../src/types/usage.ts';

/** A meter for tests: prices at `nanoPerToken` per provider, optional budget refusals, and a log of every call. */
export interface RecordingMeter extends Meter {
  records: AttemptEndEvent[];
  reserved: MeterTarget[];
  settled: Array<Cost | null>;
  flushed: number;
  closed: boolean;
}

export function createRecordingMeter(options: { nanoPerToken?: Record<string, number>; overBudget?: string[]; estimates?: Record<string, number> } = {}): RecordingMeter {
  const meter: RecordingMeter = {
    records: [],
    reserved: [],
    settled: [],
    flushed: 0,
    closed: false,
    price(target: MeterTarget, usage: Usage): Cost | null {
      const rate = options.nanoPerToken?.[target.provider];
      if (rate === undefined) return null;
      const nanoUsd = usage.totalTokens * rate;
      return { nanoUsd, usd: nanoUsd / 1e9 };
    },
    estimate(target: MeterTarget): number | null {
      return options.estimates?.[target.provider] ?? null;
    },
    async reserve(target: MeterTarget): Promise<BudgetReservation> {
      if (options.overBudget?.includes(target.provider)) {
        throw new BudgetExceededError(`Budget "daily-${target.provider}" (hard, 1 USD per day) cannot fit this call.`, { budgets: [`daily-${target.provider}`], provider: target.provider });
      }
      meter.reserved.push(target);
      return { settle: (cost) => meter.settled.push(cost) };
    },
    record(event: AttemptEndEvent) {
      meter.records.push(event);
    },
    async flush() {
      meter.flushed++;
    },
    async close() {
      meter.closed = true;
    },
  };
  return meter;
}
