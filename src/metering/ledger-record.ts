import type { AttemptEndEvent } from '../types/attempt-event.ts';
import type { CapacityTier } from '../types/capacity-tier.ts';

/**
 * One row of the ledger: one attempt that reached a provider (success, error, abort, hedge loser).
 * Token counts follow the `Usage` rule (cached is part of input, reasoning part of output).
 */
export interface LedgerRecord {
  /** When the attempt started, ms since the epoch (UTC). Reports filter and group by it. */
  time: number;
  /** The alias the call was routed by (`providerId:model` for direct calls). */
  alias: string;
  /** The provider's config id. */
  provider: string;
  /** The provider's type (`openai`, `azure-openai`, …). */
  providerType: string;
  /** `chat`, `stream` or `embed`. */
  operation: string;
  /** The model sent on the wire (Azure: the deployment). */
  requestedModel: string;
  /** The model version the provider said it served, or null. */
  servedModel: string | null;
  /** The API version the provider is pinned to, or null. */
  apiVersion: string | null;
  /** The provider's request id, or null. */
  requestId: string | null;
  /** `success`, `error` or `aborted`. */
  outcome: 'success' | 'error' | 'aborted';
  /** The error's stable code, or null. */
  errorCode: string | null;
  /** Wall time of the attempt in milliseconds. */
  latencyMs: number;
  /** Time to the first content part (streams), or null. */
  ttftMs: number | null;
  /** All prompt tokens, cached included. */
  inputTokens: number;
  /** Prompt tokens read from a cache (part of `inputTokens`). */
  cachedInputTokens: number;
  /** Prompt tokens written to a cache (part of `inputTokens`). */
  cacheWriteTokens: number;
  /** Billed output tokens, reasoning included. */
  outputTokens: number;
  /** Reasoning tokens (part of `outputTokens`). */
  reasoningTokens: number;
  /**
   * The cost in exact nano-USD (0 for capacity-billed providers and for error answers, which bill nothing), or null
   * when it is unknown: no price was known, or the attempt ended (aborted, timed out, cut off) before any usage was reported.
   */
  costNanoUsd: bigint | null;
  /** The request's metering tags. */
  tags: Record<string, string>;
  /** 1 for the first attempt of the call, counting retries, failovers and hedges. */
  attempt: number;
  /** True when the attempt was started as a hedge. */
  hedge: boolean;
  /** The pinned version when the served version drifted from it (issue 6), else null. */
  drift: string | null;
  /**
   * The capacity tier that served the attempt (`provisioned`, `spillover`, `on-demand`, `priority`, `flex`, `standard`),
   * or null when unknown: a tier the provider named that Switchyard does not know, a failure that says nothing, a
   * record written before the column existed.
   */
  capacity: CapacityTier | null;
  /** The deployment that actually served, when it differs from the one addressed (Azure spillover), else null. */
  servedDeployment: string | null;
}

/** An attempt-end event, optionally carrying the pinned version it drifted from (recorded as `drift`). */
export type LedgerAttemptEvent = AttemptEndEvent & { drift?: string | null };

/** Maps an attempt-end event and its cost to a ledger record. */
export function toLedgerRecord(event: LedgerAttemptEvent, costNanoUsd: bigint | null): LedgerRecord {
  const usage = event.usage;
  return {
    time: event.startedAt,
    alias: event.alias,
    provider: event.provider,
    providerType: event.providerType,
    operation: event.operation,
    requestedModel: event.model,
    servedModel: event.servedModel ?? null,
    apiVersion: event.apiVersion ?? null,
    requestId: event.requestId ?? null,
    outcome: event.outcome,
    errorCode: event.errorCode ?? null,
    latencyMs: event.latencyMs,
    ttftMs: event.ttftMs ?? null,
    inputTokens: usage?.inputTokens ?? 0,
    cachedInputTokens: usage?.cachedInputTokens ?? 0,
    cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    costNanoUsd,
    tags: event.tags ?? {},
    attempt: event.attempt,
    hedge: event.hedge,
    drift: event.drift ?? null,
    capacity: event.capacity?.tier ?? null,
    servedDeployment: event.capacity?.deployment ?? null,
  };
}
