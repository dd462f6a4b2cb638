/** One attempt the router made (or skipped) while serving a call. */
export interface Attempt {
  /** The provider's config id. */
  provider: string;
  /** The model sent (an Azure deployment name, a model id). */
  model: string;
  /** `success`, `error`, `skipped` (not tried: capability, policy, open circuit, budget) or `aborted` (cancelled, or lost a hedge). */
  outcome: 'success' | 'error' | 'skipped' | 'aborted';
  /** The error's stable code, for `error` and `aborted`. */
  errorCode?: string;
  /** Why it was skipped, failed or aborted, in words. */
  reason?: string;
  /** Wall time of the attempt in milliseconds (0 when skipped). */
  latencyMs: number;
}
