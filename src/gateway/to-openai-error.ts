import { periodBounds } from '../metering/budget-rules.ts';
import { GatewayRequestError } from './gateway-request-error.ts';

/** An error as the gateway answers it: an HTTP status, OpenAI's error object and the headers that go with it. */
export interface OpenAIErrorAnswer {
  status: number;
  /** `{ error: { message, type, code, param } }`'s inner object. */
  error: { message: string; type: string; code: string | null; param: string | null };
  /** `retry-after`, `retry-after-ms`, `x-should-retry`, `x-switchyard-error-code`. */
  headers: Record<string, string>;
  /** Switchyard's stable code, when the error had one. */
  switchyardCode?: string;
}

/** What mapping an error needs beside it. */
export interface OpenAIErrorContext {
  /** The period of each budget by name (`BudgetExceededError.budgets`), for `retry-after`. */
  budgetPeriods: ReadonlyMap<string, 'day' | 'month'>;
  /** Now, ms since the epoch. */
  now: number;
}

type ErrorLike = { code?: unknown; message?: unknown; retryAfterMs?: unknown; kind?: unknown; local?: unknown; field?: unknown; param?: unknown; providerCode?: unknown; budgets?: unknown; errors?: unknown; feature?: unknown };

const CLIENT_CODES = new Set(['invalid_request', 'context_length', 'content_filter', 'unsupported_feature']);

function answer(status: number, message: string, type: string, code: string | null, switchyardCode: string | undefined, param: string | null = null, headers: Record<string, string> = {}): OpenAIErrorAnswer {
  if (switchyardCode !== undefined) headers['x-switchyard-error-code'] = switchyardCode;
  return { status, error: { message, type, code, param }, headers, ...(switchyardCode !== undefined ? { switchyardCode } : {}) };
}

function retryHeaders(ms: unknown, headers: Record<string, string> = {}): Record<string, string> {
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
    headers['retry-after-ms'] = String(Math.ceil(ms));
  }
  return headers;
}

/** A refusal for capacity (a rate limit, a quota that needs paying for), rather than a failure of the upstream. */
const isCapacity = (code: unknown) => code === 'rate_limit' || code === 'quota_exhausted';

/** The error that decides the answer when every target failed: see `toOpenAIError`. */
function representative(errors: unknown[]): unknown {
  if (errors.length === 0) return undefined;
  const codes = errors.map((e) => (e as ErrorLike)?.code);
  if (codes.every(isCapacity)) {
    const limited = errors.filter((e) => (e as ErrorLike).code === 'rate_limit');
    // Every target is out of quota: nothing frees with time.
    if (limited.length === 0) return errors[errors.length - 1];
    // The soonest any rate-limited target is free again.
    const waits = limited.map((e) => (e as ErrorLike).retryAfterMs).filter((ms): ms is number => typeof ms === 'number');
    const first = limited[0] as ErrorLike;
    return { code: 'rate_limit', message: undefined, retryAfterMs: waits.length > 0 ? Math.min(...waits) : undefined, kind: first.kind, local: limited.every((e) => (e as ErrorLike).local === true) };
  }
  if (codes.every((c) => typeof c === 'string' && CLIENT_CODES.has(c))) return errors[errors.length - 1];
  // Otherwise the last failure of the upstream itself: a 503 after a 429 is an outage, not a rate limit.
  for (let i = errors.length - 1; i >= 0; i--) {
    const code = codes[i];
    if (!isCapacity(code) && !(typeof code === 'string' && CLIENT_CODES.has(code))) return errors[i];
  }
  return errors[errors.length - 1];
}

/**
 * Maps any error to OpenAI's error shape and the status the gateway answers with, by Switchyard's stable `code`
 * (never by message, never by class, so that codes added later map by the same rules):
 * 400 `invalid_request` (the SDK's validation, whose `field` is sent as `param`, or the provider's),
 * `context_length`, `content_filter`, `unsupported_feature`; 404 `no_route`; 429 `rate_limit` with `retry-after`
 * (Switchyard's own `limits` too, `local: true`: `retry-after: 1` when no wait is known, since capacity frees as calls
 * end), `quota_exhausted` as OpenAI's `insufficient_quota` with `x-should-retry: false`, and `budget_exceeded` with
 * `retry-after` until the budget's period ends and `x-should-retry: false`; 502 the upstream failed (`connection`,
 * `response_parse`, `stream_interrupted`, `version_drift`, `authentication`: the provider refused the gateway's own
 * credentials); 503 `unavailable`, `closed`, `state_unavailable` (the shared state is unreachable under
 * `state.onUnavailable: fail`), no target available; 504 `timeout`. `all_attempts_failed` answers as its failures do:
 * 429 when every one was a rate limit or a spent quota (a rate limit when any target may free up), else the last
 * failure of an upstream. Anything else is a 500 whose message says nothing of the cause (it is logged, never sent).
 *
 * OpenAI's clients choose their error class by status alone; `type` and `code` follow the bodies OpenAI sends
 * (`invalid_request_error`, `invalid_api_key`, `model_not_found`, `rate_limit_exceeded` with type `requests` or `tokens`,
 * `insufficient_quota`, `server_error`). Not confirmed from a primary source: OpenAI's error-codes guide (only
 * secondary copies of it were reachable) also names the types `rate_limit_error` and `service_unavailable_error`.
 */
export function toOpenAIError(error: unknown, context: OpenAIErrorContext): OpenAIErrorAnswer {
  if (error instanceof GatewayRequestError) return { status: error.status, error: { message: error.message, type: error.type, code: error.code, param: error.param }, headers: { ...error.headers } };
  const e = (error ?? {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : 'The request failed.';
  switch (code) {
    case 'invalid_request':
      return answer(400, message, 'invalid_request_error', typeof e.providerCode === 'string' ? e.providerCode : 'invalid_request', code, typeof e.field === 'string' ? e.field : typeof e.param === 'string' ? e.param : null);
    case 'context_length':
      return answer(400, message, 'invalid_request_error', 'context_length_exceeded', code, 'messages');
    case 'content_filter':
      return answer(400, message, 'invalid_request_error', 'content_filter', code);
    case 'unsupported_feature':
      return answer(400, message, 'invalid_request_error', 'unsupported_parameter', code);
    case 'no_route':
      return answer(404, message, 'invalid_request_error', 'model_not_found', code, 'model');
    case 'rate_limit': {
      const headers = retryHeaders(e.retryAfterMs);
      // Switchyard's own limits with no known wait (slots in flight, nothing measured yet): they free as calls end.
      if (e.local === true && headers['retry-after'] === undefined) headers['retry-after'] = '1';
      return answer(429, message, e.kind === 'tokens' ? 'tokens' : 'requests', 'rate_limit_exceeded', code, null, headers);
    }
    case 'quota_exhausted':
      // OpenAI's answer to spent credits: 429 `insufficient_quota`, which waiting does not fix (its clients do not retry it).
      return answer(429, message, 'insufficient_quota', 'insufficient_quota', code, null, { 'x-should-retry': 'false' });
    case 'budget_exceeded': {
      const names = Array.isArray(e.budgets) ? (e.budgets as unknown[]).filter((b): b is string => typeof b === 'string') : [];
      const ends = names.map((name) => context.budgetPeriods.get(name)).filter((p) => p !== undefined).map((p) => periodBounds(p, context.now)[1]);
      const headers = ends.length > 0 ? retryHeaders(Math.min(...ends) - context.now) : {};
      headers['x-should-retry'] = 'false';
      return answer(429, message, 'insufficient_quota', 'insufficient_quota', code, null, headers);
    }
    case 'unavailable':
      return answer(503, message, 'server_error', 'upstream_unavailable', code, null, retryHeaders(e.retryAfterMs));
    case 'closed':
    case 'state_unavailable':
      return answer(503, message, 'server_error', code === 'closed' ? 'server_shutting_down' : code, code, null, { 'retry-after': '1' });
    case 'timeout':
      return answer(504, message, 'server_error', 'upstream_timeout', code);
    case 'config':
      return answer(500, message, 'server_error', 'configuration_error', code);
    case 'aborted':
      return answer(503, message, 'server_error', 'request_aborted', code);
    case 'authentication':
      return answer(502, `The provider refused the gateway's credentials (the gateway's configuration, not your key): ${message}`, 'server_error', 'upstream_authentication', code);
    case 'connection':
    case 'response_parse':
    case 'stream_interrupted':
    case 'version_drift':
      return answer(502, message, 'server_error', code === 'connection' ? 'upstream_connection_error' : code === 'response_parse' ? 'upstream_invalid_response' : code, code);
    case 'all_attempts_failed': {
      const errors = Array.isArray(e.errors) ? (e.errors as unknown[]) : [];
      const cause = representative(errors);
      if (cause === undefined) return answer(503, message, 'server_error', 'no_available_target', code, null, { 'retry-after': '1' });
      const mapped = toOpenAIError(cause, context);
      // The whole story (every attempt) is in the message; the status and headers are the representative failure's.
      return { ...mapped, error: { ...mapped.error, message }, headers: { ...mapped.headers, 'x-switchyard-error-code': code }, switchyardCode: code };
    }
    default:
      if (code !== undefined && typeof e.retryAfterMs === 'number') return answer(503, message, 'server_error', code, code, null, retryHeaders(e.retryAfterMs));
      if (code !== undefined) return answer(502, message, 'server_error', code, code);
      return answer(500, 'The gateway failed to handle the request (an internal error; it is logged).', 'server_error', 'internal_error', undefined);
  }
}
