/**
 * A request the gateway itself refuses before routing it (a bad body, a missing key, an alias the key may not
 * use, a body too large, too many requests at once): answered with `status` and an OpenAI-shaped error body.
 */
export class GatewayRequestError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** OpenAI's `error.type` (`invalid_request_error`, …). */
  readonly type: string;
  /** OpenAI's `error.code` (`invalid_api_key`, `model_not_found`, …), or null. */
  readonly code: string | null;
  /** The request field at fault (`messages[1].content`), or null. */
  readonly param: string | null;
  /** Response headers to send with it (`retry-after`, `allow`). */
  readonly headers?: Record<string, string>;

  constructor(status: number, message: string, options: { type?: string; code?: string | null; param?: string | null; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'GatewayRequestError';
    this.status = status;
    this.type = options.type ?? 'invalid_request_error';
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    if (options.headers) this.headers = options.headers;
  }
}

/** A 400 for a field of the request body: `param` names it, the message says what was expected. */
export function invalidParam(param: string, message: string, code: string | null = 'invalid_value'): GatewayRequestError {
  return new GatewayRequestError(400, `${param}: ${message}`, { param, code });
}
