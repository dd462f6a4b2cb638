/**
 * The reasoning of an earlier assistant turn, sent back as history so that a reasoning model can continue its
 * thought (OpenAI Responses encrypted reasoning items, Gemini thought signatures, Anthropic thinking blocks).
 */
export interface AssistantReasoning {
  /** The reasoning text the provider returned (a summary or the thoughts), for display and for providers that take it back as text. */
  text?: string | undefined;
  /**
   * The provider's own state, as the adapter returned it in `result.reasoningState`; opaque to the caller. It belongs to
   * the provider that produced it: an adapter sends it back only when its `format` (the wire format, for example
   * `openai-responses`, `gemini`, `anthropic-messages`) and its `provider` (the provider's id) match its own, and
   * otherwise drops it with a warning (a call that failed over to another provider never receives state it cannot
   * read, such as another organisation's encrypted reasoning).
   */
  providerData?: ReasoningProviderData | undefined;
}

/** The provider-owned part of `AssistantReasoning`: tagged with its wire format and provider id, the rest is the adapter's. */
export interface ReasoningProviderData {
  /** The wire format that produced it (`openai-responses`, `gemini`, `anthropic-messages`). */
  format: string;
  /** The id of the provider that produced it (the config id, or the adapter type when created directly). */
  provider: string;
  /** The adapter's own fields (encrypted items, signatures, thinking blocks). */
  [key: string]: unknown;
}
