/**
 * The error classes that `fallbackOn` names, one per stable error code:
 * `rate-limit` (rate_limit), `unavailable` (unavailable), `timeout` (timeout), `connection` (connection),
 * `parse` (response_parse), `context-length` (context_length), `content-filter` (content_filter),
 * `invalid-request` (invalid_request), `authentication` (authentication), `unsupported-feature`
 * (unsupported_feature), `drift` (version_drift), `quota` (quota_exhausted: credits or quota used up).
 */
export const ERROR_CLASSES = [
  'rate-limit',
  'unavailable',
  'timeout',
  'connection',
  'parse',
  'context-length',
  'content-filter',
  'invalid-request',
  'authentication',
  'unsupported-feature',
  'drift',
  'quota',
] as const;

/** One of `ERROR_CLASSES`. */
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/**
 * The classes that fail over by default: the provider is busy, unreachable or out of credits (it cannot serve until
 * someone pays), not the request at fault.
 */
export const DEFAULT_FALLBACK_ON: readonly ErrorClass[] = ['rate-limit', 'unavailable', 'timeout', 'connection', 'quota'];

const BY_CODE: Record<string, ErrorClass> = {
  rate_limit: 'rate-limit',
  unavailable: 'unavailable',
  timeout: 'timeout',
  connection: 'connection',
  response_parse: 'parse',
  context_length: 'context-length',
  content_filter: 'content-filter',
  invalid_request: 'invalid-request',
  authentication: 'authentication',
  unsupported_feature: 'unsupported-feature',
  version_drift: 'drift',
  quota_exhausted: 'quota',
};

/** The stable code of a Switchyard error, or undefined for anything else. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The `fallbackOn` class of an error, or undefined when it has none (a caller's abort, a bug in a custom provider). */
export function errorClassOf(error: unknown): ErrorClass | undefined {
  const code = errorCodeOf(error);
  return code === undefined ? undefined : BY_CODE[code];
}

/**
 * Whether an error says the target itself is unhealthy, so that it counts against its circuit breaker:
 * rate limits, outages, timeouts of an attempt, broken connections, unparseable answers, streams cut off part-way, and
 * exhausted credits (which open the circuit at once, for `circuitBreaker.quotaCooldownMs`).
 * Request errors (invalid, too long, filtered), aborts and the call's own deadline do not count, nor a refusal of
 * kind `concurrency` (the target is healthy but busy: the shared state lowers the concurrency sent to it instead).
 */
export function isTargetFailure(error: unknown): boolean {
  if (errorCodeOf(error) === 'stream_interrupted') return true;
  const cls = errorClassOf(error);
  if (cls === 'rate-limit' && (error as { kind?: string }).kind === 'concurrency') return false;
  if (cls === 'timeout') return (error as { kind?: string }).kind !== 'total';
  return cls === 'rate-limit' || cls === 'unavailable' || cls === 'connection' || cls === 'parse' || cls === 'quota';
}
