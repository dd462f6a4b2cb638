import type { ResponseUsage } from 'openai/resources/responses/responses';
import type { Usage } from '../../src/types/usage.ts';
import { emptyUsage } from './empty-usage.ts';

/**
 * The Responses API usage object, typed after the `openai` package's `ResponseUsage` with every field optional
 * (OpenAI-compatible servers send a subset).
 */
export type OpenAIResponsesUsage = Partial<Pick<ResponseUsage, 'input_tokens' | 'output_tokens' | 'total_tokens'>> & {
  input_tokens_details?: Partial<ResponseUsage['input_tokens_details']> | null;
  output_tokens_details?: Partial<ResponseUsage['output_tokens_details']> | null;
};

/**
 * Maps Responses usage to `Usage`: `input_tokens` already includes `input_tokens_details.cached_tokens` (and
 * `cache_write_tokens`), `output_tokens` already includes `output_tokens_details.reasoning_tokens`, so nothing is
 * added twice.
 */
export function mapOpenAIResponsesUsage(raw: OpenAIResponsesUsage | null | undefined): Usage {
  if (!raw) return emptyUsage();
  const inputTokens = raw.input_tokens ?? 0;
  const outputTokens = raw.output_tokens ?? 0;
  return {
    inputTokens,
    cachedInputTokens: raw.input_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: raw.input_tokens_details?.cache_write_tokens ?? 0,
    outputTokens,
    reasoningTokens: raw.output_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: raw.total_tokens ?? inputTokens + outputTokens,
    raw,
  };
}
