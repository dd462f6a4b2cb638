import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { VertexConfig } from './vertex-config.ts';
import { VERTEX_REQUEST_TYPE_HEADERS } from './vertex-request-type-headers.ts';

/** The capacity headers of one generateContent request: its `requestType`, else the provider's; undefined for none. */
export function vertexRequestHeaders(config: VertexConfig, request: ChatRequest): Readonly<Record<string, string>> | undefined {
  const type = request.requestType ?? config.requestType;
  return type === undefined ? undefined : VERTEX_REQUEST_TYPE_HEADERS[type];
}

/**
 * The capacity headers of a Claude request (`:rawPredict`): `provisioned` and `shared` only. Priority and Flex PayGo
 * are Gemini's (Google documents them for Gemini models), so a Claude request under `priority` or `flex` goes to
 * Vertex's default capacity (Provisioned Throughput when the project has some, then pay-as-you-go), and is expected
 * there (`isVertexPayGoTier`). Not confirmed from a primary source: that Vertex applies
 * `X-Vertex-AI-LLM-Request-Type` to partner models' `rawPredict` as it does to `generateContent` (Google's page shows
 * Gemini requests; Provisioned Throughput is sold for Claude models too).
 */
export function vertexClaudeRequestHeaders(config: VertexConfig, request: ChatRequest): Readonly<Record<string, string>> | undefined {
  const type = request.requestType ?? config.requestType;
  return type === 'provisioned' || type === 'shared' ? VERTEX_REQUEST_TYPE_HEADERS[type] : undefined;
}
