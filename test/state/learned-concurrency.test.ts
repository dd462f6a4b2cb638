import { describe, expect, it } from 'vitest';
import { LEARNED_TTL_MS, lowerConcurrency, PROBE_ROUNDS, raiseConcurrency, type LearnedConcurrency } from '../../src/state/learned-concurrency.ts';

/** Counts successes until the limit changes; returns the new state and how many it took. */
function grow(from: LearnedConcurrency, configured?: number): { next: LearnedConcurrency | undefined; successes: number } {
  let current = from;
  for (let n = 1; n < 10_000; n++) {
    const next = raiseConcurrency(current, configured, from.loweredAt + n);
    if (next === undefined || next.limit !== current.limit) return { next, successes: n };
    current = next;
  }
  throw new Error('never grew');
}

describe('learned concurrency', () => {
  it('should lower to 75 % of what was in flight and remember the concurrency that was refused', () => {
    expect(lowerConcurrency(undefined, 12, 0, 1000)).toEqual({ limit: 9, successes: 0, loweredAt: 1000, refusedAt: 12 });
    const learned = { limit: 4, successes: 2, loweredAt: 1000, refusedAt: 6 };
    expect(lowerConcurrency(learned, 7, 2000, 3000)).toEqual({ limit: 3, successes: 0, loweredAt: 3000, refusedAt: 4 });
    // An attempt sent before the last decrease says nothing new.
    expect(lowerConcurrency(learned, 7, 500, 3000)).toBeUndefined();
  });

  it('should grow by one per round of successes while below the refused concurrency, and probe it again only rarely', () => {
    const low = { limit: 2, successes: 0, loweredAt: 0, refusedAt: 8 };
    expect(grow(low)).toEqual({ next: { limit: 3, successes: 0, loweredAt: 0, refusedAt: 8 }, successes: 2 });
    // At 3 with 4 refused (CoreWeave's cap of 3): 4 in flight is tried again only after PROBE_ROUNDS rounds.
    const atCap = { limit: 3, successes: 0, loweredAt: 0, refusedAt: 4 };
    expect(grow(atCap)).toEqual({ next: { limit: 4, successes: 0, loweredAt: 0, refusedAt: 4 }, successes: 3 * PROBE_ROUNDS });
    // A limit learned without a refused level (written by an older version) grows as before.
    expect(grow({ limit: 3, successes: 0, loweredAt: 0 }).successes).toBe(3);
  });

  it('should be forgotten back at the configured maxConcurrency, or LEARNED_TTL_MS after the last refusal', () => {
    expect(grow({ limit: 3, successes: 0, loweredAt: 0, refusedAt: 10 }, 4).next).toBeUndefined();
    expect(raiseConcurrency({ limit: 3, successes: 0, loweredAt: 0, refusedAt: 10 }, undefined, LEARNED_TTL_MS)).toBeUndefined();
  });
});
