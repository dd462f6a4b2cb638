import { markError, SwitchyardError } from './switchyard-error.ts';

/** A provider served a model version other than the pinned one, and the policy says `error`. Code `version_drift`. */
export class VersionDriftError extends SwitchyardError {
  /** The pinned version. */
  readonly pin: string;
  /** The version the provider served. */
  readonly served: string;
  /** The model sent on the wire. */
  readonly model: string;

  constructor(message: string, options: { pin: string; served: string; model: string; provider?: string }) {
    super('version_drift', message, options);
    this.pin = options.pin;
    this.served = options.served;
    this.model = options.model;
  }
}
markError(VersionDriftError);
