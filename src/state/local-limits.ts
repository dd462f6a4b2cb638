import type { LimitBlock } from './limit-block.ts';
import type { LimitSpec } from './limit-spec.ts';
import { SlidingWindow } from './sliding-window.ts';

/** The counters of one limit key in this process. */
export interface LimitCounters {
  readonly rpm: SlidingWindow;
  readonly tpm: SlidingWindow;
  /** Requests in flight under this key. */
  inflight: number;
}

/** Counters for each key, made on first use. */
export class LimitCounterMap {
  readonly #map = new Map<string, LimitCounters>();

  get(key: string): LimitCounters {
    let counters = this.#map.get(key);
    if (!counters) this.#map.set(key, (counters = { rpm: new SlidingWindow(), tpm: new SlidingWindow(), inflight: 0 }));
    return counters;
  }
}

const who = (spec: LimitSpec) => (spec.scope === 'provider' ? `provider ${spec.key.slice(2)}` : `target ${spec.key.slice(2)}`);

/** The block of a per-minute limit, with the time until enough of the window frees. */
function windowBlock(spec: LimitSpec, limit: 'requestsPerMinute' | 'tokensPerMinute', ceiling: number, used: number, amount: number, waitMs: number | undefined): LimitBlock {
  const base = { limit, scope: spec.scope, path: spec.path };
  if (waitMs === undefined) {
    return { ...base, never: true, message: `this call's estimated ${amount} tokens exceed ${limit} (${ceiling}) of ${who(spec)} (${spec.path}); it can never fit` };
  }
  const what = limit === 'requestsPerMinute' ? `${used} requests in the last minute` : `${used} tokens in the last minute, this call needs an estimated ${amount}`;
  return { ...base, retryAfterMs: waitMs, message: `${limit} (${ceiling}) of ${who(spec)} reached (${spec.path}): ${what}; capacity frees in ${waitMs} ms` };
}

/**
 * The first limit among `specs` that one more request of `tokens` estimated tokens would break, or undefined.
 * `share` divides every ceiling (1 normally; the number of instances while each enforces its own share of a fleet
 * limit because Redis is unreachable).
 */
export function checkLimits(counters: LimitCounterMap, specs: readonly LimitSpec[], tokens: number, now: number, share = 1): LimitBlock | undefined {
  for (const spec of specs) {
    const c = counters.get(spec.key);
    if (spec.requestsPerMinute !== undefined) {
      const ceiling = Math.max(1, Math.floor(spec.requestsPerMinute / share));
      const wait = c.rpm.waitFor(now, 1, ceiling);
      if (wait !== 0) return windowBlock(spec, 'requestsPerMinute', ceiling, c.rpm.used(now), 1, wait);
    }
    if (spec.tokensPerMinute !== undefined) {
      const ceiling = Math.max(1, Math.floor(spec.tokensPerMinute / share));
      // A request larger than this instance's share, but within the fleet's limit, may still go alone.
      const fits = share === 1 ? ceiling : Math.max(ceiling, Math.min(tokens, spec.tokensPerMinute));
      const wait = c.tpm.waitFor(now, tokens, fits);
      if (wait !== 0) return windowBlock(spec, 'tokensPerMinute', ceiling, c.tpm.used(now), tokens, wait);
    }
    if (spec.maxConcurrency !== undefined) {
      const ceiling = Math.max(1, Math.floor(spec.maxConcurrency / share));
      if (c.inflight >= ceiling) {
        return { limit: 'maxConcurrency', scope: spec.scope, path: spec.path, message: `maxConcurrency (${ceiling}) of ${who(spec)} reached (${spec.path}): ${c.inflight} requests in flight` };
      }
    }
  }
  return undefined;
}

/** Counts one request of `tokens` estimated tokens under every spec (after `checkLimits` let it through). */
export function takeLimits(counters: LimitCounterMap, specs: readonly LimitSpec[], tokens: number, now: number): void {
  for (const spec of specs) {
    const c = counters.get(spec.key);
    if (spec.requestsPerMinute !== undefined) c.rpm.add(now, 1);
    if (spec.tokensPerMinute !== undefined) c.tpm.add(now, tokens);
    c.inflight++;
  }
}

/** Gives back what `takeLimits` took at `takenAt`: the slot in flight, and the token estimate settled to `tokens`. */
export function releaseLimits(counters: LimitCounterMap, specs: readonly LimitSpec[], estimate: number, tokens: number | undefined, takenAt: number, now: number): void {
  for (const spec of specs) {
    const c = counters.get(spec.key);
    if (c.inflight > 0) c.inflight--;
    if (spec.tokensPerMinute !== undefined && tokens !== undefined && tokens !== estimate) c.tpm.adjust(SlidingWindow.bucketOf(takenAt), tokens - estimate, now);
  }
}
