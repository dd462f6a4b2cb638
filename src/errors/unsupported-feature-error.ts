import { markError, SwitchyardError } from './switchyard-error.ts';

/** What an `UnsupportedFeatureError` takes. */
export interface UnsupportedFeatureErrorOptions {
  /** The feature, for example `json_schema`, `embeddings` or `stream_options.include_usage`. */
  feature: string;
  /** The pinned API version, where the limit comes from one. */
  apiVersion?: string | undefined;
  /** The first API version that has the feature, where known. */
  minimumVersion?: string | undefined;
  /** The provider's config id or type. */
  provider?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
  /** When the provider refused it: the HTTP status of its answer (501, or the status of a `not_supported_error`). */
  status?: number | undefined;
  /** When the provider refused it: its own error code or type (`not_supported_error`, `NotImplementedError`). */
  providerCode?: string | undefined;
  /** When the provider refused it: its request id. */
  requestId?: string | undefined;
  /** When the provider refused it: its answer's body, truncated to 2,000 characters, credentials scrubbed. */
  body?: string | undefined;
}

/**
 * The request needs a feature the provider (or its pinned API version) does not have. Raised before anything is
 * sent, or mapped from the provider's own answer that it does not implement what was asked (HTTP 501, llama.cpp's
 * `not_supported_error`, vLLM's `NotImplementedError`): then `status`, `providerCode`, `requestId` and `body` say
 * what it answered. Never retried and never counted against a circuit breaker; the router moves on to the next
 * target. Code `unsupported_feature`.
 */
export class UnsupportedFeatureError extends SwitchyardError {
  /** The feature, for example `json_schema` or `stream_options.include_usage`. */
  readonly feature: string;
  /** The pinned API version, where the limit comes from one. */
  readonly apiVersion?: string;
  /** The first API version that has the feature, where known. */
  readonly minimumVersion?: string;
  /** The HTTP status of the provider's refusal; undefined when Switchyard refused before sending. */
  readonly status?: number;
  /** The provider's own error code or type, when it refused. */
  readonly providerCode?: string;
  /** The provider's request id, when it refused. */
  readonly requestId?: string;
  /** The provider's answer, at most 2,000 characters, when it refused. */
  readonly body?: string;
  /** Always false: the same request fails the same way. */
  readonly retryable = false;

  constructor(message: string, options: UnsupportedFeatureErrorOptions) {
    super('unsupported_feature', message, options);
    this.feature = options.feature;
    if (options.apiVersion !== undefined) this.apiVersion = options.apiVersion;
    if (options.minimumVersion !== undefined) this.minimumVersion = options.minimumVersion;
    if (options.status !== undefined) this.status = options.status;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.body !== undefined) this.body = options.body.length > 2000 ? `${options.body.slice(0, 2000)}…` : options.body;
  }
}
markError(UnsupportedFeatureError);
