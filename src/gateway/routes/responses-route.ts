import type { GatewayExchange } from '../gateway-exchange.ts';
import type { GatewayRoute } from '../gateway-route.ts';
import { pipeRoutedStream } from '../pipe-routed-stream.ts';
import { mapResponsesRequest, type MappedResponsesRequest } from '../wire/map-responses-request.ts';
import { mapResponsesResult } from '../wire/map-responses-result.ts';
import type { ResponseBase } from '../wire/responses-object.ts';
import { ResponsesStreamWriter } from '../wire/responses-stream-writer.ts';

async function complete(exchange: GatewayExchange, mapped: MappedResponsesRequest, base: ResponseBase): Promise<void> {
  const result = await exchange.routedChat(mapped.request);
  exchange.json(200, JSON.stringify(mapResponsesResult(result, base, Math.floor(exchange.core.now() / 1000))), exchange.switchyardHeaders(result));
}

/**
 * `POST /v1/responses`: OpenAI's Responses API, JSON or the typed event stream, routed by the request's `model` (an
 * alias) through the same router as chat: failover, pins, budgets and the ledger apply. Stateless (`store: false`):
 * the conversation comes in `input`, and reasoning state goes out in reasoning items' `encrypted_content` (with
 * `include: ["reasoning.encrypted_content"]`) and comes back with them. A stream fails over invisibly before its first
 * content; after it, it ends with `error` and `response.failed`, never `response.completed`.
 */
export const responsesRoute: GatewayRoute = {
  method: 'POST',
  path: '/v1/responses',
  kind: 'api',
  body: 'json',
  handle(exchange) {
    const mapped = mapResponsesRequest(exchange.body);
    const request = exchange.adopt(mapped.request);
    const id = exchange.core.ids.next('resp', '_');
    const base: ResponseBase = { id, createdAt: Math.floor(exchange.core.now() / 1000), echo: mapped.echo, includeReasoningState: mapped.includeReasoningState, itemPrefix: id.slice(5) };
    if (!mapped.stream) return complete(exchange, mapped, base);
    return pipeRoutedStream(exchange, request, new ResponsesStreamWriter(exchange.res, { base, model: request.model, now: exchange.core.now }));
  },
};
