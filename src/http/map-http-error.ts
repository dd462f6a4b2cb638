import { AuthenticationError } from '../errors/authentication-error.ts';
import { ContentFilterError } from '../errors/content-filter-error.ts';
import { ContextLengthError } from '../errors/context-length-error.ts';
import { InvalidRequestError } from '../errors/invalid-request-error.ts';
import type { ProviderApiError, ProviderApiErrorDetails } from '../errors/provider-api-error.ts';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.ts';
import { QuotaExhaustedError } from '../errors/quota-exhausted-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import { firedFilterCategories } from './fired-filter-categories.ts';
import { parseDuration } from './parse-duration.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
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
  /** Credentials to scrub from anything kept on the error. */
  secrets?: readonly string[];
  /** Current time for HTTP-date retry-after values. */
  now?: number;
}

const CONTEXT_LENGTH = /context[_ ]length|maximum context|context window|too many tokens|exceeds the maximum number of tokens|input token count .* exceeds|prompt is too long|input is too long/i;
/**
 * A 429 about requests in flight rather than a rate: CoreWeave Serverless Inference answers "Concurrency limit reached
 * for requests" (docs.coreweave.com, "API error code 429 - Concurrency limit reached for requests"). The body's JSON
 * shape around that message is not confirmed from a primary source, so the message is matched wherever it is.
 */
const CONCURRENCY = /concurrency limit|too many concurrent requests|max(imum)? (number of )?concurrent/i;
const UNAVAILABLE_STATUS = new Set(['UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'ABORTED', 'UNKNOWN']);

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

/**
 * Maps a provider's error response to Switchyard's taxonomy: the one place where status codes,
 * error bodies (OpenAI, Azure, vLLM, google.rpc.Status, array-wrapped) and retry headers are read.
 */
export function mapHttpError(input: HttpErrorInput): ProviderApiError {
  const headers = input.headers ?? {};
  const rawText = typeof input.body === 'string' ? input.body : input.body === undefined ? undefined : JSON.stringify(input.body);
  let parsed = parseBody(input.body);
  if (Array.isArray(parsed)) parsed = parsed.find(isObject);
  const envelope = isObject(parsed) ? parsed : {};
  const err: Json = isObject(envelope.error) ? envelope.error : typeof envelope.message === 'string' ? envelope : {};

  const message = typeof err.message === 'string' ? err.message : typeof envelope.error === 'string' ? envelope.error : (rawText?.slice(0, 300) ?? '');
  const rpcStatus = typeof err.status === 'string' ? err.status : undefined;
  const codeValue = err.code ?? err.type;
  const providerCode = rpcStatus ?? (codeValue === undefined || codeValue === null ? undefined : String(codeValue));
  // vLLM sends the HTTP status as an integer code; an error object inside a 200 stream carries the real one there.
  const status = input.status === 200 && typeof err.code === 'number' && err.code >= 400 ? err.code : input.status;

  let retryAfterMs = parseRetryAfter(headers, input.now);
  if (retryAfterMs === undefined && Array.isArray(err.details)) {
    for (const detail of err.details) {
      if (isObject(detail) && String(detail['@type'] ?? '').endsWith('RetryInfo')) retryAfterMs = parseDuration(detail.retryDelay);
    }
  }

  const details: ProviderApiErrorDetails = {
    status,
    provider: input.provider,
    model: input.model,
    requestId: readRequestId(headers),
    headers: redactHeaders(headers, input.secrets),
    body: rawText === undefined ? undefined : redactSecrets(rawText, input.secrets),
    providerCode,
    retryable: false,
    retryAfterMs,
  };
  const who = `${input.provider ?? 'provider'}${input.model ? ` (${input.model})` : ''}`;
  const text = redactSecrets(`${who} answered HTTP ${status}${providerCode ? ` ${providerCode}` : ''}: ${message || '(no message)'}`, input.secrets);

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
  if (status === 408 || status === 409 || status >= 500 || (rpcStatus !== undefined && UNAVAILABLE_STATUS.has(rpcStatus))) {
    return new ProviderUnavailableError(text, { ...details, retryable: explicit ?? true });
  }
  if (providerCode === 'context_length_exceeded' || ((status === 400 || status === 413) && CONTEXT_LENGTH.test(message))) {
    return new ContextLengthError(text, { ...details, retryable: false });
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
