import type { ReasoningEffort } from '../../src/reasoning/reasoning-effort.ts';

/**
 * How a served model takes `request.reasoning` on Chat Completions (internal; each adapter says it per model):
 * - `reasoning_effort`: the effort is sent as `reasoning_effort` (OpenAI, Azure, OCI, vLLM). With `efforts`, an effort
 *   the model rejects outright is an `UnsupportedFeatureError` before sending; without, any effort is sent as asked.
 * - `chat_template_kwargs`: the served model's chat template switches thinking on or off (vLLM, NIM): `kwargs` are sent
 *   as `chat_template_kwargs` for any effort but `none`, `offKwargs` for `none`; `effortKwarg` names a template variable
 *   that takes the effort itself, else the level is not graded (a warning).
 * - `uncontrolled`: the model reasons on its own and rejects every control (xAI Grok 4): nothing is sent, with a warning.
 * - `unsupported`: not a reasoning model: asking for reasoning is an `UnsupportedFeatureError`; effort `none` sends nothing.
 */
export type OpenAIChatReasoning = (
  | {
      style: 'reasoning_effort';
      /** The efforts the model accepts; undefined: unknown, every effort is sent as asked. */
      efforts?: readonly ReasoningEffort[] | undefined;
      /** The request field that takes `budgetTokens` (a dotted path for a nested one); undefined: no budget control (a warning). */
      budgetField?: string | undefined;
      /** Why `summary: true` cannot be honoured on this API (a warning); undefined when reasoning text comes back. */
      noSummary?: string | undefined;
    }
  | {
      style: 'chat_template_kwargs';
      /** Sent as `chat_template_kwargs` when the request asks for reasoning. */
      kwargs: Readonly<Record<string, unknown>>;
      /** Sent as `chat_template_kwargs` for effort `none` (or `budgetTokens: 0`). */
      offKwargs: Readonly<Record<string, unknown>>;
      /** A template variable that takes the effort itself (`reasoning_effort`), added to `kwargs`. */
      effortKwarg?: string | undefined;
      /** The request field that takes `budgetTokens` (dotted for nested, `chat_template_kwargs.x` into the kwargs). */
      budgetField?: string | undefined;
    }
  | { style: 'uncontrolled'; /** Why, in words (for the warning). */ reason: string; /** As for `reasoning_effort`. */ noSummary?: string | undefined }
  | { style: 'unsupported'; /** Why, in words (for the error). */ reason: string }
) & {
  /** The model the rule is for, when the request names something else (an Azure deployment): named in messages. */
  servedModel?: string | undefined;
};
