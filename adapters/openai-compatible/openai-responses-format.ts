/**
 * The `format` tag of reasoning state produced by the Responses API adapter (`ReasoningProviderData.format`):
 * encrypted reasoning items, sent back only to a provider with the same id.
 */
export const OPENAI_RESPONSES_FORMAT = 'openai-responses';
