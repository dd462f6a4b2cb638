import type { RateLimitError } from '../errors/rate-limit-error.ts';
import type { RateLimitInfo } from '../types/rate-limit-info.ts';
import type { LearnedConcurrency } from './learned-concurrency.ts';
import type { LimitBlock } from './limit-block.ts';

/** A provider said it is exhausted: skip it until `until`. */
export interface Exhaustion {
  /** ms since the epoch. */
  until: number;
  /** Which signal: `x-ratelimit-remaining-requests`, `x-ratelimit-remaining-tokens`, or `429 retry-after`. */
  by: string;
}

/**
 * What this process knows about one provider and model (shared by every alias that targets it): whether the provider
 * said it is exhausted and until when, the concurrency limit learned from its refusals, and how many attempts this
 * process has in flight to it. With Redis it is the local copy of the fleet's view, kept current by pub/sub.
 */
export class ProviderView {
  /** `provider/model`. */
  readonly key: string;
  readonly provider: string;
  exhaustion: Exhaustion | undefined;
  learned: LearnedConcurrency | undefined;
  /** Attempts to it in flight from this process. */
  inflight = 0;
  /** Attempts of this process that hold a slot of the learned concurrency limit (taken at admission). */
  learnedHeld = 0;

  constructor(key: string, provider: string) {
    this.key = key;
    this.provider = provider;
  }

  /** The block while the provider's signal holds, else undefined (and forgets an expired one). */
  blocked(now: number): LimitBlock | undefined {
    const exhaustion = this.exhaustion;
    if (exhaustion === undefined) return undefined;
    if (now >= exhaustion.until) {
      this.exhaustion = undefined;
      return undefined;
    }
    const waitMs = exhaustion.until - now;
    return {
      limit: 'providerSignal',
      scope: 'target',
      path: exhaustion.by,
      retryAfterMs: waitMs,
      message: `${this.provider} said it is exhausted (${exhaustion.by}) until ${new Date(exhaustion.until).toISOString()}, ${waitMs} ms from now`,
    };
  }

  /** Keeps the later of the current exhaustion and `next`. Returns true when it changed. */
  exhaust(next: Exhaustion | undefined): boolean {
    if (next === undefined || (this.exhaustion !== undefined && this.exhaustion.until >= next.until)) return false;
    this.exhaustion = next;
    return true;
  }
}

/** A remaining count that says "none left": exactly 0 (Azure's Responses API sends -1 when it does not know). */
const none = (remaining: number | undefined) => remaining === 0;

/** The exhaustion an answer's rate-limit headers announce: none left and a reset time. */
export function exhaustionOfInfo(info: RateLimitInfo, now: number): Exhaustion | undefined {
  let found: Exhaustion | undefined;
  if (none(info.remainingRequests) && info.resetRequestsMs !== undefined && info.resetRequestsMs > 0) {
    found = { until: now + info.resetRequestsMs, by: 'x-ratelimit-remaining-requests: 0' };
  }
  if (none(info.remainingTokens) && info.resetTokensMs !== undefined && info.resetTokensMs > 0 && (found === undefined || now + info.resetTokensMs > found.until)) {
    found = { until: now + info.resetTokensMs, by: 'x-ratelimit-remaining-tokens: 0' };
  }
  return found;
}

/**
 * The exhaustion a rate-limit error announces: its retry-after, or the reset of a remaining count of 0 in its
 * headers, whichever is later. A 429 that gives neither (a quota that needs a person) announces none: the circuit
 * breaker counts it.
 */
export function exhaustionOfError(error: RateLimitError, info: RateLimitInfo | undefined, now: number): Exhaustion | undefined {
  let found = info ? exhaustionOfInfo(info, now) : undefined;
  const retryAfter = error.retryAfterMs;
  if (retryAfter !== undefined && retryAfter > 0 && (found === undefined || now + retryAfter > found.until)) {
    found = { until: now + retryAfter, by: `${error.status} retry-after ${retryAfter} ms` };
  }
  return found;
}
