export { convertToVertexSchema } from './convert-to-vertex-schema.ts';
export { createVertex, type VertexProvider } from './create-vertex.ts';
export { mapVertexFinishReason } from './map-vertex-finish-reason.ts';
export { mapVertexUsage } from './map-vertex-usage.ts';
export { VERTEX_MODEL_CAPABILITIES } from './vertex-model-capabilities.ts';
export { vertexProviderDefinition } from './vertex-provider-definition.ts';
export type { VertexSettings } from './vertex-settings.ts';
export { createVertexUrl, vertexHost, type VertexMethod } from './vertex-url.ts';
export type { VertexGenerateContentResponse, VertexUsageMetadata } from './vertex-wire-types.ts';
