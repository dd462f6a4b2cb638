import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { mapJsonResponse } from '../../src/http/map-json-response.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { EmbedRequest } from '../../src/types/embed-request.ts';
import type { EmbedResult } from '../../src/types/embed-result.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { invalidStream, validateChatRequest, validateEmbedRequest } from '../../src/validation/validate-request.ts';
import { convertToOpenAIChatBody } from './convert-to-openai-chat-body.ts';
import { mapOpenAIChatResponse, type OpenAIChatResponse } from './map-openai-chat-response.ts';
import { mapOpenAIEmbedResponse, type OpenAIEmbedResponse } from './map-openai-embed-response.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';
import { readRateLimitHeaders } from './read-rate-limit-headers.ts';
import { sendOpenAIRequest } from './send-openai-request.ts';
import { streamOpenAIChat } from './stream-openai-chat.ts';

/**
 * A provider for any server that speaks the OpenAI wire format (Chat Completions and Embeddings).
 * The `openai`, `azure-openai`, `coreweave` and `oci` adapters are thin layers on it.
 */
export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): Provider {
  const bodyModel = (model: string) => (config.bodyModel ? config.bodyModel(model) : model);
  const fallbackModel = (model: string) => (config.fallbackModel ? config.fallbackModel(model) : model);
  const maxTokensField = config.maxTokensField ?? 'max_completion_tokens';

  async function chat(request: ChatRequest): Promise<ChatResult> {
    validateChatRequest(request, config.id);
    const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
    const ctx: RequestContext = { provider: config.id, model: request.model, secrets: config.secrets(), deadline };
    try {
      const body = convertToOpenAIChatBody(request, { model: bodyModel(request.model), stream: false, streamUsage: false, maxTokensField, providerOptionsKey: config.type });
      const warnings: Warning[] = config.checkBody?.(body, request, 'chat/completions') || [];
      const response = await sendOpenAIRequest(config, 'chat/completions', request.model, JSON.stringify(body), false, ctx);
      const context = { fallbackModel: fallbackModel(request.model), requestId: readRequestId(response.headers), provider: config.id, warnings };
      const result = mapJsonResponse(await readBodyText(response, ctx), ctx, (json: OpenAIChatResponse) => mapOpenAIChatResponse(json, context));
      const rateLimit = readRateLimitHeaders(response.headers);
      if (rateLimit) result.rateLimit = rateLimit;
      return result;
    } finally {
      deadline.dispose();
    }
  }

  async function embed(request: EmbedRequest): Promise<EmbedResult> {
    validateEmbedRequest(request, config.id);
    const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
    const ctx: RequestContext = { provider: config.id, model: request.model, secrets: config.secrets(), deadline };
    try {
      const body: Record<string, unknown> = {};
      const model = bodyModel(request.model);
      if (model !== undefined) body.model = model;
      body.input = request.input;
      body.encoding_format = 'float';
      if (request.dimensions !== undefined) body.dimensions = request.dimensions;
      const extra = request.providerOptions?.[config.type];
      if (extra) Object.assign(body, extra);
      const warnings: Warning[] = config.checkBody?.(body, request, 'embeddings') || [];
      const response = await sendOpenAIRequest(config, 'embeddings', request.model, JSON.stringify(body), false, ctx);
      const context = { fallbackModel: fallbackModel(request.model), requestId: readRequestId(response.headers), provider: config.id, warnings, expected: request.input.length };
      return mapJsonResponse(await readBodyText(response, ctx), ctx, (json: OpenAIEmbedResponse) => mapOpenAIEmbedResponse(json, context));
    } finally {
      deadline.dispose();
    }
  }

  const provider: Provider = {
    id: config.id,
    type: config.type,
    capabilities: config.capabilities,
    chat,
    stream: (request: ChatRequest): AsyncIterable<StreamPart> => invalidStream(request, config.id) ?? streamOpenAIChat(config, request),
    embed,
    async close() {
      // The shared transport outlives a provider; a transport passed in is closed by whoever made it.
    },
  };
  if (config.apiVersion !== undefined) (provider as { apiVersion?: string }).apiVersion = config.apiVersion;
  return provider;
}
