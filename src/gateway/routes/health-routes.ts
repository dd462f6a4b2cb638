import type { GatewayRoute } from '../gateway-route.ts';

/** `GET /healthz`: the process is alive and answering (a liveness probe). */
export const healthzRoute: GatewayRoute = {
  method: 'GET',
  path: '/healthz',
  kind: 'ops',
  handle(exchange) {
    exchange.json(200, '{"status":"ok"}');
  },
};

/**
 * `GET /readyz`: 200 while the gateway takes traffic (its config loaded and its ledger open, which `createGateway`
 * and `switchyard serve` check before they listen); 503 from the moment it drains, so that load balancers stop
 * sending it requests.
 */
export const readyzRoute: GatewayRoute = {
  method: 'GET',
  path: '/readyz',
  kind: 'ops',
  handle(exchange) {
    const reason = exchange.core.notReady();
    if (reason === undefined) exchange.json(200, '{"status":"ready"}');
    else exchange.json(503, JSON.stringify({ status: 'not ready', reason }));
  },
};
