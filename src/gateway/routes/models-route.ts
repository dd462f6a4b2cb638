import type { GatewayExchange } from '../gateway-exchange.ts';
import { GatewayRequestError } from '../gateway-request-error.ts';
import type { GatewayRoute } from '../gateway-route.ts';

/** The models a request may name: the key's aliases, else every alias and every target as `providerId:model`. */
function visibleModels(exchange: GatewayExchange): string[] {
  const aliases = exchange.key?.aliases;
  if (aliases) return [...aliases];
  const models = new Set(exchange.core.aliases);
  for (const alias of Object.values(exchange.core.switchyard.config.models)) for (const t of alias.targets) models.add(`${t.provider}:${t.model}`);
  return [...models];
}

const toModel = (id: string) => ({ id, object: 'model', created: 0, owned_by: 'switchyard' });

/** `GET /v1/models`: the aliases (and `providerId:model` addresses) the key may use, as OpenAI's model list. */
export const modelsRoute: GatewayRoute = {
  method: 'GET',
  path: '/v1/models',
  kind: 'api',
  handle(exchange) {
    exchange.json(200, JSON.stringify({ object: 'list', data: visibleModels(exchange).map(toModel) }));
  },
};

/** `GET /v1/models/{model}`: one model, or a 404 (403 when the key may not use it). */
export const modelRoute: GatewayRoute = {
  method: 'GET',
  path: '/v1/models/',
  param: true,
  kind: 'api',
  handle(exchange) {
    const id = exchange.param;
    if (id === '') throw new GatewayRequestError(404, 'No model id in the path: GET /v1/models/{model}.', { code: 'model_not_found' });
    exchange.authorizeModel(id);
    exchange.json(200, JSON.stringify(toModel(id)));
  },
};
