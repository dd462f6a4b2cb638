import type { OpenAIChatReasoning } from '../openai-compatible/openai-chat-reasoning.ts';

const GROK_4: OpenAIChatReasoning = {
  style: 'uncontrolled',
  reason: 'reasons on its own and rejects reasoning_effort (xAI: "reasoning_effort is not supported by grok-3, grok-4 and grok-4-fast-reasoning. Specifying reasoning_effort parameter will get an error response")',
  noSummary: 'xAI Grok 4 returns no reasoning text on Chat Completions ("only grok-3-mini returns message.reasoning_content"), so reasoning.summary was not honoured.',
};
const GROK_3_MINI: OpenAIChatReasoning = { style: 'reasoning_effort', efforts: ['low', 'high'] };
const GPT_OSS: OpenAIChatReasoning = { style: 'reasoning_effort', efforts: ['low', 'medium', 'high'] };
const NOT_REASONING: OpenAIChatReasoning = { style: 'unsupported', reason: 'is not a reasoning model' };

/**
 * How OCI Generative AI's models take `request.reasoning` on its OpenAI-compatible Chat Completions endpoint, which
 * "uses the same format as the OpenAI Chat Completions API" (Oracle, "OCI Chat Completions API"): `reasoning_effort`.
 * - `xai.grok-3-mini(-fast)`: `low` or `high` (xAI's reasoning guide: "It must be set to one of these values: low,
 *   high"; Oracle's model page points to the `reasoning_effort` parameter).
 * - `xai.grok-4*`, `xai.grok-3(-fast)`: no `reasoning_effort` (xAI, quoted above); Grok 4 reasons regardless.
 * - `openai.gpt-oss-120b`, `-20b`: `low`, `medium`, `high`, gpt-oss's reasoning levels; Oracle's model page says "Has
 *   Reasoning: Yes" without listing them: not confirmed on OCI from a primary source.
 * - Meta Llama models: no reasoning.
 * Other models get `reasoning_effort` sent as asked. That OCI passes these limits through exactly as xAI enforces them
 * is not confirmed from a primary source.
 */
export const OCI_CHAT_REASONING: Readonly<Record<string, OpenAIChatReasoning>> = {
  'xai.grok-3-mini': GROK_3_MINI,
  'xai.grok-3-mini-fast': GROK_3_MINI,
  'xai.grok-4': GROK_4,
  'xai.grok-4-fast-reasoning': GROK_4,
  'xai.grok-3': NOT_REASONING,
  'xai.grok-3-fast': NOT_REASONING,
  'openai.gpt-oss-120b': GPT_OSS,
  'openai.gpt-oss-20b': GPT_OSS,
  'meta.llama-3.3-70b-instruct': NOT_REASONING,
  'meta.llama-4-maverick-17b-128e-instruct-fp8': NOT_REASONING,
  'meta.llama-4-scout-17b-16e-instruct': NOT_REASONING,
};

const PASS_THROUGH: OpenAIChatReasoning = { style: 'reasoning_effort' };

/** How an OCI model takes `request.reasoning` on Chat Completions. */
export function ociChatReasoningFor(model: string): OpenAIChatReasoning {
  return Object.hasOwn(OCI_CHAT_REASONING, model) ? (OCI_CHAT_REASONING[model] as OpenAIChatReasoning) : PASS_THROUGH;
}
