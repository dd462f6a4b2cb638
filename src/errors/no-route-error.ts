import { markError, SwitchyardError } from './switchyard-error.ts';

/** The request's model is neither an alias nor `providerId:model` for a configured provider. Code `no_route`. */
export class NoRouteError extends SwitchyardError {
  /** The model that was asked for. */
  readonly model: string;
  /** The aliases that exist. */
  readonly aliases: string[];

  constructor(message: string, options: { model: string; aliases: string[] }) {
    super('no_route', message);
    this.model = options.model;
    this.aliases = options.aliases;
  }
}
markError(NoRouteError);
