import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { Provider, ProviderType } from '../../src/types/provider.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import type { StreamPart } from '../../src/types/stream-part.ts';
import { invalidStream, validateChatRequest, validateEmbedRequest } from '../../src/validation/validate-request.ts';
import type { AnthropicMessagesConfig } from './anthropic-messages-config.ts';
import { chatAnthropicMessages } from './chat-anthropic-messages.ts';
import { streamAnthropicMessages } from './stream-anthropic-messages.ts';

/**
 * A provider for a platform that speaks Anthropic's Messages format: `chat` and `stream` through the platform's
 * `send`; `embed` throws (Claude has no embeddings). The Vertex adapter routes models of publisher `anthropic` to it.
 * Every request is validated first (`InvalidRequestError` naming the field, nothing sent).
 * @example
 * const claude = createAnthropicMessagesProvider({ id: 'vertex', type: 'vertex', capabilities: {}, config: { id: 'vertex', send, bodyFields: { anthropic_version: 'vertex-2023-10-16' }, modelInBody: false, samplingRemoved: false } });
 */
export function createAnthropicMessagesProvider(options: { id: string; type: ProviderType; capabilities: ProviderCapabilities; config: AnthropicMessagesConfig }): Provider {
  const { config } = options;
  return {
    id: options.id,
    type: options.type,
    capabilities: options.capabilities,
    chat: async (request) => {
      validateChatRequest(request, config.id);
      return chatAnthropicMessages(config, request);
    },
    stream: (request: ChatRequest): AsyncIterable<StreamPart> => invalidStream(request, config.id) ?? streamAnthropicMessages(config, request),
    embed: async (request) => {
      validateEmbedRequest(request, config.id);
      throw new UnsupportedFeatureError(`${config.id}: Claude makes no embeddings; route embeddings to an embedding model.`, { feature: 'embeddings', provider: config.id });
    },
  };
}
