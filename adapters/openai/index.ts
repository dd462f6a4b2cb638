import '../../src/runtime/require-supported-node.ts';
export { createOpenAI, type OpenAIProvider } from './create-openai.ts';
export { OPENAI_MODEL_CAPABILITIES } from './openai-model-capabilities.ts';
export { openaiProviderDefinition } from './openai-provider-definition.ts';
export type { OpenAISettings } from './openai-settings.ts';
