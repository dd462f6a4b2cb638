import type { Attempt } from './attempt.ts';
import type { Cost } from './cost.ts';
import type { FinishReason } from './finish-reason.ts';
import type { RateLimitInfo } from './rate-limit-info.ts';
import type { ServedCapacity } from './served-capacity.ts';
import type { Usage } from './usage.ts';
import type { Warning } from './warning.ts';

/** What every finished call reports, in `ChatResult` and in a stream's `finish` part. */
export interface CallMetadata {
  /** Why generation ended. */
  finishReason: FinishReason;
  /** The provider's own finish reason, as sent (`stop`, `MAX_TOKENS`, …), or null when none was sent. */
  rawFinishReason: string | null;
  /** Token usage; see `Usage` for the counting rule. */
  usage: Usage;
  /** The model version the provider says it served (`model`, Vertex `modelVersion`). */
  model: string;
  /** The provider's request id (`x-request-id`, `apim-request-id`), else the response id. */
  requestId?: string | undefined;
  /** Settings that were not applied as asked. */
  warnings: Warning[];
  /** Rate-limit headroom reported on the response, where the provider sends it. */
  rateLimit?: RateLimitInfo | undefined;
  /** The content-filter categories that fired, when `finishReason` is `content-filter`. */
  contentFilter?: { categories: string[]; raw?: unknown } | undefined;
  /** The provider's config id (set by the router; an adapter sets its own id). */
  provider?: string | undefined;
  /** Every attempt the router made for this call (set by the router). */
  attempts?: Attempt[] | undefined;
  /** The cost of this call, or null when a price is unknown (set when metering is on). */
  cost?: Cost | null | undefined;
  /**
   * The capacity tier that served the call: what the answer said (Azure spillover headers, Vertex `trafficType`,
   * OpenAI `service_tier`), completed by the router from the config when the answer says nothing (an Azure
   * provisioned deployment's own answer). Absent when nothing is known.
   */
  capacity?: ServedCapacity | undefined;
}
