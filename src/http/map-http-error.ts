import { AuthenticationError } from '../errors/authentication-error.ts';
import { ContentFilterError } from '../errors/content-filter-error.ts';
import { ContextLengthError } from '../errors/context-length-error.ts';
import { InvalidRequestError } from '../errors/invalid-request-error.ts';
import type { ProviderApiError, ProviderApiErrorDetails } from '../errors/provider-api-error.ts';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.ts';
import { QuotaExhaustedError } from '../errors/quota-exhausted-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import { UnsupportedFeatureError } from '../errors/unsupported-feature-error.ts';
import { firedFilterCategories } from './fired-filter-categories.ts';
import { parseDuration } from './parse-duration.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { readContextNumbers } from './read-context-numbers.ts';
import { readRequestId } from './read-request-id.ts';
import { redactSecrets } from './redact-secrets.ts';

/** What `mapHttpError` needs to know about a failed response. */
export interface HttpErrorInput {
  /** The HTTP status (200 for an error object sent inside a stream). */
  status: number;
  /** Response headers, lower-case names. */
  headers?: Record<string, string>;
  /** The response body as text, or an already parsed error payload. */
  body?: string | unknown;
  /** The provider's id or type, for the message. */
  provider?: string;
  /** The model or deployment, for the message. */
  model?: string;
  /** The operation the request was for (`chat/completions`, `embeddings`): the feature a "not supported" answer names. */
  operation?: string;
  /** Credentials to scrub from anything kept on the error. */
  secrets?: readonly string[];
  /** Current time for HTTP-date retry-after values. */
  now?: number;
}

const CONTEXT_LENGTH = /context[_ ]length|maximum context|context window|available context size|too many tokens|exceeds the maximum number of tokens|input token count .* exceeds|prompt is too long|input is too long/i;
/**
 * A 429 about requests in flight rather than a rate: CoreWeave Serverless Inference answers "Concurrency limit reached
 * for requests" (docs.coreweave.com, "API error code 429 - Concurrency limit reached for requests"). The body's JSON
 * shape around that message is not confirmed from a primary source, so the message is matched wherever it is.
 */
const CONCURRENCY = /concurrency limit|too many concurrent requests|max(imum)? (number of )?concurrent/i;
const UNAVAILABLE_STATUS = new Set(['UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'ABORTED', 'UNKNOWN']);
/**
 * Error types that mean the server does not implement what was asked: llama.cpp's 501 type (`format_error_response`
 * in tools/server/server-common.cpp), vLLM's 501 type (`create_error_response` for a NotImplementedError), which NIM
 * 2.x, built on vLLM, shares. Not confirmed from a primary source: NIM 1.x's and SGLang-based NIM's error types.
 */
const NOT_SUPPORTED = new Set(['not_supported_error', 'NotImplementedError']);
/** Error types and codes that blame the request (OpenAI and llama.cpp, vLLM and NIM, llama.cpp's generation errors). */
const REQUEST_FAULT = new Set(['invalid_request_error', 'BadRequestError', 'invalid_request']);
/**
 * What a server says, under a generic 5xx type, when it could not read the request: llama.cpp answers
 * `500 server_error` for an empty input (`"prompt" must not be empty`), for tool-call arguments in the history that
 * are not JSON (`Failed to parse tool call arguments as JSON`) and for JSON of the wrong shape (nlohmann's
 * `[json.exception.type_error.302]`). Sending the same request again fails the same way. The empty-input answer is
 * recorded; not confirmed from a primary source: the tool-call wording (from llama.cpp users' reports; llama.cpp
 * also gives it when the model's own tool call was cut by `max_tokens`, which a retry repeats too).
 */
/**
 * vLLM (and NIM on vLLM) refuse `dimensions` for a model not trained to shorten its vectors with a plain 400
 * `BadRequestError`: "Model \"BAAI/bge-m3\" does not support matryoshka representation, …" (vLLM docs, embeddings).
 */
const NO_DIMENSIONS_MESSAGE = /does not support matryoshka representation/i;
const REQUEST_FAULT_MESSAGE = /must not be empty|cannot be empty|must be non-empty|\[json\.exception\.(?:parse|type)_error|failed to parse (?:the )?(?:request|input|messages?|tool call arguments)|invalid json/i;

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Maps a provider's error response to Switchyard's taxonomy: the one place where status codes, error bodies (OpenAI,
 * Azure, vLLM and NIM, llama.cpp, google.rpc.Status, array-wrapped) and retry headers are read.
 *
 * `providerCode` is the provider's own string: google.rpc `status`, else a string `code`, else a string `type`
 * (llama.cpp and vLLM send the HTTP status as an integer `code` and the kind of error as `type`); the integer only
 * when there is nothing else. The message names the status once.
 *
 * A 5xx is a server failure (`ProviderUnavailableError`, retried, counted by the circuit breaker) unless the answer
 * itself says the request is at fault: HTTP 501 or a "not supported" type becomes `UnsupportedFeatureError` (the
 * router moves on to another target), a request-error type or a request-parse message becomes `InvalidRequestError`.
 */
export function mapHttpError(input: HttpErrorInput): ProviderApiError | UnsupportedFeatureError {
  const headers = input.headers ?? {};
  const rawText = typeof input.body === 'string' ? input.body : input.body === undefined ? undefined : JSON.stringify(input.body);
  let parsed = parseBody(input.body);
  if (Array.isArray(parsed)) parsed = parsed.find(isObject);
  const envelope = isObject(parsed) ? parsed : {};
  const err: Json = isObject(envelope.error) ? envelope.error : typeof envelope.message === 'string' ? envelope : {};

  const message = typeof err.message === 'string' ? err.message : typeof envelope.error === 'string' ? envelope.error : (rawText?.slice(0, 300) ?? '');
  const rpcStatus = nonEmpty(err.status);
  const stringCode = nonEmpty(err.code);
  const type = nonEmpty(err.type);
  const providerCode = rpcStatus ?? stringCode ?? type ?? (err.code === undefined || err.code === null ? undefined : String(err.code));
  // vLLM sends the HTTP status as an integer code; an error object inside a 200 stream carries the real one there.
  const status = input.status === 200 && typeof err.code === 'number' && err.code >= 400 ? err.code : input.status;

  let retryAfterMs = parseRetryAfter(headers, input.now);
  if (retryAfterMs === undefined && Array.isArray(err.details)) {
    for (const detail of err.details) {
      if (isObject(detail) && String(detail['@type'] ?? '').endsWith('RetryInfo')) retryAfterMs = parseDuration(detail.retryDelay);
    }
  }

  const requestId = readRequestId(headers);
  const body = rawText === undefined ? undefined : redactSecrets(rawText, input.secrets);
  const details: ProviderApiErrorDetails = {
    status,
    provider: input.provider,
    model: input.model,
    requestId,
    headers: redactHeaders(headers, input.secrets),
    body,
    providerCode,
    retryable: false,
    retryAfterMs,
  };
  const who = `${input.provider ?? 'provider'}${input.model ? ` (${input.model})` : ''}`;
  const code = providerCode !== undefined && providerCode !== String(status) ? ` ${providerCode}` : '';
  const text = redactSecrets(`${who} answered HTTP ${status}${code}: ${message || '(no message)'}`, input.secrets);

  const inner = isObject(err.innererror) ? err.innererror : isObject(err.inner_error) ? err.inner_error : undefined;
  if (providerCode === 'content_filter' || inner?.code === 'ResponsibleAIPolicyViolation') {
    const filterResults = inner?.content_filter_result ?? inner?.content_filter_results;
    return new ContentFilterError(text, { ...details, categories: firedFilterCategories(filterResults), filterResults });
  }

  const shouldRetry = headers['x-should-retry'];
  const explicit = shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : undefined;

  if (status === 401 || status === 403 || rpcStatus === 'UNAUTHENTICATED' || rpcStatus === 'PERMISSION_DENIED') {
    return new AuthenticationError(`${text} Check the provider's credentials (API key, token or service account) and its permissions.`, { ...details, retryable: explicit ?? false });
  }
  if (status === 402 || providerCode === 'insufficient_quota') {
    // Credits or quota that need a person (402 no credits, OpenAI insufficient_quota): not worth retrying, worth failing over.
    return new QuotaExhaustedError(`${text} The account's credits or quota are used up: add credits or raise the plan's limit.`, details);
  }
  if (status === 429 || rpcStatus === 'RESOURCE_EXHAUSTED') {
    const concurrency = status === 429 && CONCURRENCY.test(message);
    return new RateLimitError(text, { ...details, retryable: explicit ?? true, ...(concurrency ? { kind: 'concurrency' as const } : {}) });
  }
  const noDimensions = status === 400 && NO_DIMENSIONS_MESSAGE.test(message);
  if (status === 501 || noDimensions || (type !== undefined && NOT_SUPPORTED.has(type)) || (stringCode !== undefined && NOT_SUPPORTED.has(stringCode))) {
    const feature = noDimensions ? 'dimensions' : (input.operation ?? providerCode ?? `HTTP ${status}`);
    return new UnsupportedFeatureError(`${text} The server does not implement this (${feature}); another target may.`, {
      feature,
      provider: input.provider,
      status,
      ...(providerCode !== undefined ? { providerCode } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  }
  if (providerCode === 'context_length_exceeded' || type === 'exceed_context_size_error' || ((status === 400 || status === 413) && CONTEXT_LENGTH.test(message))) {
    return new ContextLengthError(text, { ...details, ...readContextNumbers(err, message), retryable: false });
  }
  if (status >= 500 && ((type !== undefined && REQUEST_FAULT.has(type)) || (stringCode !== undefined && REQUEST_FAULT.has(stringCode)) || REQUEST_FAULT_MESSAGE.test(message))) {
    // The server blamed the request under a 5xx: the same request fails anywhere, and says nothing about its health.
    return new InvalidRequestError(text, { ...details, retryable: explicit ?? false });
  }
  if (status === 408 || status === 409 || status >= 500 || (rpcStatus !== undefined && UNAVAILABLE_STATUS.has(rpcStatus))) {
    return new ProviderUnavailableError(text, { ...details, retryable: explicit ?? true });
  }
  return new InvalidRequestError(text, { ...details, retryable: explicit ?? false });
}

const SENSITIVE_HEADER = /^(authorization|api-key|x-api-key|x-goog-api-key|cookie|set-cookie|proxy-authorization)$/;

/** Drops credential-bearing headers and scrubs the rest: a gateway may echo a credential in any header (`www-authenticate`, debug headers). */
function redactHeaders(headers: Record<string, string>, secrets: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) if (!SENSITIVE_HEADER.test(name)) out[name] = redactSecrets(headers[name] as string, secrets);
  return out;
}
