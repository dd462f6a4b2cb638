import type { GatewayRoute } from '../gateway-route.ts';
import { mapEmbeddingsRequest } from '../wire/map-embeddings-request.ts';
import { mapEmbeddingsResult } from '../wire/map-embeddings-result.ts';

/** `POST /v1/embeddings`: OpenAI's embeddings, routed by the request's `model` (an alias). */
export const embeddingsRoute: GatewayRoute = {
  method: 'POST',
  path: '/v1/embeddings',
  kind: 'api',
  body: 'json',
  async handle(exchange) {
    const { request, encoding } = mapEmbeddingsRequest(exchange.body);
    exchange.adopt(request);
    const result = await exchange.core.switchyard.embed(request);
    exchange.json(200, JSON.stringify(mapEmbeddingsResult(result, encoding)), exchange.switchyardHeaders(result));
  },
};
