import type { HttpResponse } from './http-transport.ts';
import type { RequestContext } from './request-context.ts';
import { toTransportError } from './to-transport-error.ts';

/** Reads a whole response body as text, mapping a failure while reading to a typed error. */
export async function readBodyText(response: HttpResponse, ctx: RequestContext): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw toTransportError(error, ctx);
  }
}
