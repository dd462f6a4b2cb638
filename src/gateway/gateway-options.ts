import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../resilience/clock.ts';
import type { GatewayCorsConfig, GatewayKeyConfig } from './gateway-config-schema.ts';

/** Something the gateway reports for operators: a request it answered with a 5xx, a drain, a ledger problem. Never a key. */
export interface GatewayLogEntry {
  /** `error` (a 5xx answer or a failed stream), `warning` (a Switchyard `warning` event), `info` (lifecycle). */
  level: 'error' | 'warning' | 'info';
  /** What happened. */
  message: string;
  /** The gateway's id of the request (its `x-request-id`), for requests. */
  requestId?: string | undefined;
  /** The route (`/v1/chat/completions`). */
  route?: string | undefined;
  /** The name of the key that made the request. */
  key?: string | undefined;
  /** The HTTP status sent (or, for a failed stream, 200 and the in-band error's code). */
  status?: number | undefined;
  /** Switchyard's stable error code. */
  code?: string | undefined;
}

/**
 * Options of `createGateway`. Each setting defaults to the config's `gateway` section, then to the library default;
 * the options win over the config.
 */
export interface GatewayOptions {
  /** Virtual keys (as `gateway.keys`). Without keys, no key is asked for. Their budgets apply only from the config. @default config `gateway.keys` */
  keys?: readonly GatewayKeyConfig[] | undefined;
  /** The largest request body accepted, in bytes (413 above). @default 10485760 */
  maxBodyBytes?: number | undefined;
  /** API requests served at once; more are answered 503 with `retry-after: 1`. @default no limit */
  maxConcurrentRequests?: number | undefined;
  /** How long `close()` lets requests and streams in flight finish before aborting them, in ms. @default 30000 */
  drainMs?: number | undefined;
  /** CORS for browser clients: `true` for any origin, or `{ origins, maxAgeS }`. @default false */
  cors?: GatewayCorsConfig | undefined;
  /** For `listen()`: allow an address beyond loopback without `keys` (something in front authenticates). @default false */
  insecureNoAuth?: boolean | undefined;
  /** For `listen()`: how long a client may take to send the request headers, in ms. @default 10000 */
  headersTimeoutMs?: number | undefined;
  /** For `listen()`: how long a client may take to send the whole request, in ms (0: no limit). @default 60000 */
  requestTimeoutMs?: number | undefined;
  /** For `listen()`: how long an idle keep-alive connection is kept, in ms (above a load balancer's idle timeout). @default 65000 */
  keepAliveTimeoutMs?: number | undefined;
  /** Receives what operators should see (5xx answers, drains, ledger warnings). @default nothing is logged */
  log?: ((entry: GatewayLogEntry) => void) | undefined;
  /** The time source (`created` fields, durations). @default the system clock */
  clock?: Clock | undefined;
}

/** Where `listen()` is listening. */
export interface GatewayAddress {
  host: string;
  port: number;
  /** `http://host:port`. */
  url: string;
}

/**
 * An OpenAI-compatible HTTP gateway in front of a Switchyard: a Node request handler (`http.createServer(gateway)`,
 * or call it from an existing server's handler), with `listen()` to run its own server and `close()` to drain.
 */
export interface Gateway {
  /** Handles one request. Answers every path: the gateway's routes, else a 404 in OpenAI's shape. */
  (req: IncomingMessage, res: ServerResponse): void;
  /**
   * Starts a `node:http` server with the header, request and keep-alive timeouts set. Resolves once listening.
   * Without keys it refuses an address beyond loopback unless `insecureNoAuth` is set.
   * @default port 4000, host 127.0.0.1
   */
  listen(port?: number, host?: string): Promise<GatewayAddress>;
  /**
   * Drains: `/readyz` answers 503 at once, the server (when `listen()` started one) stops accepting connections,
   * new API requests get 503, requests and streams in flight finish for up to `drainMs` and are then aborted
   * (metered as aborted). Resolves when none is left. Does not close the Switchyard (its owner does, which flushes
   * the ledger). Idempotent.
   */
  close(): Promise<void>;
  /** True once `close()` was called. */
  readonly draining: boolean;
  /** API requests in flight. */
  readonly inFlight: number;
}
