import { LatencyStats } from '../router/latency-stats.ts';

/**
 * Latency averages shared by the fleet: samples are recorded locally as usual and also summed, and every second the
 * Redis store merges the sums into the fleet's averages (`m` operation) and takes them back, so that a new instance
 * routes `least-latency` calls well from its first call. Two additions per sample, nothing sent per call.
 */
export class SharedLatencyStats extends LatencyStats {
  /** Its key in Redis. */
  readonly key: string;
  latencySum = 0;
  latencyCount = 0;
  ttftSum = 0;
  ttftCount = 0;
  failureSum = 0;
  failureCount = 0;

  constructor(key: string) {
    super();
    this.key = key;
  }

  override recordLatency(ms: number): void {
    super.recordLatency(ms);
    this.latencySum += ms;
    this.latencyCount++;
  }

  override recordTtft(ms: number): void {
    super.recordTtft(ms);
    this.ttftSum += ms;
    this.ttftCount++;
  }

  override recordOutcome(failed: boolean): void {
    super.recordOutcome(failed);
    if (failed) this.failureSum++;
    this.failureCount++;
  }

  /** True when samples wait to be merged. */
  get pending(): boolean {
    return this.latencyCount + this.ttftCount + this.failureCount > 0;
  }

  /** The `m` operation's arguments for the samples since the last merge, which it then forgets. */
  takeSamples(): string[] {
    const args = [this.key, String(this.latencySum), String(this.latencyCount), String(this.ttftSum), String(this.ttftCount), String(this.failureSum), String(this.failureCount)];
    this.latencySum = this.latencyCount = this.ttftSum = this.ttftCount = this.failureSum = this.failureCount = 0;
    return args;
  }

  /** Takes the fleet's averages (strings from Redis; null where the fleet has none yet). */
  adopt(values: readonly unknown[]): void {
    const [latency, ttft, failure] = values.map((v) => (typeof v === 'string' && v !== '' ? Number(v) : undefined));
    if (latency !== undefined && Number.isFinite(latency)) this.latencyMs = latency;
    if (ttft !== undefined && Number.isFinite(ttft)) this.ttftMs = ttft;
    if (failure !== undefined && Number.isFinite(failure)) this.failureRate = failure;
  }
}
