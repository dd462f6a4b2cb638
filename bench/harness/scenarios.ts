/** One benchmark scenario: what every client does, how often, at what concurrency. */
export interface Scenario {
  /** A short id used in file names and `--only`. */
  id: string;
  /** The heading in RESULTS.md. */
  title: string;
  /** `chat` (non-streaming) or `stream` (consumed to the end). */
  op: 'chat' | 'stream';
  /** Requests in flight at once. */
  concurrency: number;
  /** Text chunks per reply (words in a chat reply). */
  chunks: number;
  /** Milliseconds between stream chunks (0: the whole stream at once). */
  delayMs: number;
  /** See `BenchTargets.mode`. */
  mode: 'direct' | 'failover' | 'breaker-open';
  /**
   * Switchyard's shared state (`createSwitchyard` only; the floor runs beside it): `memory-limited` (a limit on the
   * primary and a budget, in memory), `redis` (`state.type: redis`, no limit or budget: no round trip per call), or
   * `redis-limited` (Redis, a limit and a budget: every call makes one round trip). Absent: the default memory state.
   */
  state?: 'memory-limited' | 'redis' | 'redis-limited';
  /** Measured requests: full mode, quick mode. */
  requests: [full: number, quick: number];
  /** Warm-up requests before measuring: full mode, quick mode. */
  warmup: [full: number, quick: number];
}

/** Control spec of a healthy target (the fake provider's path prefix). */
export function healthySpec(s: Scenario, tag: string): string {
  return `chunks=${s.chunks}${s.delayMs ? `,delay=${s.delayMs}` : ''},tag=${tag}`;
}

/** Control spec of the failing primary of the failover scenarios. */
export function failingSpec(): string {
  return 'fault=503,tag=primary-down';
}

/** Every scenario, in run order. Counts are [full, quick]; quick mode runs only the scenarios with a quick count above 0. */
export const SCENARIOS: Scenario[] = [
  { id: 'chat-c1', title: 'Chat, concurrency 1', op: 'chat', concurrency: 1, chunks: 100, delayMs: 0, mode: 'direct', requests: [2000, 600], warmup: [1000, 400] },
  { id: 'chat-1k-c64', title: 'Chat with a 1.1 KB reply, concurrency 64', op: 'chat', concurrency: 64, chunks: 190, delayMs: 0, mode: 'direct', requests: [5000, 0], warmup: [3000, 0] },
  { id: 'chat-c64', title: 'Chat, concurrency 64', op: 'chat', concurrency: 64, chunks: 100, delayMs: 0, mode: 'direct', requests: [5000, 2000], warmup: [3000, 2000] },
  { id: 'stream-c1', title: '100-chunk stream, concurrency 1', op: 'stream', concurrency: 1, chunks: 100, delayMs: 0, mode: 'direct', requests: [600, 0], warmup: [300, 0] },
  { id: 'stream-c64', title: '100-chunk stream, concurrency 64', op: 'stream', concurrency: 64, chunks: 100, delayMs: 0, mode: 'direct', requests: [1500, 640], warmup: [640, 640] },
  { id: 'paced-c64', title: '100-chunk stream paced at 5 ms per chunk, concurrency 64', op: 'stream', concurrency: 64, chunks: 100, delayMs: 5, mode: 'direct', requests: [256, 64], warmup: [64, 64] },
  { id: 'failover-c1', title: 'Failover: primary answers 503, fallback serves (chat, concurrency 1)', op: 'chat', concurrency: 1, chunks: 100, delayMs: 0, mode: 'failover', requests: [1000, 300], warmup: [300, 300] },
  { id: 'failover-c64', title: 'Failover: primary answers 503, fallback serves (chat, concurrency 64)', op: 'chat', concurrency: 64, chunks: 100, delayMs: 0, mode: 'failover', requests: [1500, 0], warmup: [600, 0] },
  { id: 'breaker-c64', title: 'Failover with the breaker open: the dead primary is skipped (chat, concurrency 64)', op: 'chat', concurrency: 64, chunks: 100, delayMs: 0, mode: 'breaker-open', requests: [5000, 2000], warmup: [3000, 2000] },
  { id: 'limits-c64', title: 'Chat with a limit on the primary and a budget, state in memory (concurrency 64)', op: 'chat', concurrency: 64, chunks: 100, delayMs: 0, mode: 'direct', state: 'memory-limited', requests: [5000, 2000], warmup: [3000, 2000] },
  { id: 'redis-c64', title: 'Chat with state.type: redis, no limit or budget: no round trip per call (concurrency 64)', op: 'chat', concurrency: 64, chunks: 100, delayMs: 0, mode: 'direct', state: 'redis', requests: [5000, 2000], warmup: [3000, 2000] },
  { id: 'redis-limited-c64', title: 'Chat with state.type: redis, a limit on the primary and a budget: one round trip per call (concurrency 64)', op: 'chat', concurrency: 64, chunks: 100, delayMs: 0, mode: 'direct', state: 'redis-limited', requests: [5000, 2000], warmup: [3000, 2000] },
];

/** The clients a scenario with a `state` is for (beside the floor): only Switchyard has shared state. */
export const STATE_CLIENTS = ['switchyard-client'];
