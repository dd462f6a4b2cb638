import { AuthenticationError } from '../../src/errors/authentication-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { HttpResponse } from '../../src/http/http-transport.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { OpenAICompatibleConfig, OpenAIOperation } from './openai-compatible-config.ts';

/**
 * POSTs a JSON body to an operation with the provider's headers. On a 401, when the provider can renew
 * its token, renews it once and sends again; any other error is thrown as is.
 */
export async function sendOpenAIRequest(
  config: OpenAICompatibleConfig,
  operation: OpenAIOperation,
  model: string,
  body: string,
  stream: boolean,
  ctx: RequestContext,
): Promise<HttpResponse> {
  const transport = config.transport ?? getDefaultTransport();
  const url = config.url(operation, model);
  const signal = ctx.deadline.signal;
  const build = async (forceRefresh: boolean) => {
    const headers = await config.headers({ forceRefresh, signal });
    headers['content-type'] = 'application/json';
    headers.accept = stream ? 'text/event-stream' : 'application/json';
    return { method: 'POST' as const, url, headers, body };
  };
  try {
    return await sendRequest(transport, await build(false), ctx);
  } catch (error) {
    if (config.refreshOnUnauthorized && AuthenticationError.isInstance(error) && error.status === 401) {
      return await sendRequest(transport, await build(true), ctx);
    }
    throw error;
  }
}
