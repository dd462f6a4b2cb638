/**
 * The HTTP status of each Anthropic error `type` (Anthropic's "HTTP errors" table), for errors that arrive without one:
 * an `error` event inside a 200 stream (such as `overloaded_error` mid-stream). An unknown type is taken as a server
 * error (500). The 400–529 types are from Anthropic's errors table (via the copy in Anthropic's `claude-api` skill);
 * not confirmed from a primary source: `billing_error` (402) and `timeout_error` (504).
 */
const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** The HTTP status Anthropic uses for an error type. @example anthropicErrorStatus('overloaded_error') // 529 */
export function anthropicErrorStatus(type: string | undefined): number {
  return (type !== undefined && STATUS_BY_TYPE[type]) || 500;
}
