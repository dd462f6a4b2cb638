import type { Attempt } from './attempt.ts';
import type { Cost } from './cost.ts';
import type { Usage } from './usage.ts';
import type { Warning } from './warning.ts';

/** The result of an embedding call. */
export interface EmbedResult {
  /** One vector per input, in input order. */
  embeddings: number[][];
  /** Usage: `inputTokens` (and `totalTokens`); output counts are 0. */
  usage: Usage;
  /** The model the provider says it served. */
  model: string;
  /** The provider's request id, where sent. */
  requestId?: string | undefined;
  /** Settings that were not applied as asked. */
  warnings: Warning[];
  /** The provider's config id (set by the router). */
  provider?: string | undefined;
  /** Every attempt the router made (set by the router). */
  attempts?: Attempt[] | undefined;
  /** The cost, or null when unknown (set when metering is on). */
  cost?: Cost | null | undefined;
}
