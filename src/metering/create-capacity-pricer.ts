import type { ChatRequest } from '../types/chat-request.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { MeterTarget } from '../types/meter.ts';
import type { ServedCapacity } from '../types/served-capacity.ts';
import type { Usage } from '../types/usage.ts';
import type { CapacityBilling } from './capacity-cost.ts';
import { estimateRequestTokens } from './estimate-request-tokens.ts';
import type { MeterEmit, MeterWarning } from './meter-events.ts';
import { computeTokenCost, computeWorstCaseCost, type ModelPrice } from './model-price.ts';
import type { PriceBook } from './price-book.ts';

/** What the pricer needs from the meter. */
export interface CapacityPricerSettings {
  priceBook: PriceBook;
  /** Capacity-billed providers by config id. */
  capacity: Record<string, CapacityBilling>;
  /** Azure deployments per provider id: the model behind each (a spillover deployment's price is its model's). */
  deployments: Record<string, Record<string, { model?: string }>>;
  emit: MeterEmit;
  /** Output tokens assumed when a request sets no `maxTokens`, for estimates. */
  defaultMaxOutputTokens?: number;
}

/** Prices attempts at the capacity that served them. */
export interface CapacityPricer {
  /** The exact cost in nano-USD, or null when unknown (no price for the model or its tier, an unknown tier). */
  price(target: MeterTarget, usage: Usage, at: number, servedModel?: string, capacity?: ServedCapacity): bigint | null;
  /** The worst-case cost of a request at the tier the target expects, in nano-USD, or null when unknown. */
  estimate(target: MeterTarget, request: ChatRequest | EmbedRequest, at: number): number | null;
}

/**
 * Prices each attempt at its capacity tier:
 * - `provisioned`: 0 per token (the capacity is billed by the hour through `billing`, charged in reports);
 * - `spillover`: per token at the spillover deployment's model price (Azure bills spilled requests "at the associated
 *   input token, cached token, and output token rates for the specified model version and deployment type"), never 0;
 * - `priority`, `flex`: that tier's rate (`prices` entries with `tier`, else a documented ratio), else null;
 * - `standard`, `on-demand`: the list price, also on a capacity-billed provider (Vertex Provisioned Throughput overflow);
 * - a tier the provider named that Switchyard does not know: null, with a warning, never the standard price;
 * - no capacity at all (a custom meter's caller, a ledger event from elsewhere): as before, 0 on a capacity-billed
 *   provider, else the list price.
 */
export function createCapacityPricer(settings: CapacityPricerSettings): CapacityPricer {
  const { priceBook, capacity: billed, deployments, emit } = settings;
  const warned = new Set<string>();
  const warnOnce = (id: string, warning: MeterWarning) => {
    if (warned.has(id)) return;
    warned.add(id);
    emit('warning', warning);
  };

  const candidates = (target: MeterTarget, served?: string, deployment?: string): string[] => {
    const spilledModel = deployment === undefined ? undefined : deployments[target.provider]?.[deployment]?.model;
    const priceModel = target.priceModel ?? deployments[target.provider]?.[target.model]?.model;
    // In order, each once, empty names left out (per attempt: no Set, no intermediate arrays).
    const models: string[] = [];
    const add = (m: string | undefined) => {
      if (m !== undefined && m.length > 0 && !models.includes(m)) models.push(m);
    };
    if (deployment === undefined) {
      add(priceModel);
      add(served);
      add(target.model);
    } else {
      add(spilledModel);
      add(served);
      add(deployment);
      add(priceModel);
      add(target.model);
    }
    return models;
  };

  const unknownPrice = (target: MeterTarget, models: string[], tier?: string): null => {
    const what = tier === undefined ? '' : ` at the ${tier} tier`;
    const fix = tier === undefined
      ? `Set providers.${target.provider}.prices.${models[0]} (USD per million tokens).`
      : `Set providers.${target.provider}.prices.${models[0]} with tier: ${tier} (USD per million tokens): the standard rate is not used for it.`;
    warnOnce(`price\u0000${target.provider}\u0000${models.join(',')}\u0000${tier ?? ''}`, {
      code: 'unknown-price',
      message: `No price is known for ${target.provider}:${models.join(' / ')}${what}; its cost is recorded as unknown. ${fix}`,
      provider: target.provider,
      model: models[0] as string,
      ...(tier !== undefined ? { capacity: tier } : {}),
    });
    return null;
  };

  /**
   * The price of the first of `models`, after a config price of the Azure deployment itself (`deployment`: the one
   * that served), so that a Data Zone or Regional deployment's own rate wins over its model's list price.
   */
  const listPrice = (target: MeterTarget, models: string[], at: number, tier?: 'priority' | 'flex', deployment?: string): ModelPrice | null => {
    const own = deployment !== undefined && deployments[target.provider]?.[deployment] !== undefined ? priceBook.findOverride(target.provider, deployment, at, tier) : null;
    return own ?? priceBook.find(target.provider, models, at, tier);
  };

  return {
    price(target, usage, at, servedModel, capacity) {
      const tier = capacity?.tier;
      if (capacity === undefined || (tier === null && capacity.raw === undefined)) {
        if (billed[target.provider]) return 0n;
        const models = candidates(target, servedModel);
        const price = listPrice(target, models, at, undefined, target.model);
        return price ? computeTokenCost(price, usage) : unknownPrice(target, models);
      }
      if (tier === null) {
        warnOnce(`tier\u0000${target.provider}\u0000${capacity.raw}`, {
          code: 'unknown-capacity',
          message: `${target.provider} answered with capacity "${capacity.raw}", which Switchyard does not know; such attempts are recorded with an unknown cost rather than priced at the standard rate. Upgrade switchyard, or report the value.`,
          provider: target.provider,
          capacity: capacity.raw as string,
        });
        return null;
      }
      if (tier === 'provisioned') {
        if (!billed[target.provider]) {
          warnOnce(`unbilled\u0000${target.provider}`, {
            code: 'capacity-unbilled',
            message: `${target.provider} served attempts on provisioned capacity, which cost 0 per token, but providers.${target.provider}.billing does not say what the capacity costs (billing: { type: provisioned, units, hourlyUsdPerUnit }): cost reports leave it out.`,
            provider: target.provider,
          });
        }
        return 0n;
      }
      const spilledTo = tier === 'spillover' ? capacity.deployment : undefined;
      const models = candidates(target, servedModel, spilledTo);
      const rated = tier === 'priority' || tier === 'flex' ? tier : undefined;
      const price = listPrice(target, models, at, rated, spilledTo ?? target.model);
      return price ? computeTokenCost(price, usage) : unknownPrice(target, models, rated);
    },
    estimate(target, request, at) {
      const expected = target.capacity;
      let price: ModelPrice | null;
      if (target.spillover !== undefined) {
        // A provisioned target that may spill over: the worst case is the spillover deployment's price.
        price = listPrice(target, candidates(target, undefined, target.spillover), at, undefined, target.spillover);
      } else if (expected === 'provisioned' || (expected === undefined && billed[target.provider])) return 0;
      // null: open (Provisioned Throughput that overflows to pay-as-you-go): the worst case is the pay-as-you-go price.
      else if (expected === 'priority' || expected === 'flex') price = listPrice(target, candidates(target), at, expected, target.model);
      else price = listPrice(target, candidates(target), at, undefined, target.model);
      if (!price) return null;
      const tokens = estimateRequestTokens(request, settings.defaultMaxOutputTokens);
      return Number(computeWorstCaseCost(price, tokens.inputTokens, tokens.outputTokens));
    },
  };
}
