import { createAnthropicMessagesProvider } from '../anthropic-messages/create-anthropic-messages-provider.ts';
import type { AnthropicMessagesConfig } from '../anthropic-messages/anthropic-messages-config.ts';
import type { Provider } from '../../src/types/provider.ts';
import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import { DEFAULT_VERSIONS } from '../../src/versions/default-versions.ts';
import { sendVertexRequest } from './send-vertex-request.ts';
import { vertexClaudeRequestHeaders } from './vertex-request-headers.ts';
import type { VertexConfig } from './vertex-config.ts';
import type { VertexAnthropicSettings } from './vertex-settings.ts';

/**
 * Claude on a Vertex provider: Anthropic's Messages format (the `anthropic-messages` base) on Vertex's URLs,
 * credentials and hosts. Requests go to `…/publishers/anthropic/models/{model}:rawPredict` (`:streamRawPredict` for
 * streams) with `anthropic_version` in the body and no `model` in it (Anthropic's "Claude on Vertex AI": "model is not
 * passed in the request body … anthropic_version is passed in the request body … vertex-2023-10-16").
 */
export function createVertexClaude(vertex: VertexConfig, capabilities: ProviderCapabilities, settings: VertexAnthropicSettings = {}): Provider {
  const version = settings.version ?? DEFAULT_VERSIONS.anthropicVertexVersion;
  const config: AnthropicMessagesConfig = {
    id: vertex.id,
    send: (model, body, stream, ctx, request) => sendVertexRequest(vertex, vertex.url(model, stream ? 'streamRawPredict' : 'rawPredict', 'anthropic'), body, stream, ctx, vertexClaudeRequestHeaders(vertex, request)),
    bodyFields: { anthropic_version: version },
    modelInBody: false,
    structuredOutput: settings.structuredOutput ?? 'tool',
    samplingRemoved: version >= '2026-10-21' && !version.startsWith('vertex-'),
  };
  if (settings.defaultMaxTokens !== undefined) config.defaultMaxTokens = settings.defaultMaxTokens;
  return createAnthropicMessagesProvider({ id: vertex.id, type: 'vertex', capabilities, config });
}
