import type { GatewayExchange } from './gateway-exchange.ts';

/**
 * One route of the gateway: one file under `routes/`, listed in `routes/index.ts`. A route maps the wire in and
 * out; the Switchyard does the work.
 */
export interface GatewayRoute {
  method: 'GET' | 'POST';
  /** The exact path (`/v1/chat/completions`), or a prefix ending in `/` with `param: true` (`/v1/models/` + id). */
  path: string;
  /** True when the rest of the path after `path` is the route's parameter (`exchange.param`). @default false */
  param?: boolean;
  /**
   * `api`: asks for a key (when keys are configured), counts towards `maxConcurrentRequests`, is refused while
   * draining and waited for by the drain; `ops`: health and metrics, never asks for a key.
   */
  kind: 'api' | 'ops';
  /** `json`: the body is read (up to `maxBodyBytes`) and parsed into `exchange.body` first. @default 'none' */
  body?: 'json' | 'none';
  /** Answers the request. A rejection is answered as an OpenAI-shaped error. */
  handle(exchange: GatewayExchange): Promise<void> | void;
}
