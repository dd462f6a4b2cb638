/** How much a new sample moves a moving average (exponentially weighted). */
const ALPHA = 0.3;

const move = (average: number | undefined, sample: number) => (average === undefined ? sample : average + ALPHA * (sample - average));

/**
 * Exponentially weighted moving averages of a target's latency (chat, embed), time to first token (streams)
 * and failure share, for the `least-latency` strategy and `health()`.
 */
export class LatencyStats {
  /** The moving average of successful chat and embed latency in ms, undefined before the first sample. */
  latencyMs: number | undefined;
  /** The moving average of streams' time to first content in ms, undefined before the first sample. */
  ttftMs: number | undefined;
  /** The moving share of attempts that failed against the target (0 to 1), undefined before the first. */
  failureRate: number | undefined;

  /** Adds the latency of a successful chat or embed attempt. */
  recordLatency(ms: number): void {
    this.latencyMs = move(this.latencyMs, ms);
  }

  /** Adds a stream's time to first token. */
  recordTtft(ms: number): void {
    this.ttftMs = move(this.ttftMs, ms);
  }

  /** Adds an outcome: a success, or a failure that counts against the target. */
  recordOutcome(failed: boolean): void {
    this.failureRate = move(this.failureRate, failed ? 1 : 0);
  }

  /**
   * The number that ranks targets for an operation, lower first: the average (time to first token for streams),
   * stretched by the failure share so that a failing target drops back (up to 10 times slower at 100 % failures).
   * Undefined for a target never tried; Infinity for one that only failed.
   */
  rank(operation: 'chat' | 'stream' | 'embed'): number | undefined {
    const average = operation === 'stream' ? (this.ttftMs ?? this.latencyMs) : this.latencyMs;
    if (average === undefined) return this.failureRate === undefined ? undefined : Number.POSITIVE_INFINITY;
    return average / (1 - 0.9 * (this.failureRate ?? 0));
  }
}
