import type { Usage } from '../../src/types/usage.ts';
import type { VertexUsageMetadata } from './vertex-wire-types.ts';

/**
 * Maps Vertex `usageMetadata` to `Usage`, so that each number means what it means for OpenAI:
 * - `inputTokens` = `promptTokenCount + toolUsePromptTokenCount`: the prompt (cached part included) plus the results
 *   of Google's built-in tools (such as Search grounding) fed back to the model, which are billed as input;
 * - `cachedInputTokens` = `cachedContentTokenCount` (a part of the input, never added);
 * - `outputTokens` = `candidatesTokenCount + thoughtsTokenCount`: Vertex counts thinking apart from the candidates,
 *   OpenAI counts reasoning inside `completion_tokens`, and both are billed as output;
 * - `reasoningTokens` = `thoughtsTokenCount` (a part of the output);
 * - `totalTokens` = `totalTokenCount`, which Vertex defines as prompt + candidates + thoughts + tool-use prompt,
 *   so it equals `inputTokens + outputTokens`.
 */
export function mapVertexUsage(raw: VertexUsageMetadata | undefined): Usage {
  const inputTokens = (raw?.promptTokenCount ?? 0) + (raw?.toolUsePromptTokenCount ?? 0);
  const reasoningTokens = raw?.thoughtsTokenCount ?? 0;
  const outputTokens = (raw?.candidatesTokenCount ?? 0) + reasoningTokens;
  const usage: Usage = {
    inputTokens,
    cachedInputTokens: raw?.cachedContentTokenCount ?? 0,
    cacheWriteTokens: 0,
    outputTokens,
    reasoningTokens,
    totalTokens: raw?.totalTokenCount ?? inputTokens + outputTokens,
  };
  if (raw) usage.raw = raw;
  return usage;
}
