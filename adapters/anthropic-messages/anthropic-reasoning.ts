import { asksForReasoning } from '../../src/reasoning/asks-for-reasoning.ts';
import type { ReasoningSettings } from '../../src/types/reasoning-settings.ts';
import type { Warning } from '../../src/types/warning.ts';
import type { AnthropicEffort, AnthropicModelFacts } from './anthropic-model-facts.ts';

type Json = Record<string, unknown>;

/**
 * The thinking budget for an effort on models that take a budget (Claude 3.7 to 4.5), in tokens. Anthropic documents
 * no mapping; these are Switchyard's, from the smallest budget Anthropic accepts (1,024) doubling upwards, and are
 * capped to leave room for the answer within `max_tokens`.
 */
export const ANTHROPIC_EFFORT_BUDGETS: Readonly<Record<Exclude<NonNullable<ReasoningSettings['effort']>, 'none'>, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};

/** The smallest `budget_tokens` Anthropic accepts. */
export const MIN_THINKING_BUDGET = 1024;

/** What the request asks of thinking, resolved for one model. */
export interface AnthropicThinking {
  /** The `thinking` field, when one is sent. */
  thinking?: Json;
  /** `output_config.effort`, when one is sent. */
  effort?: AnthropicEffort;
  /** A budget to fit below `max_tokens` (manual thinking), and whether the caller set it. */
  budget?: { tokens: number; explicit: boolean };
  /** The model thinks in this call: sampling parameters and forced tools are restricted. */
  active: boolean;
}

function mapEffort(effort: NonNullable<ReasoningSettings['effort']>, facts: AnthropicModelFacts, warnings: Warning[]): AnthropicEffort | undefined {
  const levels = facts.effort;
  if (!levels || effort === 'none') return undefined;
  if (effort === 'minimal') {
    warnings.push({ type: 'other', setting: 'reasoning.effort', message: `Claude has no minimal effort; ${facts.family} was sent low.` });
    return 'low';
  }
  if (levels.includes(effort)) return effort;
  const sent: AnthropicEffort = levels.includes('max') ? 'max' : 'high';
  warnings.push({ type: 'other', setting: 'reasoning.effort', message: `${facts.family} has no ${effort} effort; it was sent ${sent}.` });
  return sent;
}

/**
 * Maps `request.reasoning` to the model's form: `thinking: { type: 'enabled', budget_tokens }` on models with manual
 * thinking (the budget from `budgetTokens`, else from the effort), `thinking: { type: 'adaptive' }` with
 * `output_config.effort` on adaptive models (Claude 4.6 uses the budget form when `budgetTokens` is given), and the
 * effort alone on Claude Opus 4.5 beside its budget. `summary: true` asks adaptive models for
 * `display: 'summarized'` (newer models may omit the thinking text by default). What a model cannot do is a warning.
 * Not confirmed from a primary source: which models accept `display` (it is sent only with `summary: true` on
 * adaptive models), and that always-on models accept `thinking: { type: 'adaptive' }` being sent explicitly.
 */
export function resolveAnthropicThinking(reasoning: ReasoningSettings | undefined, facts: AnthropicModelFacts, warnings: Warning[]): AnthropicThinking {
  const mode = facts.thinking;
  // The same reading of the settings as routing's: `{}`, effort `none` and a zero budget (which wins) ask for no thinking.
  const wants = asksForReasoning(reasoning);
  const off = reasoning !== undefined && (reasoning.budgetTokens !== undefined ? reasoning.budgetTokens === 0 : reasoning.effort === 'none');
  if (off && mode === 'always') {
    warnings.push({ type: 'unsupported-setting', setting: reasoning.budgetTokens !== undefined ? 'reasoning.budgetTokens' : 'reasoning.effort', message: `${facts.family} always thinks; reasoning cannot be turned off.` });
  }
  if (!wants || reasoning === undefined) return { active: mode === 'always' };
  if (mode === 'none') {
    warnings.push({ type: 'unsupported-setting', setting: 'reasoning', message: `${facts.family} has no extended thinking; the reasoning settings were not sent.` });
    return { active: false };
  }
  const effort = reasoning.effort;
  const mapped = effort === undefined ? undefined : mapEffort(effort, facts, warnings);
  const budgetTokens = reasoning.budgetTokens;
  if (mode === 'manual' || (mode === 'both' && budgetTokens !== undefined)) {
    let tokens = budgetTokens ?? ANTHROPIC_EFFORT_BUDGETS[effort === undefined || effort === 'none' ? 'medium' : effort];
    if (tokens < MIN_THINKING_BUDGET) {
      warnings.push({ type: 'other', setting: 'reasoning.budgetTokens', message: `Claude's smallest thinking budget is ${MIN_THINKING_BUDGET} tokens; ${tokens} was raised to it.` });
      tokens = MIN_THINKING_BUDGET;
    }
    const resolved: AnthropicThinking = { budget: { tokens, explicit: budgetTokens !== undefined }, active: true };
    if (mapped && mode === 'manual') resolved.effort = mapped;
    return resolved;
  }
  if (budgetTokens !== undefined) {
    warnings.push({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', message: `${facts.family} takes no thinking budget (adaptive thinking only); ${mapped ? 'the effort was sent instead' : 'it thinks at its default effort'}.` });
  }
  const thinking: Json = { type: 'adaptive' };
  if (reasoning.summary) thinking.display = 'summarized';
  const resolved: AnthropicThinking = { thinking, active: true };
  if (mapped) resolved.effort = mapped;
  return resolved;
}
