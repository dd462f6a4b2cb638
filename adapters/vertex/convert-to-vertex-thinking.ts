import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { asksForReasoning } from '../../src/reasoning/asks-for-reasoning.ts';
import { nearestEffort } from '../../src/reasoning/nearest-effort.ts';
import type { ReasoningEffort } from '../../src/reasoning/reasoning-effort.ts';
import type { ReasoningSettings } from '../../src/types/reasoning-settings.ts';
import type { Warning } from '../../src/types/warning.ts';
import { vertexThinkingFor, type VertexThinkingLevel } from './vertex-thinking-models.ts';

/**
 * The Gemini 2.5 thinking budget of each effort, in tokens: `low`, `medium` and `high` are the budgets Google itself
 * maps OpenAI's `reasoning_effort` to in its OpenAI-compatible API (1024, 8192, 24576); `minimal` is Flash-Lite's
 * smallest budget; `none` turns thinking off; `xhigh` is the model's largest budget (32768 for an unknown model).
 */
export const GEMINI_EFFORT_BUDGETS: Readonly<Record<Exclude<ReasoningEffort, 'xhigh'>, number>> = { none: 0, minimal: 512, low: 1024, medium: 8192, high: 24576 };

const LEVEL_OF: Readonly<Record<ReasoningEffort, VertexThinkingLevel>> = { none: 'minimal', minimal: 'minimal', low: 'low', medium: 'medium', high: 'high', xhigh: 'high' };

/**
 * Maps `request.reasoning` to `generationConfig.thinkingConfig` for a Gemini model (see the README's mapping table):
 * Gemini 2.5 takes `thinkingBudget` (`budgetTokens` wins, else the effort's budget from `GEMINI_EFFORT_BUDGETS`, kept in
 * the model's range with a warning), Gemini 3 takes `thinkingLevel` (an effort the model has no level for gets the
 * nearest one with a warning; `budgetTokens` is sent as `thinkingBudget`, which Gemini 3 accepts for compatibility);
 * `summary` becomes `includeThoughts`. Asking a model that does not think to reason is an `UnsupportedFeatureError`.
 * Returns undefined when nothing is to be sent.
 */
export function convertToVertexThinking(settings: ReasoningSettings, model: string, provider: string, warnings: Warning[]): Record<string, unknown> | undefined {
  const thinking = vertexThinkingFor(model);
  const { effort, budgetTokens, summary } = settings;
  const config: Record<string, unknown> = {};
  const warn = (setting: string, message: string) => warnings.push({ type: 'unsupported-setting', setting, message: `${provider}: ${message}` });

  if (thinking?.kind === 'none') {
    if (asksForReasoning(settings)) {
      throw new UnsupportedFeatureError(`${provider}: the request asks for reasoning and ${model} does not think (it takes no thinkingConfig). Use a Gemini 2.5 or later model (capabilities.reasoning: false lets routing skip this one), or drop request.reasoning.`, { feature: 'reasoning', provider });
    }
    return undefined;
  }
  if (thinking === undefined && !/gemini/.test(model)) {
    if (effort !== undefined || budgetTokens !== undefined || summary) warn('reasoning', `Switchyard does not know how ${model} takes reasoning settings, so they were not sent; pass them in providerOptions.vertex.generationConfig.thinkingConfig.`);
    return undefined;
  }

  if (budgetTokens !== undefined) {
    if (thinking?.kind === 'budget') config.thinkingBudget = clampBudget(budgetTokens, thinking, model, warn);
    else if (thinking?.kind === 'level' && budgetTokens === 0) {
      config.thinkingLevel = lowest(thinking.levels).toUpperCase();
      warn('reasoning.budgetTokens', `${model} cannot turn thinking off, so budgetTokens 0 was sent as thinkingLevel ${String(config.thinkingLevel)}, its lowest.`);
    } else config.thinkingBudget = budgetTokens;
  } else if (effort !== undefined) {
    if (thinking?.kind === 'level') config.thinkingLevel = levelFor(effort, thinking.levels, model, warn).toUpperCase();
    else {
      const budget = effort === 'xhigh' ? (thinking?.max ?? 32768) : GEMINI_EFFORT_BUDGETS[effort];
      if (thinking === undefined) config.thinkingBudget = budget;
      else if (budget === 0 && !thinking.canDisable) {
        config.thinkingBudget = thinking.min;
        warn('reasoning.effort', `${model} cannot turn thinking off, so effort "none" was sent as thinkingBudget ${thinking.min}, its smallest budget.`);
      } else config.thinkingBudget = budget === 0 ? 0 : clampBudget(budget, thinking, model, warn);
    }
  }
  if (summary) config.includeThoughts = true;
  return Object.keys(config).length > 0 ? config : undefined;
}

function clampBudget(budget: number, thinking: { min: number; max: number; canDisable: boolean }, model: string, warn: (setting: string, message: string) => void): number {
  if (budget === 0) {
    if (thinking.canDisable) return 0;
    warn('reasoning.budgetTokens', `${model} cannot turn thinking off, so budgetTokens 0 was sent as ${thinking.min}, its smallest budget.`);
    return thinking.min;
  }
  if (budget < thinking.min || budget > thinking.max) {
    const sent = budget < thinking.min ? thinking.min : thinking.max;
    warn('reasoning.budgetTokens', `${model} takes a thinking budget from ${thinking.min} to ${thinking.max} tokens, so ${budget} was sent as ${sent}.`);
    return sent;
  }
  return budget;
}

const lowest = (levels: readonly VertexThinkingLevel[]) => levels[0] as VertexThinkingLevel;

function levelFor(effort: ReasoningEffort, levels: readonly VertexThinkingLevel[], model: string, warn: (setting: string, message: string) => void): VertexThinkingLevel {
  if (effort === 'none') {
    const level = lowest(levels);
    warn('reasoning.effort', `${model} cannot turn thinking off, so effort "none" was sent as thinkingLevel ${level.toUpperCase()}, its lowest.`);
    return level;
  }
  const wanted = LEVEL_OF[effort];
  const level = levels.includes(wanted) ? wanted : nearestEffort(wanted, levels);
  if (effort === 'xhigh') warn('reasoning.effort', `${model}'s highest thinking level is ${level.toUpperCase()}, so effort "xhigh" was sent as ${level.toUpperCase()}.`);
  else if (level !== wanted) warn('reasoning.effort', `${model} has no ${wanted.toUpperCase()} thinking level (it takes ${levels.map((l) => l.toUpperCase()).join(', ')}), so effort "${effort}" was sent as ${level.toUpperCase()}.`);
  return level;
}
