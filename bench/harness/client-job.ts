import type { Scenario } from './scenarios.ts';

/** What the harness asks one client process to do (passed as JSON in argv). */
export interface ClientJob {
  /** The client module's name in bench/clients (`floor-client`, …). */
  client: string;
  scenario: Scenario;
  /** Measured requests and warm-up requests for this run. */
  requests: number;
  warmup: number;
  /** Warm-up and measured phase each stop starting requests after this many ms (a slow client measures fewer). */
  budgetMs: number;
  /** The fake provider's port. */
  port: number;
  /** A fresh folder for this process (the ledger). */
  tmpDir: string;
  /** The benchmark's Redis, for the scenarios with `state.type: redis`. */
  redisUrl?: string;
  /** When set, a V8 CPU profile of the measured phase is written here. */
  profilePath?: string;
}

/** What one client process measured. */
export interface ClientMeasurement {
  client: string;
  scenario: string;
  describe: string;
  /** Requests measured (fewer than asked when the time budget ran out). */
  requests: number;
  /** Process CPU (user + system) over the measured phase, µs. */
  cpuUserUs: number;
  cpuSystemUs: number;
  /** CPU per request, µs. */
  cpuUsPerRequest: number;
  /** Wall time of the measured phase, ms. */
  wallMs: number;
  /** Requests per second. */
  throughput: number;
  /** Latency percentiles, ms. */
  p50Ms: number;
  p99Ms: number;
  /** Streams: time from the request to its first text part, median over the measured requests, ms. */
  ttftP50Ms?: number;
  /** Peak RSS of the process over its life, bytes. */
  maxRssBytes: number;
  /** RSS once the client was created, before any request, bytes. */
  baseRssBytes: number;
  /** Requests that failed or returned a wrong reply; any makes the run invalid. */
  failures: number;
  firstFailure?: string;
  /** Requests the fake provider received per control spec during the measured phase (failover scenarios). */
  serverHits?: Record<string, number>;
}

/** The prefix of the one stdout line that carries the measurement. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
