export { createOpenAIMock, type OpenAIMockOptions, type ProviderMock } from './create-openai-mock.ts';
export { createVertexMock, type VertexMockOptions } from './create-vertex-mock.ts';
export { eventStream, splitText } from './mock-responses.ts';
export { openAIChatChunks, openAIChatCompletion, openAIErrorBody, openAIUsage } from './openai-wire.ts';
export { ScriptQueue } from './script-queue.ts';
export type { CapturedRequest, ScriptStep, ScriptTiming, ScriptUsage } from './script-step.ts';
export { createAzureOpenAIMock, type AzureOpenAIMockOptions } from './create-azure-openai-mock.ts';
