/**
 * How much a reasoning model should think, the same for every provider. Each adapter maps it to its provider's
 * own controls (see the mapping table in the README); a setting a target cannot honour becomes a warning on the
 * result, never a silent drop.
 */
export interface ReasoningSettings {
  /**
   * The reasoning effort. `none` turns reasoning off where the model allows it; `minimal` to `xhigh` ask for
   * increasingly long reasoning. Providers that take a token budget instead get the adapter's documented budget
   * for the effort.
   */
  effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | undefined;
  /** The most tokens to spend on reasoning, for providers that take a budget (Gemini 2.5 `thinkingBudget`, Anthropic `budget_tokens`). Wins over `effort` where both apply. */
  budgetTokens?: number | undefined;
  /** Ask for the model's reasoning text (a summary, or its thoughts), delivered as `reasoning-delta` parts and `result.reasoning`. @default false */
  summary?: boolean | undefined;
}
