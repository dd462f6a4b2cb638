import type { ReasoningSettings } from '../types/reasoning-settings.ts';

/**
 * Whether a request's reasoning settings ask the model to reason (so that a target with `capabilities.reasoning: false`
 * cannot serve it): a positive `budgetTokens` (which wins over `effort`), else an effort other than `none`, else
 * `summary: true`. Unset, `{}`, effort `none` and `budgetTokens: 0` ask for nothing a non-reasoning model lacks.
 */
export function asksForReasoning(settings: ReasoningSettings | undefined): boolean {
  if (settings === undefined) return false;
  if (settings.budgetTokens !== undefined) return settings.budgetTokens > 0;
  if (settings.effort !== undefined) return settings.effort !== 'none';
  return settings.summary === true;
}
