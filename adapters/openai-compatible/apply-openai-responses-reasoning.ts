import type { Reasoning } from 'openai/resources/shared';
import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { asksForReasoning } from '../../src/reasoning/asks-for-reasoning.ts';
import type { ReasoningSettings } from '../../src/types/reasoning-settings.ts';
import type { Warning } from '../../src/types/warning.ts';
import type { OpenAIChatReasoning } from './openai-chat-reasoning.ts';

/**
 * The Responses API's `reasoning: { effort, summary }` for `settings`, under the model's rule (the same per-model
 * efforts as on Chat Completions: a model takes the efforts it takes whichever API carries them). An effort the model
 * rejects, or reasoning asked of a model that has none, throws `UnsupportedFeatureError` before anything is sent (the
 * API would answer 400); a model that reasons on its own (`uncontrolled`, xAI Grok 4) gets no `reasoning` field, with a
 * warning for each setting; `budgetTokens` is never sent (Responses takes an effort), with a warning. `summary: true`
 * is `summary: 'auto'`. Returns undefined when nothing is to be sent. The rule's Chat Completions parts
 * (`budgetField`, `noSummary`, template kwargs) do not apply here: a `chat_template_kwargs` rule passes the effort as
 * asked. Not confirmed from a primary source: that Grok 4 rejects `reasoning.summary` on the Responses API as it
 * rejects `reasoning_effort` (it is not sent).
 */
export function applyOpenAIResponsesReasoning(settings: ReasoningSettings, rule: OpenAIChatReasoning | undefined, ctx: { provider: string; model: string; warnings: Warning[] }): Reasoning | undefined {
  const { provider, warnings } = ctx;
  const model = rule?.servedModel && rule.servedModel !== ctx.model ? `${ctx.model} (${rule.servedModel})` : ctx.model;
  const { effort, budgetTokens, summary } = settings;
  if (rule?.style === 'unsupported') {
    if (asksForReasoning(settings)) {
      throw new UnsupportedFeatureError(`${provider}: the request asks for reasoning and ${model} ${rule.reason}. Route reasoning requests to a reasoning model (capabilities.reasoning: false lets routing skip this one), or drop request.reasoning.`, { feature: 'reasoning', provider });
    }
    return undefined;
  }
  if (rule?.style === 'uncontrolled') {
    if (effort !== undefined || budgetTokens !== undefined) {
      warnings.push({ type: 'unsupported-setting', setting: budgetTokens !== undefined ? 'reasoning.budgetTokens' : 'reasoning.effort', message: `${provider}: ${model} ${rule.reason}; reasoning ${budgetTokens !== undefined ? `budgetTokens ${budgetTokens}` : `effort "${effort}"`} was not sent.` });
    }
    if (summary) warnings.push({ type: 'unsupported-setting', setting: 'reasoning.summary', message: `${provider}: ${model} takes no reasoning controls, so reasoning.summary was not sent.` });
    return undefined;
  }
  const out: Reasoning = {};
  if (effort !== undefined) {
    const efforts = rule?.style === 'reasoning_effort' ? rule.efforts : undefined;
    if (efforts && !efforts.includes(effort)) {
      throw new UnsupportedFeatureError(
        `${provider}: ${model} does not take reasoning effort "${effort}"; it takes ${efforts.map((e) => `"${e}"`).join(', ')}. Ask for one of those, or route this effort to a model that has it.`,
        { feature: 'reasoning.effort', provider },
      );
    }
    out.effort = effort;
  }
  if (summary) out.summary = 'auto';
  if (budgetTokens !== undefined) {
    warnings.push({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', message: `${provider}: the Responses API takes a reasoning effort, not a token budget; budgetTokens was not sent${effort === undefined ? ' (set reasoning.effort)' : ''}.` });
  }
  return out.effort !== undefined || out.summary !== undefined ? out : undefined;
}
