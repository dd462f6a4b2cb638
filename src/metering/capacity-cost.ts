import type { BillingConfig } from './metering-config-schema.ts';
import { parseDecimal, usdToNano } from './nano-usd.ts';

/** A provider billed for capacity by the hour rather than per token (Azure PTU, dedicated CoreWeave GPUs). */
export type CapacityBilling = Exclude<BillingConfig, { type: 'per-token' }>;

const MS_PER_HOUR = 3_600_000n;
const UNIT_SCALE = 1_000_000_000n;

/** True when `billing` charges by the hour: such a provider's attempts cost 0 per token (no double charge). */
export function isCapacityBilling(billing: BillingConfig | undefined): billing is CapacityBilling {
  return billing !== undefined && billing.type !== 'per-token';
}

/**
 * The exact capacity cost, in nano-USD, of the slice `[from, to)` (ms since the epoch) of a period that starts at
 * `origin`: units (or GPUs) × hourly rate × hours, whether or not requests were served. Each slice is the
 * difference of two cumulative amounts rounded from `origin`, so consecutive slices (the days of a report)
 * always add up to the cost of the whole period, to the nano-USD.
 */
export function capacityCostNano(billing: CapacityBilling, origin: number, from: number, to: number): bigint {
  if (to <= from) return 0n;
  return cumulative(billing, to - origin) - cumulative(billing, from - origin);
}

/**
 * How many tokens the capacity could serve in `ms` milliseconds, or null when no throughput is configured
 * (`tokensPerMinutePerUnit` for provisioned, `tokensPerSecondPerGpu` for gpu-hours).
 */
export function capacityTokens(billing: CapacityBilling, ms: number): number | null {
  if (billing.type === 'provisioned') {
    return billing.tokensPerMinutePerUnit === undefined ? null : billing.tokensPerMinutePerUnit * billing.units * (ms / 60_000);
  }
  return billing.tokensPerSecondPerGpu === undefined ? null : billing.tokensPerSecondPerGpu * billing.gpus * (ms / 1000);
}

function cumulative(billing: CapacityBilling, ms: number): bigint {
  const [count, hourly] = billing.type === 'provisioned' ? [billing.units, billing.hourlyUsdPerUnit] : [billing.gpus, billing.hourlyUsdPerGpu];
  const numerator = usdToNano(hourly) * parseDecimal(count, 9) * BigInt(Math.round(ms));
  const denominator = UNIT_SCALE * MS_PER_HOUR;
  return (numerator + denominator / 2n) / denominator;
}
