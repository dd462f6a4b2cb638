import { formatNanoUsd } from '../metering/nano-usd.ts';
import type { Cost } from '../types/cost.ts';

/** A cost as the `x-switchyard-cost-usd` header and a stream's `switchyard.cost_usd`: exact decimal USD, or `unknown`. */
export function formatCostUsd(cost: Cost | null): string {
  return cost === null ? 'unknown' : formatNanoUsd(BigInt(cost.nanoUsd));
}
