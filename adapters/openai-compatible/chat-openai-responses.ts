import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { mapJsonResponse } from '../../src/http/map-json-response.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import { convertToOpenAIResponsesBody } from './convert-to-openai-responses-body.ts';
import { responsesBodyOptions } from './responses-body-options.ts';
import { mapOpenAIResponsesError } from './map-openai-responses-error.ts';
import { mapOpenAIResponsesResponse, type OpenAIResponsesResponse } from './map-openai-responses-response.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';
import { readRateLimitHeaders } from './read-rate-limit-headers.ts';
import { sendOpenAIRequest } from './send-openai-request.ts';

/**
 * One non-streaming call to the Responses API (`POST /responses`) for a request already validated: builds the body,
 * sends it, maps the response (a 200 whose response `failed` is that failure, typed as over HTTP), with the capacity
 * and rate-limit headers it reports. `bodyModel` and `fallbackModel` are the provider's (`createOpenAICompatibleProvider`).
 */
export async function chatOpenAIResponses(
  config: OpenAICompatibleConfig,
  request: ChatRequest,
  bodyModel: (model: string) => string | undefined,
  fallbackModel: (model: string) => string,
): Promise<ChatResult> {
  const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
  const ctx: RequestContext = { provider: config.id, model: request.model, operation: 'responses', secrets: config.secrets(), deadline };
  try {
    const { body, warnings } = convertToOpenAIResponsesBody(request, responsesBodyOptions(config, bodyModel(request.model), false));
    const checked = config.checkBody?.(body, request, 'responses');
    if (checked) warnings.push(...checked);
    const response = await sendOpenAIRequest(config, 'responses', request.model, JSON.stringify(body), false, ctx, request);
    const context = { fallbackModel: fallbackModel(request.model), requestId: readRequestId(response.headers), provider: config.id, warnings };
    const secrets = ctx.secrets ?? [];
    let serviceTier: string | null | undefined;
    const result = mapJsonResponse(await readBodyText(response, ctx), ctx, (json: OpenAIResponsesResponse) => {
      // A 200 whose response failed is the failure, typed as if it had been answered as an HTTP error.
      if (json?.status === 'failed') throw mapOpenAIResponsesError(json.error, { headers: response.headers, provider: config.id, model: request.model, secrets });
      serviceTier = json?.service_tier;
      return mapOpenAIResponsesResponse(json, context);
    });
    const capacity = config.capacity?.(response.headers, serviceTier ?? undefined, request);
    if (capacity) result.capacity = capacity;
    const rateLimit = readRateLimitHeaders(response.headers);
    if (rateLimit) result.rateLimit = rateLimit;
    return result;
  } finally {
    deadline.dispose();
  }
}
