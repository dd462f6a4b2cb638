import type { ReasoningEffort } from '../../src/reasoning/reasoning-effort.ts';

/** How one served model (a vLLM or NIM server, or a Serverless model) takes `request.reasoning`. */
export interface CoreWeaveModelReasoning {
  /**
   * - `reasoning_effort`: send the effort as `reasoning_effort` (vLLM passes it to the chat template, and sets
   *   `enable_thinking` to `effort !== 'none'` when the request has no `enable_thinking` kwarg; gpt-oss reads it).
   * - `chat_template_kwargs`: send `kwargs` (thinking on) or `offKwargs` (effort `none`) as `chat_template_kwargs`, for
   *   templates switched by a variable: Qwen3 `enable_thinking`, DeepSeek-V3.1 and Granite `thinking`.
   * - `none`: the server takes no reasoning controls: reasoning settings are not sent, with a warning.
   * @default 'reasoning_effort'
   */
  style?: 'reasoning_effort' | 'chat_template_kwargs' | 'none' | undefined;
  /** `reasoning_effort` style: the efforts the server accepts (gpt-oss: low, medium, high); others are an `UnsupportedFeatureError`. @default every effort, sent as asked */
  efforts?: ReasoningEffort[] | undefined;
  /** `chat_template_kwargs` style: the kwargs that turn thinking on. @default { enable_thinking: true } */
  kwargs?: Record<string, unknown> | undefined;
  /** `chat_template_kwargs` style: the kwargs that turn thinking off. @default `kwargs` with every boolean negated */
  offKwargs?: Record<string, unknown> | undefined;
  /** `chat_template_kwargs` style: a template variable that takes the effort itself; without it the level is not graded (a warning). */
  effortKwarg?: string | undefined;
  /**
   * The request field for `budgetTokens`, a dotted path for a nested one: vLLM `thinking_token_budget`, NIM
   * `nvext.max_thinking_tokens`, a template's `chat_template_kwargs.reasoning_budget`; `false`: the server takes no
   * budget (a warning). @default 'thinking_token_budget'
   */
  budgetField?: string | false | undefined;
}

/**
 * `reasoning` of a CoreWeave provider: how its served models take `request.reasoning`, with per-model overrides for a
 * provider that serves several (Serverless Inference, a multi-model gateway): keys of `models` are the model ids
 * targets send.
 * @example
 * reasoning: { style: 'chat_template_kwargs', kwargs: { enable_thinking: true }, models: { 'deepseek-ai/DeepSeek-V3.1': { kwargs: { thinking: true } } } }
 */
export interface CoreWeaveReasoningSettings extends CoreWeaveModelReasoning {
  /** Per-model settings, merged over the provider's. */
  models?: Record<string, CoreWeaveModelReasoning> | undefined;
  /**
   * The assistant message field that carries an earlier turn's reasoning text back (`messages[i].reasoning.text`), for
   * templates that render it (interleaved thinking); `false` sends none. vLLM reads `reasoning` (and the older
   * `reasoning_content`). @default 'reasoning'
   */
  replayField?: 'reasoning' | 'reasoning_content' | false | undefined;
}
