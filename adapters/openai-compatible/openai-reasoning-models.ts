import type { ReasoningEffort } from '../../src/reasoning/reasoning-effort.ts';
import type { OpenAIChatReasoning } from './openai-chat-reasoning.ts';

const O_SERIES: readonly ReasoningEffort[] = ['low', 'medium', 'high'];
const GPT_5: readonly ReasoningEffort[] = ['minimal', 'low', 'medium', 'high'];
const GPT_5_1: readonly ReasoningEffort[] = ['none', 'low', 'medium', 'high'];

/**
 * The reasoning efforts OpenAI's models take, by model id (dated snapshots such as `gpt-5-2025-08-07` use their
 * family's entry); `null` marks a model without reasoning. Models not listed (`gpt-5.2` and later) get every effort
 * sent as asked, as the API decides.
 *
 * Sources: the `reasoning_effort` description of OpenAI's API spec (in the `openai` SDKs: "gpt-5.1 defaults to none …
 * supported reasoning values for gpt-5.1 are none, low, medium, and high"; "All models before gpt-5.1 … do not support
 * none"; "The gpt-5-pro model defaults to (and only supports) high"; "xhigh is supported for all models after
 * gpt-5.1-codex-max"); the API's own rejection "'minimal' is not supported with the 'gpt-5.1' model. Supported values
 * are: 'none', 'low', 'medium', and 'high'" (openai/openai-agents-python#2089); Azure's 2024-12-01-preview spec
 * (`reasoning_effort` low | medium | high for the o-series). `minimal` on gpt-5, gpt-5-mini and gpt-5-nano is from
 * OpenAI's GPT-5 launch docs as quoted by SDKs, not read in a primary source here.
 */
export const OPENAI_REASONING_EFFORTS: Readonly<Record<string, readonly ReasoningEffort[] | null>> = {
  o1: O_SERIES,
  'o3-mini': O_SERIES,
  o3: O_SERIES,
  'o4-mini': O_SERIES,
  'gpt-5': GPT_5,
  'gpt-5-mini': GPT_5,
  'gpt-5-nano': GPT_5,
  'gpt-5.1': GPT_5_1,
  'gpt-5-pro': ['high'],
  'gpt-4o': null,
  'gpt-4o-mini': null,
  'gpt-4.1': null,
  'gpt-4.1-mini': null,
  'gpt-4.1-nano': null,
  'gpt-3.5-turbo': null,
};

const SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;
const NO_SUMMARY = 'OpenAI models return no reasoning text on Chat Completions, so reasoning.summary was not honoured: the Responses API (api: responses) returns reasoning summaries.';

/** The efforts entry of a model, its snapshot's family, or undefined when the model is not listed. */
export function openAIReasoningEfforts(model: string): readonly ReasoningEffort[] | null | undefined {
  if (Object.hasOwn(OPENAI_REASONING_EFFORTS, model)) return OPENAI_REASONING_EFFORTS[model];
  const family = model.replace(SNAPSHOT, '');
  return family !== model && Object.hasOwn(OPENAI_REASONING_EFFORTS, family) ? OPENAI_REASONING_EFFORTS[family] : undefined;
}

/** How an OpenAI model (on OpenAI or Azure) takes `request.reasoning` on Chat Completions. */
export function openAIChatReasoningFor(model: string): OpenAIChatReasoning {
  const efforts = openAIReasoningEfforts(model);
  if (efforts === null) return { style: 'unsupported', reason: 'is not a reasoning model (it takes no reasoning_effort)', servedModel: model };
  return efforts === undefined ? { style: 'reasoning_effort', noSummary: NO_SUMMARY, servedModel: model } : { style: 'reasoning_effort', efforts, noSummary: NO_SUMMARY, servedModel: model };
}
