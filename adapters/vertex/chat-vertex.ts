import { createCallDeadline } from '../../src/http/call-deadline.ts';
import { readRequestId } from '../../src/http/read-request-id.ts';
import { mapJsonResponse } from '../../src/http/map-json-response.ts';
import { readBodyText } from '../../src/http/read-body-text.ts';
import type { RequestContext } from '../../src/http/request-context.ts';
import type { ChatRequest } from '../../src/types/chat-request.ts';
import type { ChatResult } from '../../src/types/chat-result.ts';
import { convertToVertexRequest } from './convert-to-vertex-request.ts';
import { mapVertexResponse } from './map-vertex-response.ts';
import { vertexRequestHeaders } from './vertex-request-headers.ts';
import { sendVertexRequest } from './send-vertex-request.ts';
import type { VertexConfig } from './vertex-config.ts';
import type { VertexGenerateContentResponse } from './vertex-wire-types.ts';

/** One `:generateContent` call: builds the body, sends it with the provider's credentials, maps the response. */
export async function chatVertex(config: VertexConfig, request: ChatRequest): Promise<ChatResult> {
  const deadline = createCallDeadline(request.signal, request.timeoutMs, config.id);
  const secrets: string[] = [];
  const ctx: RequestContext & { secrets: string[] } = { provider: config.id, model: request.model, secrets, deadline };
  try {
    const { body, warnings } = convertToVertexRequest(request, { signatures: config.signatures, provider: config.id });
    const response = await sendVertexRequest(config, config.url(request.model, 'generateContent'), JSON.stringify(body), false, ctx, vertexRequestHeaders(config, request));
    const context = { model: request.model, requestId: readRequestId(response.headers), provider: config.id, warnings, signatures: config.signatures };
    return mapJsonResponse(await readBodyText(response, ctx), ctx, (json: VertexGenerateContentResponse) => mapVertexResponse(json, context));
  } finally {
    deadline.dispose();
  }
}
