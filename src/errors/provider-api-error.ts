import { markError, SwitchyardError } from './switchyard-error.ts';

/** What a provider's error response said. */
export interface ProviderApiErrorDetails {
  /** The HTTP status (200 for an error sent inside a stream). */
  status: number;
  /** The provider's config id or type. */
  provider?: string;
  /** The model or deployment the request was for. */
  model?: string;
  /** The provider's request id. */
  requestId?: string;
  /** Response headers (never request headers, so never a credential). */
  headers?: Record<string, string>;
  /** The response body, truncated to 2,000 characters. */
  body?: string;
  /** The provider's error code (`rate_limit_exceeded`, `RESOURCE_EXHAUSTED`, `429`, …). */
  providerCode?: string;
  /** Whether retrying the same request may succeed. */
  retryable: boolean;
  /** How long the provider asked to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  /** The underlying error. */
  cause?: unknown;
}

const BODY_LIMIT = 2000;

/** A provider answered with an error. The subclass tells what kind. */
export class ProviderApiError extends SwitchyardError {
  readonly status: number;
  readonly model?: string;
  readonly requestId?: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly providerCode?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

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
