import type { Usage } from '../../types/usage.ts';

/**
 * Switchyard's usage as OpenAI's `usage`: the counting rules are the same (prompt tokens include cached ones,
 * completion tokens include reasoning), so the numbers carry over one to one.
 */
export function toOpenAIUsage(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens || usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: usage.cacheWriteTokens > 0 ? { cached_tokens: usage.cachedInputTokens, cache_write_tokens: usage.cacheWriteTokens } : { cached_tokens: usage.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}
