import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * The request needs a feature the provider (or its pinned API version) does not have.
 * Raised before anything is sent. Code `unsupported_feature`.
 */
export class UnsupportedFeatureError extends SwitchyardError {
  /** The feature, for example `json_schema` or `stream_options.include_usage`. */
  readonly feature: string;
  /** The pinned API version, where the limit comes from one. */
  readonly apiVersion?: string;
  /** The first API version that has the feature, where known. */
  readonly minimumVersion?: string;

  constructor(message: string, options: { feature: string; apiVersion?: string; minimumVersion?: string; provider?: string; cause?: unknown }) {
    super('unsupported_feature', message, options);
    this.feature = options.feature;
    if (options.apiVersion !== undefined) this.apiVersion = options.apiVersion;
    if (options.minimumVersion !== undefined) this.minimumVersion = options.minimumVersion;
  }
}
markError(UnsupportedFeatureError);
