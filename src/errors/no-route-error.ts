import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * The request's model is neither an alias nor `providerId:model` for a configured provider; names the closest alias
 * when the model looks like a typo of one. Code `no_route`.
 */
export class NoRouteError extends SwitchyardError {
  /** The model that was asked for. */
  readonly model: string;
  /** The aliases that exist. */
  readonly aliases: string[];
  /** The alias (or `providerId:model`) the model probably meant, when one is close: a typo, another case. */
  declare readonly suggestion?: string;

  constructor(message: string, options: { model: string; aliases: string[]; suggestion?: string | undefined }) {
    super('no_route', message);
    this.model = options.model;
    this.aliases = options.aliases;
    if (options.suggestion !== undefined) this.suggestion = options.suggestion;
  }
}
markError(NoRouteError);
