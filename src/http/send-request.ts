import { ConnectionError } from '../errors/connection-error.ts';
import type { SwitchyardError } from '../errors/switchyard-error.ts';
import type { CallDeadline } from './call-deadline.ts';
import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport.ts';
import { mapHttpError } from './map-http-error.ts';

/** Who a request is for, so that errors can say so (and scrub credentials). */
export interface RequestContext {
  /** The provider's id. */
  provider: string;
  /** The model or deployment. */
  model?: string;
  /** Credentials to scrub from anything an error keeps. */
  secrets?: readonly string[];
  /** The call's deadline. */
  deadline: CallDeadline;
}

/**
 * Turns a failure of the transport or of reading a body into a typed error: the deadline's reason
 * (`AbortError`, `TimeoutError`) when it fired, else `ConnectionError`.
 */
export function toTransportError(error: unknown, ctx: RequestContext): SwitchyardError {
  const reason = ctx.deadline.reason();
  if (reason) return reason;
  const code = (error as { code?: string } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`Could not reach ${ctx.provider}${code ? ` (${code})` : ''}: ${detail}`, { provider: ctx.provider, cause: error });
}

/**
 * Sends a request and returns the response when its status is 2xx. Any other status is read and
 * thrown as a typed `ProviderApiError`; network failures as `ConnectionError`; aborts and deadlines
 * as `AbortError` and `TimeoutError`.
 */
export async function sendRequest(transport: HttpTransport, request: HttpRequest, ctx: RequestContext): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await transport.request(ctx.deadline.signal ? { ...request, signal: ctx.deadline.signal } : request);
  } catch (error) {
    throw toTransportError(error, ctx);
  }
  if (response.status >= 200 && response.status < 300) return response;
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw toTransportError(error, ctx);
  }
  throw mapHttpError({ status: response.status, headers: response.headers, body, provider: ctx.provider, model: ctx.model, secrets: ctx.secrets });
}

/** Reads a whole response body as text, mapping a failure while reading to a typed error. */
export async function readBodyText(response: HttpResponse, ctx: RequestContext): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw toTransportError(error, ctx);
  }
}
