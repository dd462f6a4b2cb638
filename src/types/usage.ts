/**
 * Token usage, normalised so that each number means the same for every provider.
 *
 * The rule (never counted twice):
 * - `inputTokens` is every prompt token, cached or not. `cachedInputTokens` (read from a cache) and
 *   `cacheWriteTokens` (written to a cache) are parts of it, never added to it.
 * - `outputTokens` is every generated token that is billed as output, reasoning included.
 *   `reasoningTokens` is a part of it. OpenAI's `completion_tokens` already includes reasoning;
 *   Vertex's `candidatesTokenCount` does not, so Vertex output is `candidatesTokenCount + thoughtsTokenCount`.
 * - Vertex's `toolUsePromptTokenCount` (results of built-in tools fed back to the model) is billed as input and
 *   counted in `inputTokens`.
 * - `totalTokens` is the provider's total, which equals `inputTokens + outputTokens`.
 *
 * A count the provider did not report is 0; `raw` keeps the provider's own usage object.
 */
export interface Usage {
  /** All prompt tokens, including cached ones. */
  inputTokens: number;
  /** Prompt tokens served from a cache: a part of `inputTokens`. */
  cachedInputTokens: number;
  /** Prompt tokens written to a cache: a part of `inputTokens`. */
  cacheWriteTokens: number;
  /** All billed output tokens, including reasoning. */
  outputTokens: number;
  /** Hidden reasoning or thinking tokens: a part of `outputTokens`. */
  reasoningTokens: number;
  /** Total tokens. */
  totalTokens: number;
  /** The provider's usage object as received. */
  raw?: unknown | undefined;
}
