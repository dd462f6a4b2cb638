import type { LedgerRecord } from './ledger-record.ts';
import type { ReportDimension } from './report-dimension.ts';

/** What a report aggregates: attempts with `since <= time < until` (ms since the epoch), grouped by `groupBy`. */
export interface LedgerAggregateQuery {
  since: number;
  until: number;
  /** Zero or more dimensions; none gives one row for the whole period. */
  groupBy: readonly ReportDimension[];
}

/** One group of attempts, aggregated by the store (in SQL where the store has one). */
export interface LedgerAggregateRow {
  /** The group's value for each dimension of `groupBy`, in order (null when absent, e.g. an unset tag). */
  keys: Array<string | null>;
  /** Attempts. */
  requests: number;
  /** Attempts with outcome `error`. */
  errors: number;
  /** Attempts with outcome `aborted` (caller aborts and hedge losers). */
  aborted: number;
  /** Attempts whose cost is unknown (null): no price was known. */
  unpriced: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Sum of the known costs, exact. */
  costNanoUsd: bigint;
  /** Median latency of the successful attempts (linear interpolation, like SQL `percentile_cont`), or null. */
  latencyP50Ms: number | null;
  /** 95th percentile latency of the successful attempts, or null. */
  latencyP95Ms: number | null;
}

/** Which attempts' cost to add up (for budgets). Every given field must match. */
export interface LedgerCostFilter {
  /** From this time on (ms since the epoch, inclusive). */
  since: number;
  provider?: string | undefined;
  alias?: string | undefined;
  /** A tag that must have this value. */
  tag?: { key: string; value: string } | undefined;
}

/** The served version last seen for one alias, provider and model (for `switchyard pins`). */
export interface LastServedRow {
  alias: string;
  provider: string;
  requestedModel: string;
  servedModel: string;
  /** When it was served, ms since the epoch. */
  time: number;
}

/**
 * Where ledger records are kept. Implement this to plug in a custom store (pass it to `createMeterFromConfig`
 * as `ledgerStore`); `createMemoryLedgerStore` is the reference implementation.
 *
 * - `append` receives batches from the meter's writer, never from the request path; it must write a batch
 *   atomically (one transaction) and may be slow. It is never called concurrently with itself by one meter.
 * - `appendSync`, when present, is used to flush at process exit, when no promise can complete.
 * - Amounts are exact integers (bigint nano-USD); a null cost means the price was unknown and is not summed.
 */
export interface LedgerStore {
  /** A short name for messages (`sqlite:/path`, `postgres`, `memory`). */
  readonly name: string;
  /** Writes one batch of records in one transaction. */
  append(records: readonly LedgerRecord[]): Promise<void>;
  /** Writes one batch synchronously (stores that can: node:sqlite). */
  appendSync?: ((records: readonly LedgerRecord[]) => void) | undefined;
  /** Aggregates attempts for a report. */
  aggregate(query: LedgerAggregateQuery): Promise<LedgerAggregateRow[]>;
  /** The sum of the known costs of matching attempts, exact. */
  sumCost(filter: LedgerCostFilter): Promise<bigint>;
  /** The served version last seen per alias, provider and requested model. */
  lastServed(): Promise<LastServedRow[]>;
  /** Releases the store (connections, file handles). Records not yet appended are not the store's concern. */
  close(): Promise<void>;
}

/** An aggregate row with nothing counted yet, for a group. */
export function emptyAggregateRow(keys: Array<string | null>): LedgerAggregateRow {
  return {
    keys,
    requests: 0,
    errors: 0,
    aborted: 0,
    unpriced: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    costNanoUsd: 0n,
    latencyP50Ms: null,
    latencyP95Ms: null,
  };
}
