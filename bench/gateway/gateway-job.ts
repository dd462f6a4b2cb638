/** Where the load generator sends a request: an origin, a path and headers (the body is built from `op`). */
export interface LoadTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The body's `model`: an alias for Switchyard, the model for the others. */
  model: string;
}

/**
 * What is measured: `chat`, the 100-chunk `stream` on Chat Completions, and the same stream through the Responses
 * API (`responses`: `POST /v1/responses`, the typed events; the bare proxy's floor for it is its chat stream, the same
 * upstream work).
 */
export type GatewayOp = 'chat' | 'stream' | 'responses';

/** What the harness asks one load-generator process to do (JSON in argv). */
export interface GatewayJob {
  gateway: string;
  op: GatewayOp;
  /** Through the gateway. */
  target: LoadTarget;
  /** Straight to the fake provider: the baseline of the added latency. */
  direct: LoadTarget;
  /** The gateway's pid, for its CPU time and peak RSS (from /proc). */
  gatewayPid: number;
  /** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`). */
  clockTicks: number;
  warmup: number;
  /** Sequential requests through the gateway (and as many direct, interleaved in blocks), for the added latency. */
  c1Requests: number;
  /** Requests at concurrency 64, for throughput and CPU per request. */
  c64Requests: number;
  /** Each phase stops starting requests after this many ms. */
  budgetMs: number;
}

/** What one load-generator process measured for one gateway and one operation. */
export interface GatewayMeasurement {
  gateway: string;
  op: GatewayOp;
  c1: { requests: number; p50Ms: number; p99Ms: number; directP50Ms: number; directP99Ms: number; addedP50Ms: number; addedP99Ms: number };
  c64: { requests: number; throughput: number; p50Ms: number; p99Ms: number; cpuUsPerRequest: number; wallMs: number };
  /** The gateway process's peak RSS, bytes. */
  gatewayMaxRssBytes: number;
  failures: number;
  firstFailure?: string;
}

/** The prefix of the load generator's result line. */
export const GATEWAY_RESULT_PREFIX = 'GATEWAY_RESULT ';
