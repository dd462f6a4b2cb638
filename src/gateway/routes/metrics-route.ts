import type { GatewayRoute } from '../gateway-route.ts';

/** `GET /metrics`: Prometheus text format (requests, attempts, failovers, tokens, cost, latency, circuits). */
export const metricsRoute: GatewayRoute = {
  method: 'GET',
  path: '/metrics',
  kind: 'ops',
  handle(exchange) {
    const text = exchange.core.metrics.render({ inFlight: exchange.core.inFlight(), draining: exchange.core.draining });
    const res = exchange.res;
    const headers = exchange.baseHeaders();
    headers.push('content-type', 'text/plain; version=0.0.4; charset=utf-8', 'content-length', String(Buffer.byteLength(text)));
    res.writeHead(200, headers);
    res.end(text);
  },
};
