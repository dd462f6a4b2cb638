import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { mapJsonResponse } from '../../src/http/map-json-response.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { AnthropicMessagesConfig, AnthropicRequestContext } from './anthropic-messages-config.ts';
import type { AnthropicMessage } from './anthropic-wire-types.ts';
import { convertToAnthropicRequest, type AnthropicRequestOptions } from './convert-to-anthropic-request.ts';
import { mapAnthropicResponse } from './map-anthropic-response.ts';

/** The request options of a config, for a model. */
export function anthropicRequestOptions(config: AnthropicMessagesConfig, model: string, stream: boolean): AnthropicRequestOptions {
  const options: AnthropicRequestOptions = {
    provider: config.id,
    model,
    modelInBody: config.modelInBody,
    bodyFields: config.bodyFields,
    structuredOutput: config.structuredOutput ?? 'tool',
    samplingRemoved: config.samplingRemoved,
    stream,
  };
  if (config.defaultMaxTokens !== undefined) options.defaultMaxTokens = config.defaultMaxTokens;
  return options;
}

/** One non-streaming Messages call: builds the body, sends it through the platform, maps the response. */
export async function chatAnthropicMessages(config: AnthropicMessagesConfig, request: ChatRequest): Promise<ChatResult> {
  const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
  const ctx: AnthropicRequestContext = { provider: config.id, model: request.model, secrets: [], deadline };
  try {
    const { body, warnings, responseTool } = convertToAnthropicRequest(request, anthropicRequestOptions(config, request.model, false));
    const response = await config.send(request.model, JSON.stringify(body), false, ctx, request);
    const context: Parameters<typeof mapAnthropicResponse>[1] = { model: request.model, provider: config.id, warnings };
    const requestId = readRequestId(response.headers);
    if (requestId) context.requestId = requestId;
    if (responseTool) context.responseTool = responseTool;
    return mapJsonResponse(await readBodyText(response, ctx), ctx, (json: AnthropicMessage) => mapAnthropicResponse(json, context));
  } finally {
    deadline.dispose();
  }
}
