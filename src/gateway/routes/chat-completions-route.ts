import type { ChatRequest } from '../../types/chat-request.ts';
import type { GatewayExchange } from '../gateway-exchange.ts';
import type { GatewayRoute } from '../gateway-route.ts';
import { pipeRoutedStream } from '../pipe-routed-stream.ts';
import { ChatStreamWriter } from '../wire/chat-stream-writer.ts';
import { mapChatRequest } from '../wire/map-chat-request.ts';
import { mapChatResult } from '../wire/map-chat-result.ts';

async function complete(exchange: GatewayExchange, request: ChatRequest): Promise<void> {
  const result = await exchange.routedChat(request);
  const id = exchange.core.ids.next('chatcmpl');
  exchange.json(200, JSON.stringify(mapChatResult(result, id, Math.floor(exchange.core.now() / 1000))), exchange.switchyardHeaders(result));
}

/**
 * `POST /v1/chat/completions`: OpenAI's Chat Completions, JSON or SSE, routed by the request's `model` (an alias).
 * A stream is answered once its first parts arrived (`pipeRoutedStream`): a failure before its first content fails
 * over invisibly or gets a proper status; one after it ends with an in-band `error` event and no `[DONE]`.
 */
export const chatCompletionsRoute: GatewayRoute = {
  method: 'POST',
  path: '/v1/chat/completions',
  kind: 'api',
  body: 'json',
  handle(exchange) {
    const { request, stream, includeUsage } = mapChatRequest(exchange.body);
    exchange.adopt(request);
    if (!stream) return complete(exchange, request);
    const writer = new ChatStreamWriter(exchange.res, { id: exchange.core.ids.next('chatcmpl'), created: Math.floor(exchange.core.now() / 1000), model: request.model, includeUsage });
    return pipeRoutedStream(exchange, request, writer);
  },
};
