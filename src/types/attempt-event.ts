import type { Cost } from './cost.ts';
import type { ServedCapacity } from './served-capacity.ts';
import type { Usage } from './usage.ts';

/** Emitted (`attempt-start`) when the router sends a request to one target. */
export interface AttemptStartEvent {
  /** The alias the call was routed by (`providerId:model` for direct calls). */
  alias: string;
  /** The provider's config id. */
  provider: string;
  /** The provider's type (`openai`, `azure-openai`, …). */
  providerType: string;
  /** The model sent on the wire. */
  model: string;
  /** The operation. */
  operation: 'chat' | 'stream' | 'embed';
  /** 1 for the first attempt of the call, counting every retry, failover and hedge. */
  attempt: number;
  /** True when this attempt was started as a hedge. */
  hedge: boolean;
  /** When it started (ms since the epoch). */
  startedAt: number;
}

/**
 * Emitted (`attempt-end`) for every attempt that reached a provider, whatever the outcome;
 * this is what the ledger records. Skipped targets are not attempts and get no event.
 */
export interface AttemptEndEvent extends AttemptStartEvent {
  /** How it ended. `aborted` covers a caller's abort and a hedge that lost. */
  outcome: 'success' | 'error' | 'aborted';
  /** The error's stable code, when not a success. */
  errorCode?: string | undefined;
  /** The error's message (never a secret), when not a success. */
  errorMessage?: string | undefined;
  /** The model version the provider said it served. */
  servedModel?: string | undefined;
  /**
   * The pinned version, when `servedModel` drifted from it (version pinning; the ledger's `drift` column).
   * Set on successes under `versions.onDrift: warn` and on `version_drift` errors.
   */
  drift?: string | undefined;
  /** The API version the provider is pinned to. */
  apiVersion?: string | undefined;
  /** The provider's request id. */
  requestId?: string | undefined;
  /** Wall time of the attempt in milliseconds. */
  latencyMs: number;
  /** Time to the first content part, for streams. */
  ttftMs?: number | undefined;
  /** Usage, where the provider reported it (also for a stream cut off after its usage arrived). */
  usage?: Usage | undefined;
  /** The metering tags of the request. */
  tags?: Record<string, string> | undefined;
  /** The cost, when metering priced it; null when the price is unknown. */
  cost?: Cost | null | undefined;
  /**
   * The capacity that served (or answered) the attempt, as on the result: its tier (the ledger's `capacity`
   * column) and the deployment that served when it differs from the one addressed (the ledger's `servedDeployment`).
   */
  capacity?: ServedCapacity | undefined;
}
