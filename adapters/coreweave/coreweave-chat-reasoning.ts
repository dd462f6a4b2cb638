import type { OpenAIChatReasoning } from '../openai-compatible/openai-chat-reasoning.ts';
import type { CoreWeaveModelReasoning, CoreWeaveReasoningSettings } from './coreweave-reasoning-settings.ts';

const negateBooleans = (kwargs: Record<string, unknown>) => Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, typeof v === 'boolean' ? !v : v]));

function toRule(settings: CoreWeaveModelReasoning, providerId: string): OpenAIChatReasoning {
  const budgetField = settings.budgetField === false ? undefined : (settings.budgetField ?? 'thinking_token_budget');
  const withBudget = <T extends object>(rule: T): T => (budgetField === undefined ? rule : { ...rule, budgetField });
  switch (settings.style ?? 'reasoning_effort') {
    case 'none':
      return { style: 'uncontrolled', reason: `takes no reasoning controls (providers.${providerId}.reasoning.style: none)` };
    case 'chat_template_kwargs': {
      const kwargs = settings.kwargs ?? { enable_thinking: true };
      const rule: OpenAIChatReasoning = { style: 'chat_template_kwargs', kwargs, offKwargs: settings.offKwargs ?? negateBooleans(kwargs) };
      if (settings.effortKwarg) rule.effortKwarg = settings.effortKwarg;
      return withBudget(rule);
    }
    default: {
      const rule: OpenAIChatReasoning = { style: 'reasoning_effort' };
      if (settings.efforts) rule.efforts = settings.efforts;
      return withBudget(rule);
    }
  }
}

/**
 * The reasoning rule of each served model of a CoreWeave provider: `settings.models[model]` merged over the
 * provider-wide settings, built once per model id and kept (a provider serves a handful of models).
 */
export function createCoreWeaveChatReasoning(settings: CoreWeaveReasoningSettings | undefined, providerId: string): (model: string) => OpenAIChatReasoning {
  const { models, replayField: _replay, ...base } = settings ?? {};
  const shared = toRule(base, providerId);
  if (!models) return () => shared;
  const rules = new Map<string, OpenAIChatReasoning>();
  for (const [model, own] of Object.entries(models)) rules.set(model, toRule({ ...base, ...own }, providerId));
  return (model) => rules.get(model) ?? shared;
}
