/** Which limit a target was skipped at (`reason` starts with `limit:`). */
export interface AttemptLimit {
  /**
   * `requestsPerMinute`, `tokensPerMinute`, `maxConcurrency` (the config's `limits`), `learnedConcurrency` (learned from
   * the provider's concurrency refusals) or `providerSignal` (the provider said it is exhausted: rate-limit headers, 429).
   */
  name: 'requestsPerMinute' | 'tokensPerMinute' | 'maxConcurrency' | 'learnedConcurrency' | 'providerSignal';
  /** The provider's limits (shared by its targets) or this target's own. */
  scope: 'provider' | 'target';
  /** Where it is configured (`providers.azure-east.limits`), or which signal (`x-ratelimit-remaining-requests: 0`). */
  path: string;
  /** How long until capacity may free, in ms, where known. */
  retryAfterMs?: number | undefined;
}

/** One attempt the router made (or skipped) while serving a call. */
export interface Attempt {
  /** The provider's config id. */
  provider: string;
  /** The model sent (an Azure deployment name, a model id). */
  model: string;
  /** `success`, `error`, `skipped` (not tried: capability, policy, open circuit, limit, budget) or `aborted` (cancelled, or lost a hedge). */
  outcome: 'success' | 'error' | 'skipped' | 'aborted';
  /** The error's stable code, for `error` and `aborted`. */
  errorCode?: string | undefined;
  /** Why it was skipped, failed or aborted, in words. */
  reason?: string | undefined;
  /** Wall time of the attempt in milliseconds (0 when skipped). */
  latencyMs: number;
  /** For a target skipped at a limit: which one. */
  limit?: AttemptLimit | undefined;
}
