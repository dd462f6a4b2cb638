import { ConfigError } from '../../src/errors/config-error.ts';
import { lazyModule } from '../../src/runtime/lazy-module.ts';
import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { checkEmbeddingDimensions } from '../../src/http/check-embedding-dimensions.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { mapJsonResponse } from '../../src/http/map-json-response.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { ChatApi } from '../../src/types/chat-api.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import type { EmbedRequest } from '../../src/types/embed-request.ts';
import type { EmbedResult } from '../../src/types/embed-result.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import type { Warning } from '../../src/types/warning.ts';
import { chatBodyOptions } from './chat-body-options.ts';
import { invalidStream, validateChatRequest, validateEmbedRequest } from '../../src/validation/validate-request.ts';
import { convertToOpenAIChatBody } from './convert-to-openai-chat-body.ts';
import { mapOpenAIChatResponse, type OpenAIChatResponse } from './map-openai-chat-response.ts';
import { mapOpenAIEmbedResponse, type OpenAIEmbedResponse } from './map-openai-embed-response.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';
import { readRateLimitHeaders } from './read-rate-limit-headers.ts';
import { sendOpenAIRequest } from './send-openai-request.ts';
import { streamOpenAIChat } from './stream-openai-chat.ts';
import { warnIgnoredSettings } from './warn-ignored-settings.ts';

const API_NAMES: Record<ChatApi, string> = { chat: 'Chat Completions', responses: 'the Responses API' };

// The Responses API is loaded on its first call: a provider on Chat Completions (the default) never needs it.
const responsesApi = lazyModule<typeof import('./openai-responses-api.ts')>('adapters/openai-compatible/openai-responses-api.ts');

/**
 * A provider for any server that speaks the OpenAI wire format: Chat Completions or the Responses API for `chat` and
 * `stream` (`config.api`), and Embeddings. The `openai`, `azure-openai`, `coreweave` and `oci` adapters are thin
 * layers on it. `withApi` returns the same provider calling the other API (how a target's `api` is applied).
 */
export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): Provider {
  const bodyModel = (model: string) => (config.bodyModel ? config.bodyModel(model) : model);
  const fallbackModel = (model: string) => (config.fallbackModel ? config.fallbackModel(model) : model);
  const maxTokensField = config.maxTokensField ?? 'max_completion_tokens';
  const api: ChatApi = config.api ?? 'chat';
  const apis = config.apis ?? ['chat'];
  if (!apis.includes(api)) throw missingApi(config, api);

  async function chatCompletions(request: ChatRequest): Promise<ChatResult> {
    validateChatRequest(request, config.id);
    const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
    const ctx: RequestContext = { provider: config.id, model: request.model, operation: 'chat/completions', secrets: config.secrets(), deadline };
    try {
      const warnings: Warning[] = [];
      const body = convertToOpenAIChatBody(request, chatBodyOptions(config, { model: bodyModel(request.model), stream: false, streamUsage: false, maxTokensField, warnings }));
      const checked = config.checkBody?.(body, request, 'chat/completions');
      if (checked) warnings.push(...checked);
      const response = await sendOpenAIRequest(config, 'chat/completions', request.model, JSON.stringify(body), false, ctx, request);
      const context = { fallbackModel: fallbackModel(request.model), requestId: readRequestId(response.headers), provider: config.id, warnings, capacity: config.capacity, headers: response.headers, request };
      let served: string | undefined;
      const result = mapJsonResponse(await readBodyText(response, ctx), ctx, (json: OpenAIChatResponse) => {
        served = json.model;
        return mapOpenAIChatResponse(json, context);
      });
      const answer = { text: result.text, hasText: result.text !== '', toolNames: result.toolCalls.map((c) => c.name), finishReason: result.finishReason, reasoning: result.reasoning !== undefined, servedModel: served };
      warnIgnoredSettings(request, answer, { provider: config.id, ...(config.checkServedModel ? { sentModel: body.model as string | undefined } : {}) }, result.warnings);
      const rateLimit = readRateLimitHeaders(response.headers);
      if (rateLimit) result.rateLimit = rateLimit;
      return result;
    } finally {
      deadline.dispose();
    }
  }

  async function responses(request: ChatRequest): Promise<ChatResult> {
    validateChatRequest(request, config.id);
    return responsesApi().chatOpenAIResponses(config, request, bodyModel, fallbackModel);
  }

  function chatCompletionsStream(request: ChatRequest): AsyncIterable<StreamPart> {
    return invalidStream(request, config.id) ?? streamOpenAIChat(config, request);
  }

  function responsesStream(request: ChatRequest): AsyncIterable<StreamPart> {
    return invalidStream(request, config.id) ?? responsesApi().streamOpenAIResponses(config, request);
  }

  async function embed(request: EmbedRequest): Promise<EmbedResult> {
    validateEmbedRequest(request, config.id);
    const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
    const ctx: RequestContext = { provider: config.id, model: request.model, operation: 'embeddings', secrets: config.secrets(), deadline };
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
      const result = mapJsonResponse(await readBodyText(response, ctx), ctx, (json: OpenAIEmbedResponse) => mapOpenAIEmbedResponse(json, context));
      const dimensions = checkEmbeddingDimensions(result.embeddings, request.dimensions, config.id);
      if (dimensions) result.warnings.push(dimensions);
      return result;
    } finally {
      deadline.dispose();
    }
  }

  const operations = {
    chat: { chat: chatCompletions, stream: chatCompletionsStream },
    responses: { chat: responses, stream: responsesStream },
  } as const;
  const siblings = new Map<ChatApi, Provider>();

  const provider: Provider = {
    id: config.id,
    type: config.type,
    capabilities: config.capabilities,
    api,
    chat: operations[api].chat,
    stream: operations[api].stream,
    embed,
    withApi(other: ChatApi): Provider {
      if (other === api) return provider;
      if (!apis.includes(other)) throw missingApi(config, other);
      let sibling = siblings.get(other);
      if (!sibling) {
        // A copy taken now, so that what the adapter added after creation (escape hatches, deployments) comes along.
        sibling = { ...provider, api: other, chat: operations[other].chat, stream: operations[other].stream, withApi: provider.withApi } as Provider;
        siblings.set(other, sibling);
      }
      return sibling;
    },
    async close() {
      // The shared transport outlives a provider; a transport passed in is closed by whoever made it.
    },
  };
  if (config.apiVersion !== undefined) (provider as { apiVersion?: string }).apiVersion = config.apiVersion;
  return provider;
}

function missingApi(config: OpenAICompatibleConfig, api: ChatApi): ConfigError {
  const served = (config.apis ?? ['chat']).map((a) => `'${a}'`).join(', ');
  const message = config.missingApi?.(api) ?? `the ${config.type} provider does not serve ${API_NAMES[api] ?? api}; api can be ${served}.`;
  return new ConfigError([{ path: 'api', message }], { source: config.id });
}
