import type { ServedCapacity } from '../types/served-capacity.ts';
import { markError, SwitchyardError } from './switchyard-error.ts';

/** What a provider's error response said. */
export interface ProviderApiErrorDetails {
  /** The HTTP status (200 for an error sent inside a stream). */
  status: number;
  /** The provider's config id or type. */
  provider?: string | undefined;
  /** The model or deployment the request was for. */
  model?: string | undefined;
  /** The provider's request id. */
  requestId?: string | undefined;
  /** Response headers (never request headers, so never a credential). */
  headers?: Record<string, string> | undefined;
  /** The response body, truncated to 2,000 characters. */
  body?: string | undefined;
  /** The provider's error code (`rate_limit_exceeded`, `RESOURCE_EXHAUSTED`, `429`, …). */
  providerCode?: string | undefined;
  /** Whether retrying the same request may succeed. */
  retryable: boolean;
  /** How long the provider asked to wait before retrying, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The underlying error. */
  cause?: unknown;
}

const BODY_LIMIT = 2000;

/** A provider answered with an error. The subclass tells what kind. */
export class ProviderApiError extends SwitchyardError {
  /** The HTTP status (the code inside the error object for an error sent in a 200 stream). */
  readonly status: number;
  /** The model or deployment the request was for. */
  readonly model?: string;
  /** The provider's request id (`x-request-id`, `apim-request-id`, `opc-request-id`, …), for support tickets. */
  readonly requestId?: string;
  /** Response headers, without cookies and auth headers, credentials scrubbed from the values. */
  readonly headers: Record<string, string>;
  /** The response body, at most 2,000 characters, credentials scrubbed. */
  readonly body?: string;
  /** The provider's own error code (`rate_limit_exceeded`, `content_filter`, `RESOURCE_EXHAUSTED`, `429`, …). */
  readonly providerCode?: string;
  /** Whether sending the same request again may succeed (the router retries only these). */
  readonly retryable: boolean;
  /** How long the provider asked to wait before a retry, in milliseconds (`retry-after-ms`, `x-ms-retry-after-ms`, `retry-after`, `RetryInfo`). */
  readonly retryAfterMs?: number;
  /**
   * The capacity that answered, where the provider said so on the error (Azure: a provisioned deployment whose
   * spillover failed, with `spilloverError`). Set by the adapter that read it.
   */
  declare capacity?: ServedCapacity;

  constructor(code: string, message: string, details: ProviderApiErrorDetails) {
    super(code, message, { provider: details.provider, cause: details.cause });
    this.status = details.status;
    this.headers = details.headers ?? {};
    this.retryable = details.retryable;
    if (details.model !== undefined) this.model = details.model;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.body !== undefined) this.body = details.body.length > BODY_LIMIT ? `${details.body.slice(0, BODY_LIMIT)}…` : details.body;
    if (details.providerCode !== undefined) this.providerCode = details.providerCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}
markError(ProviderApiError);
