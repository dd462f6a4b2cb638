import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import { asksForReasoning } from '../../src/reasoning/asks-for-reasoning.ts';
import type { ReasoningSettings } from '../../src/types/reasoning-settings.ts';
import type { Warning } from '../../src/types/warning.ts';
import type { OpenAIChatReasoning } from './openai-chat-reasoning.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets `value` at a dotted `path` of `body`, keeping what objects on the way already hold. */
function setPath(body: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = body;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as string;
    const next = node[key];
    node = node[key] = isObject(next) ? { ...next } : {};
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Whether the settings turn reasoning off: effort `none`, or a zero budget (which wins over effort). */
const turnsOff = (s: ReasoningSettings) => (s.budgetTokens !== undefined ? s.budgetTokens === 0 : s.effort === 'none');

/**
 * Maps `request.reasoning` into a Chat Completions body for a model that takes it as `spec` says (see
 * `OpenAIChatReasoning`). What the model cannot honour becomes a warning; an effort it rejects outright, or reasoning
 * asked of a model that has none, throws `UnsupportedFeatureError` before anything is sent.
 */
export function applyOpenAIChatReasoning(body: Json, settings: ReasoningSettings, spec: OpenAIChatReasoning, ctx: { provider: string; model: string; warnings: Warning[] }): void {
  const { provider, warnings } = ctx;
  const model = spec.servedModel && spec.servedModel !== ctx.model ? `${ctx.model} (${spec.servedModel})` : ctx.model;
  const { effort, budgetTokens, summary } = settings;
  switch (spec.style) {
    case 'unsupported':
      if (asksForReasoning(settings)) {
        throw new UnsupportedFeatureError(`${provider}: the request asks for reasoning and ${model} ${spec.reason}. Route reasoning requests to a reasoning model (capabilities.reasoning: false lets routing skip this one), or drop request.reasoning.`, { feature: 'reasoning', provider });
      }
      return;
    case 'uncontrolled':
      if (effort !== undefined || budgetTokens !== undefined) {
        warnings.push({ type: 'unsupported-setting', setting: budgetTokens !== undefined ? 'reasoning.budgetTokens' : 'reasoning.effort', message: `${provider}: ${model} ${spec.reason}; reasoning ${budgetTokens !== undefined ? `budgetTokens ${budgetTokens}` : `effort "${effort}"`} was not sent.` });
      }
      if (summary && spec.noSummary) warnings.push({ type: 'unsupported-setting', setting: 'reasoning.summary', message: `${provider}: ${spec.noSummary}` });
      return;
    case 'reasoning_effort': {
      if (effort !== undefined) {
        if (spec.efforts && !spec.efforts.includes(effort)) {
          throw new UnsupportedFeatureError(
            `${provider}: ${model} does not take reasoning effort "${effort}"; it takes ${spec.efforts.map((e) => `"${e}"`).join(', ')}. Ask for one of those, or route this effort to a model that has it.`,
            { feature: 'reasoning.effort', provider },
          );
        }
        body.reasoning_effort = effort;
      }
      if (budgetTokens !== undefined) {
        if (spec.budgetField) setPath(body, spec.budgetField, budgetTokens);
        else warnings.push({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', message: `${provider}: ${model} takes a reasoning effort, not a token budget, on Chat Completions; budgetTokens ${budgetTokens} was not sent${effort === undefined ? ' (set reasoning.effort instead)' : ''}.` });
      }
      if (summary && spec.noSummary) warnings.push({ type: 'unsupported-setting', setting: 'reasoning.summary', message: `${provider}: ${spec.noSummary}` });
      return;
    }
    case 'chat_template_kwargs': {
      const off = turnsOff(settings);
      if (!off && !asksForReasoning(settings)) return;
      const kwargs: Json = { ...(off ? spec.offKwargs : spec.kwargs) };
      if (!off && effort !== undefined) {
        if (spec.effortKwarg) kwargs[spec.effortKwarg] = effort;
        else warnings.push({ type: 'unsupported-setting', setting: 'reasoning.effort', message: `${provider}: ${model}'s chat template switches thinking on or off and takes no effort level, so effort "${effort}" was sent as thinking on (chat_template_kwargs ${JSON.stringify(spec.kwargs)}). Set reasoning.effortKwarg in the provider's config if the template takes one.` });
      }
      body.chat_template_kwargs = kwargs;
      if (budgetTokens !== undefined && budgetTokens > 0) {
        if (spec.budgetField) setPath(body, spec.budgetField, budgetTokens);
        else warnings.push({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', message: `${provider}: no thinking-budget field is configured for ${model} (reasoning.budgetField); budgetTokens ${budgetTokens} was not sent.` });
      }
      return;
    }
  }
}
