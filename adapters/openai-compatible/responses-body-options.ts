import type { OpenAIResponsesBodyOptions } from './convert-to-openai-responses-body.ts';
import type { OpenAICompatibleConfig } from './openai-compatible-config.ts';

/**
 * The Responses body options of one call, with the provider's rules: its per-model reasoning efforts (the same as on
 * Chat Completions) and whether it takes `prompt_cache_key` (OpenAI and Azure v1 do; elsewhere `cacheKey` is ignored
 * without a warning, as on Chat Completions).
 */
export function responsesBodyOptions(config: OpenAICompatibleConfig, model: string | undefined, stream: boolean): OpenAIResponsesBodyOptions {
  return { model, stream, providerOptionsKey: config.type, provider: config.id, reasoning: config.chatReasoning, promptCacheKey: config.promptCacheKey === true };
}
