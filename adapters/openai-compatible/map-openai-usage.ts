import type { Usage } from '../../src/types/usage.ts';
import type { CompletionUsage } from 'openai/resources/completions';
import { emptyUsage } from './empty-usage.ts';


/**
 * The OpenAI-format usage object (Chat Completions, Azure, vLLM), typed after the `openai` package's `CompletionUsage`
 * with every field optional (vLLM and older Azure versions send a subset), plus `cache_write_tokens`.
 */
export type OpenAIUsage = Partial<Pick<CompletionUsage, 'prompt_tokens' | 'completion_tokens' | 'total_tokens'>> & {
  prompt_tokens_details?: (NonNullable<CompletionUsage['prompt_tokens_details']> & { cache_write_tokens?: number }) | null;
  completion_tokens_details?: CompletionUsage['completion_tokens_details'] | null;
};

/**
 * Maps OpenAI-format usage to `Usage`. `prompt_tokens` already includes cached tokens and
 * `completion_tokens` already includes reasoning tokens, so nothing is added twice.
 */
export function mapOpenAIUsage(raw: OpenAIUsage | null | undefined): Usage {
  if (!raw) return emptyUsage();
  const inputTokens = raw.prompt_tokens ?? 0;
  const outputTokens = raw.completion_tokens ?? 0;
  return {
    inputTokens,
    cachedInputTokens: raw.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: raw.prompt_tokens_details?.cache_write_tokens ?? 0,
    outputTokens,
    reasoningTokens: raw.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: raw.total_tokens ?? inputTokens + outputTokens,
    raw,
  };
}
