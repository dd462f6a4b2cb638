import type { ServedCapacity } from '../types/served-capacity.ts';
import type { Usage } from '../types/usage.ts';
import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * A provider served a model version other than the pinned one, and the policy (`versions.onDrift`) says `error`
 * or `failover`. Code `version_drift` (the `fallbackOn` class `drift`).
 */
export class VersionDriftError extends SwitchyardError {
  /** The pinned version. */
  readonly pin: string;
  /** The version the provider served. */
  readonly served: string;
  /** The model sent on the wire. */
  readonly model: string;
  /** The policy that threw it: `error` (stop) or `failover` (the router moves on to the next target). @default 'error' */
  readonly action: 'error' | 'failover';
  /** The usage of the drifted response: the provider answered, and billed it. */
  readonly usage?: Usage;
  /** The provider's request id of the drifted response. */
  readonly requestId?: string;
  /** The capacity that served the drifted response, where it said (it is priced at that capacity). */
  readonly capacity?: ServedCapacity;

  constructor(
    message: string,
    options: { pin: string; served: string; model: string; provider?: string | undefined; action?: 'error' | 'failover' | undefined; usage?: Usage | undefined; requestId?: string | undefined; capacity?: ServedCapacity | undefined },
  ) {
    super('version_drift', message, options);
    this.pin = options.pin;
    this.served = options.served;
    this.model = options.model;
    this.action = options.action ?? 'error';
    if (options.usage !== undefined) this.usage = options.usage;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.capacity !== undefined) this.capacity = options.capacity;
  }
}
markError(VersionDriftError);
