/**
 * The reasoning of an earlier assistant turn, sent back as history so that a reasoning model can continue its
 * thought (OpenAI Responses encrypted reasoning items, Gemini thought signatures, Anthropic thinking blocks).
 * `providerData` is opaque and belongs to the provider type that produced it: it is sent back only to the same
 * provider type, and dropped with a warning when the call goes to another.
 */
export interface AssistantReasoning {
  /** The reasoning text the provider returned (a summary or the thoughts), for display and for providers that take it back as text. */
  text?: string | undefined;
  /** The provider's own state, as the adapter returned it in `result.reasoningState`; opaque to the caller. */
  providerData?: unknown | undefined;
}
