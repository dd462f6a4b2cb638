import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { VertexConfig } from './vertex-config.ts';
import { VERTEX_REQUEST_TYPE_HEADERS } from './vertex-request-type-headers.ts';

/** The capacity headers of one generateContent request: its `requestType`, else the provider's; undefined for none. */
export function vertexRequestHeaders(config: VertexConfig, request: ChatRequest): Readonly<Record<string, string>> | undefined {
  const type = request.requestType ?? config.requestType;
  return type === undefined ? undefined : VERTEX_REQUEST_TYPE_HEADERS[type];
}
