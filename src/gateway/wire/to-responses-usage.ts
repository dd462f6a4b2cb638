import type { Usage } from '../../types/usage.ts';

/**
 * Switchyard's usage as the Responses API's `usage`: the counting rules are the same (input tokens include cached
 * ones, output tokens include reasoning), so the numbers carry over one to one.
 */
export function toResponsesUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens, cache_write_tokens: usage.cacheWriteTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.totalTokens || usage.inputTokens + usage.outputTokens,
  };
}
