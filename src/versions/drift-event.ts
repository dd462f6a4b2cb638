/**
 * Emitted (`drift`) when a response's served version differs from the target's pin, whatever the policy.
 * A type alias (not an interface) so that it fits event maps typed as `Record<string, unknown>`.
 */
export type DriftEvent = {
  /** The alias the call was routed by, when the wrapper knows it. */
  alias?: string;
  /** The provider's id (its config id when created from a config). */
  provider: string;
  /** The provider's type. */
  providerType: string;
  /** The model sent on the wire (for Azure, the deployment). */
  model: string;
  /** The pinned version. */
  pin: string;
  /** The version the provider said it served. */
  served: string;
  /** The operation that drifted. */
  operation: 'chat' | 'stream' | 'embed';
  /** What the policy did: `warn` returned the result with a warning; `error` and `failover` threw `VersionDriftError`. */
  action: 'warn' | 'error' | 'failover';
  /** The provider's request id, where it sent one. */
  requestId?: string;
};
