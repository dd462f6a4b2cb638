import type { Usage } from '../../src/types/usage.ts';
import type { AnthropicUsage } from './anthropic-wire-types.ts';

const count = (value: number | null | undefined): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

/**
 * Maps Anthropic `usage` to `Usage`, so that each number means what it means for every other provider. Anthropic
 * splits the prompt into three parts that exclude each other ("Total input tokens in a request is the summation of
 * `input_tokens`, `cache_creation_input_tokens`, and `cache_read_input_tokens`"), so:
 * - `inputTokens` = `input_tokens + cache_read_input_tokens + cache_creation_input_tokens` (reading `input_tokens`
 *   alone, as for OpenAI's `prompt_tokens`, would under-count a cached prompt);
 * - `cachedInputTokens` = `cache_read_input_tokens` and `cacheWriteTokens` = `cache_creation_input_tokens`, parts of
 *   `inputTokens`, never added to it again (pricing charges each part once, at its own rate);
 * - `outputTokens` = `output_tokens`, which already counts thinking; `reasoningTokens` =
 *   `output_tokens_details.thinking_tokens` where the model reports it (a part of the output), else 0;
 * - `totalTokens` = `inputTokens + outputTokens` (Anthropic sends no total).
 */
export function mapAnthropicUsage(raw: AnthropicUsage | undefined): Usage {
  const cachedInputTokens = count(raw?.cache_read_input_tokens);
  const cacheWriteTokens = count(raw?.cache_creation_input_tokens);
  const inputTokens = count(raw?.input_tokens) + cachedInputTokens + cacheWriteTokens;
  const outputTokens = count(raw?.output_tokens);
  const usage: Usage = {
    inputTokens,
    cachedInputTokens,
    cacheWriteTokens,
    outputTokens,
    reasoningTokens: Math.min(count(raw?.output_tokens_details?.thinking_tokens), outputTokens),
    totalTokens: inputTokens + outputTokens,
  };
  if (raw) usage.raw = raw;
  return usage;
}
