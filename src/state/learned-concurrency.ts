/** A target's concurrency limit learned from its refusals (`RateLimitError` of kind `concurrency`), shared by the fleet. */
export interface LearnedConcurrency {
  /** Requests the target may have in flight, fleet-wide. */
  limit: number;
  /** Successes since the limit last grew: it grows by one per `limit` successes (one more per round of calls). */
  successes: number;
  /** When it was last lowered, ms since the epoch. */
  loweredAt: number;
  /** How many were in flight (fleet-wide, as counted) when the target last refused: growing back to it goes slowly. */
  refusedAt?: number | undefined;
}

/** On a refusal the limit becomes this share of what was in flight (multiplicative decrease). */
export const CONCURRENCY_DECREASE = 0.75;
/** A learned limit is forgotten this long after the last refusal, in ms. */
export const LEARNED_TTL_MS = 5 * 60_000;
/**
 * How many rounds of successes (a round: `limit` of them) come before the limit grows back to the concurrency that was
 * refused: a server with a fixed limit (CoreWeave Serverless's per-project concurrency) refuses that probe again, so it
 * is made rarely, about one request in `8 × limit`, rather than once per round.
 */
export const PROBE_ROUNDS = 8;

/**
 * Lowers the learned limit after a refusal (additive increase, multiplicative decrease): to 75 % of the requests in
 * flight when it came (at least 1), never above the limit already learned. A refusal of an attempt that started before
 * the last decrease says nothing new (it was sent under the old limit) and changes nothing: undefined.
 */
export function lowerConcurrency(current: LearnedConcurrency | undefined, inflight: number, startedAt: number, now: number): LearnedConcurrency | undefined {
  if (current !== undefined && startedAt < current.loweredAt) return undefined;
  const base = current === undefined ? inflight : Math.min(current.limit, inflight);
  return { limit: Math.max(1, Math.floor(base * CONCURRENCY_DECREASE)), successes: 0, loweredAt: now, refusedAt: base };
}

/**
 * Counts a success under a learned limit: one more request in flight allowed after every `limit` successes, or after
 * `PROBE_ROUNDS` times as many when one more would be back at the concurrency that was refused. Returns undefined once
 * the limit is no longer needed: back at `configured` (the `maxConcurrency` of the config), or `LEARNED_TTL_MS` after
 * the last refusal.
 */
export function raiseConcurrency(current: LearnedConcurrency, configured: number | undefined, now: number): LearnedConcurrency | undefined {
  if (now - current.loweredAt >= LEARNED_TTL_MS) return undefined;
  const successes = current.successes + 1;
  const probing = current.refusedAt !== undefined && current.limit + 1 >= current.refusedAt;
  if (successes < (probing ? current.limit * PROBE_ROUNDS : current.limit)) return { ...current, successes };
  const limit = current.limit + 1;
  return configured !== undefined && limit >= configured ? undefined : { limit, successes: 0, loweredAt: current.loweredAt, refusedAt: current.refusedAt };
}
