import { createGenaiPriceSource, type DatedModelPrice } from './genai-prices-source.ts';
import type { PriceEntryConfig, PriceOverridesConfig } from './metering-config-schema.ts';
import { scaleModelPrice, type ModelPrice, type TokenRate } from './model-price.ts';
import { usdToNano } from './nano-usd.ts';
import { parseIsoTime } from './parse-iso-time.ts';
import { TIER_PRICE_RULES, type PriceTier, type TierPriceRule } from './tier-price-rules.ts';

/** What a price book is built from. */
export interface PriceBookSettings {
  /** Each provider's config id -> its type (`openai`, `azure-openai`, `vertex`, `coreweave`, `oci`, …). */
  providerTypes: Record<string, string>;
  /** Each provider's config id -> its `prices` overrides (USD per million tokens, optionally dated). */
  overrides?: Record<string, PriceOverridesConfig | undefined> | undefined;
  /**
   * Default prices by provider type and model, as dated entries.
   * @default the data bundled with `@pydantic/genai-prices`
   */
  defaults?: ((providerType: string, model: string) => DatedModelPrice[] | null) | undefined;
  /** How tier rates follow from standard ones when no price names the tier. @default TIER_PRICE_RULES */
  tierRules?: readonly TierPriceRule[] | undefined;
}

/** Looks up the price of a model at a point in time. */
export interface PriceBook {
  /**
   * The price in effect at `at` (ms since the epoch) for the first of `models` that has one.
   * Config overrides are tried first (every candidate model), then the defaults; within each source the entry
   * with the latest `effectiveFrom` not after `at` wins. Null when no price is known: never a guess.
   *
   * With `tier` (`priority`, `flex`): config entries with that `tier` first (every candidate model), then the
   * standard price × the tier's documented ratio (`tierRules`), else null: a tier is never priced at the standard rate.
   */
  find(provider: string, models: readonly string[], at: number, tier?: PriceTier): ModelPrice | null;
  /** The config price (`providers.<id>.prices`) of `model` itself at `at` (with `tier`, an entry with that tier), or null. */
  findOverride(provider: string, model: string, at: number, tier?: PriceTier): ModelPrice | null;
}

/**
 * Builds a price book from config overrides and default data.
 * @example
 * const book = createPriceBook({ providerTypes: { cw: 'coreweave' }, overrides: { cw: { 'llama-3.1-70b': { input: 0.2, output: 0.2 } } } });
 * book.find('cw', ['llama-3.1-70b'], Date.now());
 */
export function createPriceBook(settings: PriceBookSettings): PriceBook {
  const defaults = settings.defaults ?? createGenaiPriceSource();
  const rules = settings.tierRules ?? TIER_PRICE_RULES;
  const scaled: Record<PriceTier, WeakMap<ModelPrice, ModelPrice>> = { priority: new WeakMap(), flex: new WeakMap() };
  const overrides = new Map<string, DatedModelPrice[]>();
  for (const [provider, models] of Object.entries(settings.overrides ?? {})) {
    for (const [model, value] of Object.entries(models ?? {})) {
      for (const entry of Array.isArray(value) ? value : [value]) {
        const key = `${provider}\u0000${model}${entry.tier === undefined ? '' : `\u0000${entry.tier}`}`;
        let entries = overrides.get(key);
        if (!entries) overrides.set(key, (entries = []));
        entries.push(fromConfig(entry, model));
      }
    }
  }
  for (const entries of overrides.values()) entries.sort((a, b) => (a.effectiveFrom ?? -Infinity) - (b.effectiveFrom ?? -Infinity));
  const find = (provider: string, models: readonly string[], at: number): ModelPrice | null => {
    for (const model of models) {
      const found = pick(overrides.get(`${provider}\u0000${model}`), at);
      if (found) return found;
    }
    const type = settings.providerTypes[provider];
    if (type === undefined) return null;
    for (const model of models) {
      const found = pick(defaults(type, model) ?? undefined, at);
      if (found) return found;
    }
    return null;
  };
  return {
    findOverride: (provider, model, at, tier) => pick(overrides.get(`${provider}\u0000${model}${tier === undefined ? '' : `\u0000${tier}`}`), at),
    find(provider, models, at, tier) {
      if (tier === undefined) return find(provider, models, at);
      for (const model of models) {
        const found = pick(overrides.get(`${provider}\u0000${model}\u0000${tier}`), at);
        if (found) return found;
      }
      const type = settings.providerTypes[provider];
      const rule = type === undefined ? undefined : rules.find((r) => r.tier === tier && r.providerTypes.includes(type));
      if (!rule) return null;
      const standard = find(provider, models, at);
      if (!standard) return null;
      // Derived once per standard price and rule: the same object every time.
      let derived = scaled[tier].get(standard);
      if (!derived) scaled[tier].set(standard, (derived = { ...scaleModelPrice(standard, rule.numerator, rule.denominator), source: 'tier-rule', tier }));
      return derived;
    },
  };
}

function pick(entries: DatedModelPrice[] | undefined, at: number): ModelPrice | null {
  if (!entries) return null;
  let chosen: DatedModelPrice | undefined;
  for (const entry of entries) {
    if (entry.effectiveFrom !== null && entry.effectiveFrom > at) continue;
    if (!chosen || (entry.effectiveFrom ?? -Infinity) >= (chosen.effectiveFrom ?? -Infinity)) chosen = entry;
  }
  return chosen?.price ?? null;
}

function fromConfig(entry: PriceEntryConfig, model: string): DatedModelPrice {
  const effectiveFrom = entry.effectiveFrom === undefined ? null : parseIsoTime(entry.effectiveFrom);
  const tiers = [...(entry.tiers ?? [])].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  const rate = (base: number, pick: (tier: (typeof tiers)[number]) => number | undefined): TokenRate => ({
    base: usdToNano(base),
    tiers: tiers.map((tier) => ({ aboveInputTokens: tier.aboveInputTokens, perMillion: usdToNano(pick(tier) ?? base) })),
  });
  const price: ModelPrice = {
    input: rate(entry.input, (t) => t.input),
    output: rate(entry.output, (t) => t.output),
    source: 'config',
    model,
    effectiveFrom,
  };
  if (entry.tier !== undefined) price.tier = entry.tier;
  if (entry.cachedInput !== undefined) price.cachedInput = rate(entry.cachedInput, (t) => t.cachedInput);
  if (entry.cacheWrite !== undefined) price.cacheWrite = rate(entry.cacheWrite, (t) => t.cacheWrite);
  return { effectiveFrom, price };
}
