import type { CapacityTier } from './capacity-tier.ts';

/**
 * The capacity that served (or answered) an attempt, as the provider said it (Azure spillover headers, Vertex
 * `usageMetadata.trafficType`, OpenAI `service_tier`) or, through the router, as the config implies when the answer
 * says nothing (a provisioned deployment's own answer carries no marker).
 */
export interface ServedCapacity {
  /**
   * The tier, or null when it is unknown: the provider named a tier Switchyard does not know (`raw` holds it; such an
   * attempt's cost is unknown rather than guessed), or nothing tells.
   */
  tier: CapacityTier | null;
  /** The provider's own value, as sent: `PROVISIONED_THROUGHPUT`, `ON_DEMAND_FLEX`, `flex`, `default`, the spillover header. */
  raw?: string | undefined;
  /** The deployment that served, when it differs from the one addressed (Azure: the spillover deployment). */
  deployment?: string | undefined;
  /**
   * Azure: spillover was tried and failed, so the provisioned deployment's own answer (usually its 429) came back;
   * the status the spillover deployment answered, from `x-ms-spillover-error` (`429`, `500`).
   */
  spilloverError?: string | undefined;
}
