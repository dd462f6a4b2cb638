import type { RouterDeps } from '../resilience/call-state.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { Meter, MeterTarget } from '../types/meter.ts';
import type { Route, RouteTarget } from './route.ts';
import { expectedCapacity } from './target-capacity.ts';

/** What ordering needs to know about the call. */
export interface OrderContext {
  operation: 'chat' | 'stream' | 'embed';
  request: ChatRequest | EmbedRequest;
  deps: RouterDeps;
  /** The estimated prompt size in tokens. */
  promptTokens: () => number;
}

function weightedOrder(targets: RouteTarget[], random: () => number): RouteTarget[] {
  const pool = targets.filter((t) => t.weight > 0);
  const out: RouteTarget[] = [];
  let total = pool.reduce((sum, t) => sum + t.weight, 0);
  while (pool.length > 0) {
    let pick = random() * total;
    let i = 0;
    while (i < pool.length - 1 && pick >= (pool[i] as RouteTarget).weight) pick -= (pool[i++] as RouteTarget).weight;
    const chosen = pool.splice(i, 1)[0] as RouteTarget;
    total -= chosen.weight;
    out.push(chosen);
  }
  // Weight 0: never chosen first, kept as the last fallbacks in priority order.
  for (const t of targets) if (t.weight <= 0) out.push(t);
  return out;
}

/** The estimated cost of a call on a target in nano-USD, from metering or the target's `costHint`; undefined when unknown. */
function estimateCost(target: RouteTarget, ctx: OrderContext, meter: Meter | undefined): number | undefined {
  if (meter) {
    const meterTarget: MeterTarget = { alias: target.alias, provider: target.providerId, model: target.model, ...(target.priceModel ? { priceModel: target.priceModel } : {}) };
    // At the tier the target is served in: a flex or provisioned target ranks as cheaper, a spilling one at its worst case.
    const capacity = expectedCapacity(target.capacity, ctx.request);
    if (capacity !== undefined) meterTarget.capacity = capacity;
    if (target.capacity.spillover !== undefined) meterTarget.spillover = target.capacity.spillover;
    try {
      const estimate = meter.estimate(meterTarget, ctx.request);
      if (estimate !== null) return estimate;
    } catch {
      // An estimate is a ranking hint; fall back to the cost hint.
    }
  }
  if (target.costHint === undefined) return undefined;
  const outputTokens = 'maxTokens' in ctx.request && ctx.request.maxTokens !== undefined ? ctx.request.maxTokens : 0;
  // costHint is USD per million tokens: nano-USD per token is costHint * 1000.
  return (ctx.promptTokens() + outputTokens) * target.costHint * 1000;
}

function byKey(targets: RouteTarget[], key: (t: RouteTarget) => number | undefined): RouteTarget[] {
  const keyed = targets.map((target, index) => ({ target, index, value: key(target) }));
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === undefined ? 1 : -1;
    }
    return a.value - b.value || a.index - b.index;
  });
  return keyed.map((k) => k.target);
}

/**
 * The order in which to try a route's targets (the first serves, the rest are the failover chain):
 * - `priority`: as configured;
 * - `weighted`: a weighted random order (weight 0: only as a last fallback);
 * - `round-robin`: the configured order rotated by one on every call;
 * - `least-latency`: fastest moving average first (time to first token for streams), slowed by the
 *   target's recent failure share; targets never tried come first, so that each gets measured;
 * - `lowest-cost`: cheapest estimate first (metering's price book, else `costHint`); unknown costs last.
 */
export function orderTargets(route: Route, targets: RouteTarget[], ctx: OrderContext): RouteTarget[] {
  switch (route.strategy) {
    case 'priority':
      return targets;
    case 'weighted':
      return weightedOrder(targets, ctx.deps.random);
    case 'round-robin': {
      if (targets.length < 2) return targets;
      const start = route.turn++ % targets.length;
      return start === 0 ? targets : [...targets.slice(start), ...targets.slice(0, start)];
    }
    case 'least-latency':
      // Unmeasured targets rank first (-1), so that each gets measured.
      return byKey(targets, (t) => t.stats.rank(ctx.operation) ?? -1);
    case 'lowest-cost':
      return byKey(targets, (t) => estimateCost(t, ctx, ctx.deps.meter));
  }
}
