import type { ServedCapacity } from '../../src/types/served-capacity.ts';

// One frozen object per known value: nothing is allocated per response.
const KNOWN: Record<string, ServedCapacity> = {
  ON_DEMAND: Object.freeze({ tier: 'on-demand', raw: 'ON_DEMAND' }),
  ON_DEMAND_PRIORITY: Object.freeze({ tier: 'priority', raw: 'ON_DEMAND_PRIORITY' }),
  ON_DEMAND_FLEX: Object.freeze({ tier: 'flex', raw: 'ON_DEMAND_FLEX' }),
  PROVISIONED_THROUGHPUT: Object.freeze({ tier: 'provisioned', raw: 'PROVISIONED_THROUGHPUT' }),
};

/**
 * The capacity `usageMetadata.trafficType` names (the `TrafficType` enum of `@google/genai`: `ON_DEMAND` "processed
 * using Pay-As-You-Go quota", `ON_DEMAND_PRIORITY`, `ON_DEMAND_FLEX`, `PROVISIONED_THROUGHPUT`). Any other value
 * (`ON_DEMAND_OFFPEAK`, `TRAFFIC_TYPE_UNSPECIFIED`, one added later) gives tier null with the value in `raw`, so that
 * its cost is unknown, with a warning, rather than the on-demand price. Undefined when the response has none.
 */
export function mapVertexTrafficType(raw: string | undefined): ServedCapacity | undefined {
  if (raw === undefined || raw === '') return undefined;
  return KNOWN[raw] ?? { tier: null, raw };
}
