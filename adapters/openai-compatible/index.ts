import '../../src/runtime/require-supported-node.ts';
export { convertToOpenAIChatBody, type OpenAIChatBodyOptions } from './convert-to-openai-chat-body.ts';
export { createOpenAIClient } from './create-openai-client.ts';
export { createOpenAICompatibleProvider } from './create-openai-compatible-provider.ts';
export { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
export { emptyUsage } from './empty-usage.ts';
export { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';
export type { OpenAIClientOptions, OpenAICompatibleConfig, OpenAIOperation } from './openai-compatible-config.ts';
