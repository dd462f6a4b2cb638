/** The span a per-minute limit counts, in ms. */
export const WINDOW_MS = 60_000;
/** The width of one bucket, in ms. */
export const BUCKET_MS = 1_000;
/** Buckets counted: the current one and the 60 before it, so that an entry always counts for at least 60 s. */
export const WINDOW_BUCKETS = WINDOW_MS / BUCKET_MS + 1;

/**
 * Counts over the last minute in one-second buckets, for `requestsPerMinute` and `tokensPerMinute`. An entry counts
 * from its second until 61 seconds later, never less than 60 s: whatever 60 seconds one looks at, they never hold
 * more than the limit (a fixed per-minute window would let twice the limit through around its boundary). Allocation
 * free after construction. The Redis store runs the same rule in its script.
 */
export class SlidingWindow {
  readonly #counts = new Float64Array(WINDOW_BUCKETS);
  readonly #seconds = new Float64Array(WINDOW_BUCKETS).fill(Number.NEGATIVE_INFINITY);
  #total = 0;
  /** The oldest second still held (Infinity when empty): expiry has nothing to do before it leaves the window. */
  #oldest = Number.POSITIVE_INFINITY;

  /** The bucket index (seconds since the epoch) of a time in ms. */
  static bucketOf(now: number): number {
    return Math.floor(now / BUCKET_MS);
  }

  /** What the window holds at `now`. */
  used(now: number): number {
    this.#expire(SlidingWindow.bucketOf(now));
    return this.#total;
  }

  /** Adds `amount` at `now`. */
  add(now: number, amount: number): void {
    const second = SlidingWindow.bucketOf(now);
    this.#expire(second);
    const slot = second % WINDOW_BUCKETS;
    if (this.#seconds[slot] !== second) {
      // After #expire the slot is free: any other second it held has left the window.
      this.#seconds[slot] = second;
      this.#counts[slot] = 0;
      if (second < this.#oldest) this.#oldest = second;
    }
    this.#counts[slot] += amount;
    this.#total += amount;
  }

  /** Corrects the bucket of second `second` by `delta` (an estimate settled to the real count), if it still counts. */
  adjust(second: number, delta: number, now: number): void {
    this.#expire(SlidingWindow.bucketOf(now));
    const slot = second % WINDOW_BUCKETS;
    if (this.#seconds[slot] !== second) return;
    const next = Math.max(0, (this.#counts[slot] as number) + delta);
    this.#total += next - (this.#counts[slot] as number);
    this.#counts[slot] = next;
  }

  /**
   * How long until `amount` more fits under `limit`, in ms (0: it fits now), as the oldest buckets stop counting;
   * undefined when it never can (`amount` alone exceeds `limit`).
   */
  waitFor(now: number, amount: number, limit: number): number | undefined {
    if (amount > limit) return undefined;
    const current = SlidingWindow.bucketOf(now);
    this.#expire(current);
    let excess = this.#total + amount - limit;
    if (excess <= 0) return 0;
    for (let second = current - WINDOW_BUCKETS + 1; second <= current; second++) {
      const slot = second % WINDOW_BUCKETS;
      if (this.#seconds[slot] !== second) continue;
      excess -= this.#counts[slot] as number;
      if (excess <= 0) return (second + WINDOW_BUCKETS) * BUCKET_MS - now;
    }
    return WINDOW_MS;
  }

  #expire(current: number): void {
    const cutoff = current - WINDOW_BUCKETS + 1;
    if (this.#oldest >= cutoff) return;
    let oldest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < WINDOW_BUCKETS; slot++) {
      const second = this.#seconds[slot] as number;
      if (second === Number.NEGATIVE_INFINITY) continue;
      if (second < cutoff) {
        this.#total -= this.#counts[slot] as number;
        this.#counts[slot] = 0;
        this.#seconds[slot] = Number.NEGATIVE_INFINITY;
      } else if (second < oldest) oldest = second;
    }
    this.#oldest = oldest;
    if (oldest === Number.POSITIVE_INFINITY) this.#total = 0;
  }
}
