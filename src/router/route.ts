import type { CircuitBreaker } from '../resilience/circuit-breaker.ts';
import type { ErrorClass } from '../resilience/error-class.ts';
import type { TargetState } from '../state/state-store.ts';
import type { ModelCapabilities } from '../types/provider-capabilities.ts';
import type { Provider } from '../types/provider.ts';
import type { StreamPart } from '../types/stream-part.ts';
import type { LatencyStats } from './latency-stats.ts';
import type { TargetCapacity } from './target-capacity.ts';

/** How a route picks the order of its targets. */
export type Strategy = 'priority' | 'weighted' | 'round-robin' | 'least-latency' | 'lowest-cost';

/** Retries of one target. */
export interface RetrySettings {
  /** Tries of one target, the first included (1: no retry). @default 2 for a single target, 1 when the route has a fallback */
  attempts: number;
  /** The backoff ceiling of the first retry, doubled on each retry (full jitter below it), in ms. @default 200 */
  minDelayMs: number;
  /** The longest wait before a retry, in ms. A `retry-after` longer than this fails over instead. @default 10000 */
  maxDelayMs: number;
}

/** The deadlines of a call. */
export interface TimeoutSettings {
  /** One deadline across every attempt, retry and failover of a call (for a stream: until its last part), in ms. @default 600000 */
  totalMs: number;
  /** The limit of one attempt, in ms (for a stream: until its first content part). No limit when unset. */
  attemptMs?: number;
  /** The limit until a stream's first content part, in ms. No limit when unset. */
  firstTokenMs?: number;
  /**
   * The longest a stream may send no part after its first one, in ms: then the attempt ends with `TimeoutError`
   * (kind `idle`), after its content `StreamInterruptedError`. Only time spent waiting on the provider counts, and
   * SSE comments and pings do not reset it. @default 60000 (unset in a hand-built route: no limit)
   */
  idleMs?: number;
}

/** One target of a route: a provider, a model, and the state the router keeps about it. */
export interface RouteTarget {
  /** The alias it belongs to (`providerId:model` for direct calls). */
  alias: string;
  /** The provider's config id. */
  providerId: string;
  /** The provider instance (wrapped with version pinning when the target has a pin). */
  provider: Provider;
  /** The model sent on the wire (an Azure deployment name, a model id). */
  model: string;
  /** `providerId/model`, for messages. */
  label: string;
  /** The version the target must serve: its `pin`, else its model when that is a snapshot. */
  pin?: string;
  /**
   * Streams of a pinned target skip the pinning wrapper's per-part layer: they are opened on this unwrapped provider
   * and `checkFinish` runs on their `finish` part (it throws `VersionDriftError` under `error`/`failover`).
   */
  streamPinning?: { provider: Provider; checkFinish: (part: Extract<StreamPart, { type: 'finish' }>, model: string) => void };
  /** The model whose price applies, when it differs from `model` (an Azure deployment's model). */
  priceModel?: string;
  /** The capacity the target is served in, from the config (provisioned deployments, spillover, `requestType`, `serviceTier`). */
  capacity: TargetCapacity;
  /** The `weighted` strategy's weight. @default 1 */
  weight: number;
  /** The `lowest-cost` strategy's fallback when metering knows no price: USD per million tokens. */
  costHint?: number;
  /** What the model can do: config overrides on top of what the adapter knows. */
  capabilities: ModelCapabilities;
  /** The provider's tags, for `require.tags`. */
  tags: readonly string[];
  /** The target's circuit breaker (`state.breaker`). */
  breaker: CircuitBreaker;
  /** Moving averages of latency and time to first token (`state.stats`). */
  stats: LatencyStats;
  /** Its shared state: circuit, averages, limits, what its provider said about its capacity. */
  state: TargetState;
}

/** An alias (or a direct `providerId:model` address) with its targets and settings. */
export interface Route {
  alias: string;
  /** True for a `providerId:model` address. */
  direct: boolean;
  strategy: Strategy;
  targets: RouteTarget[];
  retry: RetrySettings;
  timeouts: TimeoutSettings;
  /** The error classes that move on to the next target. */
  fallbackOn: ReadonlySet<ErrorClass>;
  /** Start the next target when one has not answered within `afterMs`. */
  hedge?: { afterMs: number };
  /** Tags every target's provider must carry. */
  requireTags: readonly string[];
  /** The `round-robin` turn, advanced on every call. */
  turn: number;
  /** How long a call may wait for capacity when every target is at a limit, in ms (`limits.queueMs`). */
  queueMs: number;
}
