import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport.ts';
import { mapHttpError } from './map-http-error.ts';
import type { RequestContext } from './request-context.ts';
import { toTransportError } from './to-transport-error.ts';

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
  throw mapHttpError({ status: response.status, headers: response.headers, body, provider: ctx.provider, model: ctx.model, operation: ctx.operation, secrets: ctx.secrets });
}
