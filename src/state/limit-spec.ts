/** One `limits` entry, compiled: where it was configured, the key it is counted under, and its ceilings. */
export interface LimitSpec {
  /** `provider` (`providers.<id>.limits`, shared by every target on the provider) or `target` (one target's own). */
  scope: 'provider' | 'target';
  /** Where it is in the config, for messages: `providers.azure-east.limits`, `models.chat.targets[0].limits`. */
  path: string;
  /** The key it is counted under: `p/<provider>`, or `t/<alias>/<provider>/<model>`. */
  key: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  maxConcurrency?: number;
}
