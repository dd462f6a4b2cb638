import '../runtime/require-supported-node.ts';
/**
 * `switchyard/testing`: msw handlers that speak each provider's wire format, scripted step by step (text, tool
 * calls, usage, latency, errors with `retry-after`, hangs, streams cut part-way), for testing Switchyard configs
 * offline in your own test runner. Needs `msw` (a peer dependency). See the README, "Test your failover config".
 */
export { createOpenAIMock, type OpenAIMockOptions, type ProviderMock } from './create-openai-mock.ts';
export { createAzureOpenAIMock, type AzureOpenAIMockOptions } from './create-azure-openai-mock.ts';
export { createVertexMock, type VertexMockOptions } from './create-vertex-mock.ts';
export { createCoreWeaveMock, type CoreWeaveMockOptions } from './create-coreweave-mock.ts';
export { createOCIMock, type OCIMockOptions } from './create-oci-mock.ts';
export { ScriptQueue } from './script-queue.ts';
export type { CapturedRequest, ScriptCapacity, ScriptStep, ScriptTiming, ScriptUsage } from './script-step.ts';
export { eventStream, splitText } from './mock-responses.ts';
export { openAIChatChunks, openAIChatCompletion, openAIErrorBody, openAIUsage } from './openai-wire.ts';
export { mockEncryptedReasoning, openAIResponsesErrorEvents, openAIResponsesEvents, openAIResponsesResponse, openAIResponsesUsage, type ResponsesEcho } from './openai-responses-wire.ts';
export { azureChatChunks, azureChatCompletion, azureErrorBody } from './azure-openai-wire.ts';
export { vertexEmbedContent, vertexErrorBody, vertexGenerateContentResponse, vertexPredictEmbeddings, vertexStreamChunks, type VertexResponseMeta } from './vertex-wire.ts';
export { anthropicErrorBody, anthropicMessage, anthropicServedModel, anthropicStreamEvents, anthropicUsage, type AnthropicMessageMeta } from './anthropic-wire.ts';
