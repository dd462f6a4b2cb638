import { AuthenticationError } from '../../src/errors/authentication-error.ts';
import { ProviderApiError } from '../../src/errors/provider-api-error.ts';
import { getDefaultTransport } from '../../src/http/default-transport.ts';
import type { HttpResponse } from '../../src/http/http-transport.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { OpenAICompatibleConfig, OpenAIOperation } from './openai-compatible-config.ts';

/**
 * POSTs a JSON body to an operation with the provider's headers (and, for a chat `request`, the headers it adds). On a
 * 401, when the provider can renew its token, renews it once and sends again; any other error is thrown with the
 * capacity its headers name (Azure: a provisioned deployment whose spillover failed).
 */
export async function sendOpenAIRequest(
  config: OpenAICompatibleConfig,
  operation: OpenAIOperation,
  model: string,
  body: string,
  stream: boolean,
  ctx: RequestContext,
  request?: ChatRequest,
): Promise<HttpResponse> {
  const transport = config.transport ?? getDefaultTransport();
  const url = config.url(operation, model);
  const signal = ctx.deadline.signal;
  const extra = request && config.requestHeaders?.(request);
  const build = async (forceRefresh: boolean) => {
    const headers = await config.headers({ forceRefresh, signal });
    if (extra) Object.assign(headers, extra);
    headers['content-type'] = 'application/json';
    headers.accept = stream ? 'text/event-stream' : 'application/json';
    return { method: 'POST' as const, url, headers, body };
  };
  try {
    try {
      return await sendRequest(transport, await build(false), ctx);
    } catch (error) {
      if (config.refreshOnUnauthorized && AuthenticationError.isInstance(error) && error.status === 401) {
        return await sendRequest(transport, await build(true), ctx);
      }
      throw error;
    }
  } catch (error) {
    if (request && config.capacity && ProviderApiError.isInstance(error)) withCapacity(error, config.capacity(error.headers, undefined, request));
    throw error;
  }
}

/** Puts the capacity that answered on an error; a failed spillover is also said in its message. */
function withCapacity(error: ProviderApiError, capacity: ProviderApiError['capacity']): void {
  if (!capacity) return;
  error.capacity = capacity;
  if (capacity.spilloverError !== undefined) {
    error.message += ` Spillover was tried and failed: the spillover deployment answered HTTP ${capacity.spilloverError} (x-ms-spillover-error), so this is the provisioned deployment's own answer.`;
  }
}
