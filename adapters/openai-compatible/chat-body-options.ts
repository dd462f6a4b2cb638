import type { OpenAIChatBodyOptions } from './convert-to-openai-chat-body.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';

/**
 * Completes the Chat Completions body options of one call with the provider's rules (reasoning, documents, cache key,
 * reasoning replay). Mutates and returns `call`; the reasoning rule is looked up only for requests that have settings.
 */
export function chatBodyOptions(config: OpenAICompatibleConfig, call: Omit<OpenAIChatBodyOptions, 'providerOptionsKey'>): OpenAIChatBodyOptions {
  const options = call as OpenAIChatBodyOptions;
  options.providerOptionsKey = config.type;
  options.provider = config.id;
  if (config.chatReasoning) options.reasoning = config.chatReasoning;
  if (config.chatDocuments) options.documents = config.chatDocuments;
  if (config.promptCacheKey) options.promptCacheKey = true;
  if (config.serviceTier) options.serviceTier = true;
  if (config.reasoningReplayField) options.reasoningReplayField = config.reasoningReplayField;
  return options;
}
