/** What a client returned for one request; the runner checks it against the expected reply. */
export interface BenchReply {
  /** The whole generated text. */
  text: string;
  /** Text chunks received (1 for a non-streaming reply). */
  chunks: number;
  /** Output tokens as the client reported them from the provider's usage. */
  outputTokens: number;
  /** Streams: `performance.now()` when the first text part reached the caller (time to first part). */
  firstPartAt?: number;
}

/** Where a client sends its requests, built by the runner from the fake provider's port and the scenario. */
export interface BenchTargets {
  /** The fake provider's origin, `http://127.0.0.1:PORT`. */
  origin: string;
  /** The OpenAI-style base URL (with `/v1`) of the primary target. */
  primaryBaseURL: string;
  /** The base URL of the fallback target (failover scenarios). */
  fallbackBaseURL?: string;
  /**
   * `direct`: only the primary. `failover`: the primary fails; the client must then use the fallback.
   * `breaker-open`: as `failover`, but a client with a circuit breaker stops calling the primary; the other clients
   * call the fallback directly (a perfect breaker, the floor for this case).
   */
  mode: 'direct' | 'failover' | 'breaker-open';
  /** A folder the client may write to (the ledger). */
  tmpDir: string;
  /** The scenario's shared state (`Scenario.state`), for Switchyard. */
  state?: 'memory-limited' | 'redis' | 'redis-limited';
  /** The benchmark's Redis (`redis://127.0.0.1:PORT`), when a scenario needs one. */
  redisUrl?: string;
  /** Client options from the client's name after a colon (`switchyard-client:ledger=none+targets=1`), for experiments; '' by default. */
  variant: string;
}

/** One benchmarked client: the same two operations, each doing all the work an app would need. */
export interface BenchClient {
  /** One non-streaming chat call. */
  chat(): Promise<BenchReply>;
  /** One streaming chat call, consumed to the end. */
  stream(): Promise<BenchReply>;
  /** A line for the report: versions, transport, fetch. */
  describe: string;
  /** Flushes and releases what the client holds (the ledger, pools). */
  close(): Promise<void>;
}

/** What every client module exports. */
export type CreateBenchClient = (targets: BenchTargets) => Promise<BenchClient>;

/** Thrown by the clients that implement failover by hand when the primary's status is not the expected failure. */
export class UnexpectedStatusError extends Error {
  readonly status: number;
  constructor(status: number, where: string) {
    super(`${where}: unexpected HTTP ${status}`);
    this.name = 'UnexpectedStatusError';
    this.status = status;
  }
}
