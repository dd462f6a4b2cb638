import type { ReportDimension } from './report-dimension.ts';

/** What `costReport` takes. */
export interface CostReportOptions {
  /** Start (inclusive): a Date, ms since the epoch, an ISO date/date-time (UTC), or a span back from now (`7d`, `24h`). */
  since: Date | number | string;
  /** End (exclusive), same forms. @default now */
  until?: Date | number | string | undefined;
  /** Dimensions to group by, in order. @default ['provider'] */
  groupBy?: readonly ReportDimension[] | undefined;
}

/** One row of a cost report: one group, or the total. Amounts are exact bigints; `…Usd` numbers are for display. */
export interface CostReportRow {
  /** The group's value per dimension (null when absent, e.g. capacity of a provider that served nothing). */
  group: Record<string, string | null>;
  /** Attempts (every attempt that reached a provider). */
  requests: number;
  /** Attempts that failed. */
  errors: number;
  /** Attempts aborted (by the caller, or hedges that lost). */
  aborted: number;
  /** Attempts with no known price: their cost is not in the amounts. */
  unpriced: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Per-token cost, exact. */
  tokenCostNanoUsd: bigint;
  /** Capacity cost (provisioned, GPU-hours) charged to this group, exact. */
  capacityCostNanoUsd: bigint;
  /** Token cost plus capacity cost, exact. */
  costNanoUsd: bigint;
  tokenCostUsd: number;
  capacityCostUsd: number;
  costUsd: number;
  /** Cost per million tokens served (input + output), or null when no tokens were served. */
  usdPerMillionTokens: number | null;
  /** Share of the configured capacity this group used (0..1+), for capacity-billed providers with a throughput. */
  utilisation: number | null;
  /** Median latency of successful attempts, ms. */
  latencyP50Ms: number | null;
  /** 95th percentile latency of successful attempts, ms. */
  latencyP95Ms: number | null;
}

/** One UTC hour of a capacity-billed provider: what its capacity served, and what spilled over. */
export interface CapacityHour {
  /** The UTC hour, `YYYY-MM-DDTHH`. */
  hour: string;
  /** Input plus output tokens served on the capacity in the hour. */
  tokensServed: number;
  /** Input plus output tokens that spilled over to pay-as-you-go in the hour (Azure spillover). */
  spilledTokens: number;
  /** Tokens the capacity could have served in the hour (its part of the hour within the period), or null without a throughput. */
  capacityTokens: number | null;
  /** `tokensServed / capacityTokens` (0..1, above 1 when the throughput is set too low), or null. */
  utilisation: number | null;
  /** `spilledTokens / (tokensServed + spilledTokens)`, or null when nothing was served. */
  spilledShare: number | null;
}

/** The capacity of one capacity-billed provider over the report's period. */
export interface CapacityLine {
  provider: string;
  billing: 'provisioned' | 'gpu-hours';
  /** Hours in the period. */
  hours: number;
  /** Units × hourly rate × hours, exact. */
  costNanoUsd: bigint;
  costUsd: number;
  /** Input plus output tokens served on the capacity in the period (attempts whose capacity is `provisioned`, or unknown). */
  tokensServed: number;
  /** Tokens the capacity could have served, or null when no throughput is configured. */
  capacityTokens: number | null;
  /** `tokensServed / capacityTokens`, or null. */
  utilisation: number | null;
  /** The highest hourly utilisation, or null. */
  peakUtilisation: number | null;
  /** Capacity cost per million tokens served on it, or null when nothing was served. */
  usdPerMillionTokens: number | null;
  /** Input plus output tokens that spilled over to pay-as-you-go (Azure spillover). */
  spilledTokens: number;
  /** `spilledTokens / (tokensServed + spilledTokens)`, or null when nothing was served: how much did not fit. */
  spilledShare: number | null;
  /** What the spilled-over attempts cost per token, exact (already in the token cost). */
  spilledCostNanoUsd: bigint;
  spilledCostUsd: number;
  /** Every UTC hour of the period, in order: utilisation and spilled share per hour, to size the capacity. */
  hourly: CapacityHour[];
}

/**
 * A cost report over `[since, until)`. Amounts are exact bigints (nano-USD); `JSON.stringify(report)` writes each as
 * a decimal string of the same integer (`"1234500000"`), which no JSON parser rounds, and everything else as is.
 */
export interface CostReport {
  since: number;
  until: number;
  groupBy: readonly ReportDimension[];
  /** One row per group, sorted by group values. */
  rows: CostReportRow[];
  /** The whole period (its amounts equal the sum of the rows, exactly). */
  total: CostReportRow;
  /** Capacity-billed providers. */
  capacity: CapacityLine[];
  /** Things the reader should know (unpriced attempts). */
  warnings: string[];
}
