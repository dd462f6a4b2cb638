import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError } from '../errors/abort-error.ts';
import { ConfigError } from '../errors/config-error.ts';
import { SwitchyardError } from '../errors/switchyard-error.ts';
import { createBudgetRules } from '../metering/budget-rules.ts';
import { systemClock } from '../resilience/clock.ts';
import type { Switchyard } from '../switchyard.ts';
import { createCors } from './create-cors.ts';
import { GatewayExchange, type GatewayCore } from './gateway-exchange.ts';
import { gatewayKeyBudgets } from './gateway-key-budgets.ts';
import { createGatewayMetrics } from './create-gateway-metrics.ts';
import type { Gateway, GatewayAddress, GatewayOptions } from './gateway-options.ts';
import { GatewayRequestError } from './gateway-request-error.ts';
import { isLoopbackHost } from './is-loopback-host.ts';
import { bearerToken, createKeyring } from './keyring.ts';
import { readJsonBody } from './read-json-body.ts';
import { RequestTracker } from './request-tracker.ts';
import { ResponseIds } from './response-ids.ts';
import { RouteTable } from './route-table.ts';
import { GATEWAY_ROUTES } from './routes/index.ts';

/** The routes, for the 404 message. */
const SERVED_PATHS = [...new Set(GATEWAY_ROUTES.map((r) => `${r.method} ${r.path}${r.param ? '{id}' : ''}`))].join(', ');

const DEFAULTS = { maxBodyBytes: 10 * 1024 * 1024, drainMs: 30_000, headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 65_000, port: 4000, host: '127.0.0.1' };

function refuse(res: ServerResponse, status: number, message: string, code: string, headers: string[] = []): void {
  const body = JSON.stringify({ error: { message, type: status === 404 || status === 405 ? 'invalid_request_error' : 'server_error', code, param: null } });
  headers.push('content-type', 'application/json', 'content-length', String(Buffer.byteLength(body)));
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * Creates an OpenAI-compatible HTTP gateway in front of `switchyard`: `POST /v1/chat/completions` (JSON and SSE),
 * `POST /v1/responses` (JSON and the typed event stream, stateless), `POST /v1/embeddings`, `GET /v1/models`,
 * `GET /healthz`, `GET /readyz` and `GET /metrics`. Requests are mapped to
 * the Switchyard's `chat`, `stream` and `embed`, so routing, failover, pins, budgets and the ledger apply as in the
 * SDK; answers carry `x-switchyard-provider`, `x-switchyard-attempts` and `x-switchyard-cost-usd`. Settings come from
 * `options`, then the config's `gateway` section. The result is a request handler with `listen()` and `close()`.
 * @example
 * const sy = createSwitchyard('switchyard.yaml');
 * const gateway = createGateway(sy);
 * await gateway.listen(4000, '127.0.0.1');
 * process.once('SIGTERM', async () => { await gateway.close(); await sy.close(); });
 * // or mounted: http.createServer((req, res) => (req.url?.startsWith('/v1/') ? gateway(req, res) : other(req, res)))
 */
export function createGateway(switchyard: Switchyard, options: GatewayOptions = {}): Gateway {
  const config = switchyard.config.gateway ?? {};
  const clock = options.clock ?? systemClock;
  const keys = options.keys ?? config.keys ?? [];
  // The meter was built with the Switchyard, from the config: budgets of keys given only here would never be enforced.
  const unmetered = options.keys?.findIndex((k) => (k.budgets?.length ?? 0) > 0 && !config.keys?.some((c) => c.name === k.name && JSON.stringify(c.budgets) === JSON.stringify(k.budgets)));
  if (unmetered !== undefined && unmetered !== -1) {
    throw new ConfigError([{ path: `keys[${unmetered}].budgets`, message: 'budgets of a gateway key are enforced by the meter, which reads them from the config: put the key (with its budgets) in the config\'s gateway.keys, or pass it here without budgets' }], { source: 'createGateway options' });
  }
  const keyring = keys.length > 0 ? createKeyring(keys) : undefined;
  const maxBodyBytes = options.maxBodyBytes ?? config.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const maxConcurrent = options.maxConcurrentRequests ?? config.maxConcurrentRequests ?? Number.POSITIVE_INFINITY;
  const drainMs = options.drainMs ?? config.drainMs ?? DEFAULTS.drainMs;
  const cors = createCors(options.cors ?? config.cors);
  const routes = new RouteTable(GATEWAY_ROUTES);
  const tracker = new RequestTracker();
  const metrics = createGatewayMetrics(switchyard, () => clock.now());
  const budgetPeriods = new Map<string, 'day' | 'month'>();
  for (const rule of createBudgetRules([...(switchyard.config.budgets ?? []), ...gatewayKeyBudgets(switchyard.config.gateway).budgets])) budgetPeriods.set(rule.name, rule.config.period);
  let draining = false;
  let server: Server | undefined;
  let closing: Promise<void> | undefined;

  const core: GatewayCore = {
    switchyard,
    metrics,
    ids: new ResponseIds(),
    now: () => clock.now(),
    log: options.log,
    budgetPeriods,
    aliases: Object.keys(switchyard.config.models),
    providers: new Set(Object.keys(switchyard.config.providers)),
    corsHeaders: (req) => cors?.headers(req),
    get draining() {
      return draining;
    },
    notReady: () => (draining ? 'draining' : undefined),
    inFlight: () => tracker.size,
  };
  const unsubscribe = options.log ? switchyard.on('warning', (w) => options.log?.({ level: 'warning', message: String(w.message ?? w.code), ...(typeof w.code === 'string' ? { code: w.code } : {}) })) : undefined;

  const run = (exchange: GatewayExchange, work: Promise<void> | void): void => {
    if (work === undefined) return;
    work.catch((error: unknown) => exchange.fail(error));
  };

  /** The checks of an API request before its route runs: draining, the key, the concurrency limit. */
  const admit = (exchange: GatewayExchange): void => {
    if (draining) throw new GatewayRequestError(503, 'The gateway is shutting down; retry on another replica.', { type: 'server_error', code: 'server_shutting_down', headers: { 'retry-after': '1' } });
    if (keyring) {
      const token = bearerToken(exchange.req.headers.authorization);
      if (token === undefined) throw new GatewayRequestError(401, 'You did not provide an API key: send it as Authorization: Bearer <key>.', { code: 'missing_api_key' });
      exchange.key = keyring.authenticate(token);
      if (exchange.key === undefined) throw new GatewayRequestError(401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
    }
    if (tracker.size >= maxConcurrent) throw new GatewayRequestError(503, `The gateway is serving its limit of ${maxConcurrent} requests at once (gateway.maxConcurrentRequests); retry shortly.`, { type: 'server_error', code: 'server_overloaded', headers: { 'retry-after': '1' } });
    tracker.add(exchange);
    exchange.tracked = true;
  };

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    const started = clock.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS' && cors) {
      const headers = cors.preflight(req);
      res.writeHead(headers ? 204 : 403, headers ?? []);
      res.end();
      return;
    }
    const match = routes.match(method, path);
    if (match === undefined || 'allow' in match) {
      const base = cors?.headers(req) ?? [];
      if (match === undefined) refuse(res, 404, `Unknown path ${method} ${path}; the gateway serves ${SERVED_PATHS}.`, 'unknown_url', base);
      else refuse(res, 405, `${method} is not allowed on ${path}; use ${match.allow.join(' or ')}.`, 'method_not_allowed', [...base, 'allow', match.allow.join(', ')]);
      metrics.request('unknown', res.statusCode, clock.now() - started);
      return;
    }
    const route = match.route;
    const exchange = new GatewayExchange(req, res, core, route.path);
    exchange.param = match.param;
    // One listener per request: its place in flight, the client going away (which aborts the upstream attempt at
    // once: the router meters it as aborted), and the request metric (499 when the client left first).
    res.once('close', () => {
      if (exchange.tracked) tracker.delete(exchange);
      const finished = res.writableFinished;
      if (!finished) {
        exchange.clientGone = true;
        exchange.controller.abort(new AbortError('The client closed the connection before the answer ended.'));
      }
      metrics.request(route.param ? `${route.path}{id}` : route.path, finished ? res.statusCode : 499, clock.now() - started);
    });
    try {
      if (route.kind === 'api') admit(exchange);
      if (route.body === 'json') {
        run(
          exchange,
          readJsonBody(req, maxBodyBytes).then((body) => {
            exchange.body = body;
            return route.handle(exchange);
          }),
        );
      } else run(exchange, route.handle(exchange));
    } catch (error) {
      exchange.fail(error);
    }
  }) as Gateway;

  const drain = async (): Promise<void> => {
    draining = true;
    options.log?.({ level: 'info', message: `draining: ${tracker.size} request(s) in flight, up to ${drainMs} ms` });
    const stopped = server ? new Promise<void>((resolve) => (server as Server).close(() => resolve())) : Promise.resolve();
    if (!(await tracker.idle(drainMs))) {
      const left = tracker.size;
      const reason = new SwitchyardError('closed', `The gateway shut down: the request did not finish within gateway.drainMs (${drainMs} ms).`);
      options.log?.({ level: 'warning', message: `drain: ${left} request(s) still running after ${drainMs} ms were aborted (metered as aborted)` });
      tracker.stopAll(reason);
      // Give the aborted requests a moment to send their error and end.
      await tracker.idle(1_000);
    }
    server?.closeAllConnections();
    await stopped;
    unsubscribe?.();
    metrics.close();
  };

  Object.defineProperties(handler, {
    draining: { get: () => draining },
    inFlight: { get: () => tracker.size },
  });
  handler.listen = (port = DEFAULTS.port, host = DEFAULTS.host): Promise<GatewayAddress> => {
    if (server) return Promise.reject(new Error('listen() was already called on this gateway'));
    if (!keyring && !isLoopbackHost(host) && options.insecureNoAuth !== true) {
      return Promise.reject(new Error(`Refusing to listen on ${host} without keys: anyone who reaches it could spend through it. Configure gateway.keys, listen on 127.0.0.1, or set insecureNoAuth: true when something in front of the gateway authenticates.`));
    }
    // Node checks the header and request timeouts every connectionsCheckingInterval (30 s by default): every second
    // instead, so that a slow client is cut close to the timeout.
    const s = createServer({ headersTimeout: options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs, requestTimeout: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs, connectionsCheckingInterval: 1_000, noDelay: true }, handler);
    s.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULTS.keepAliveTimeoutMs;
    server = s;
    return new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => {
        s.off('error', reject);
        const address = s.address() as AddressInfo;
        const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve({ host: address.address, port: address.port, url: `http://${shown}:${address.port}` });
      });
    });
  };
  handler.close = () => (closing ??= drain());
  return handler;
}
