import { createGenaiPriceSource, type DatedModelPrice } from './genai-prices-source.ts';
import type { PriceEntryConfig, PriceOverridesConfig } from './metering-config-schema.ts';
import type { ModelPrice, TokenRate } from './model-price.ts';
import { usdToNano } from './nano-usd.ts';
import { parseIsoTime } from './parse-iso-time.ts';

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
}

/** Looks up the price of a model at a point in time. */
export interface PriceBook {
  /**
   * The price in effect at `at` (ms since the epoch) for the first of `models` that has one.
   * Config overrides are tried first (every candidate model), then the defaults; within each source the entry
   * with the latest `effectiveFrom` not after `at` wins. Null when no price is known: never a guess.
   */
  find(provider: string, models: readonly string[], at: number): ModelPrice | null;
}

/**
 * Builds a price book from config overrides and default data.
 * @example
 * const book = createPriceBook({ providerTypes: { cw: 'coreweave' }, overrides: { cw: { 'llama-3.1-70b': { input: 0.2, output: 0.2 } } } });
 * book.find('cw', ['llama-3.1-70b'], Date.now());
 */
export function createPriceBook(settings: PriceBookSettings): PriceBook {
  const defaults = settings.defaults ?? createGenaiPriceSource();
  const overrides = new Map<string, DatedModelPrice[]>();
  for (const [provider, models] of Object.entries(settings.overrides ?? {})) {
    for (const [model, value] of Object.entries(models ?? {})) {
      const entries = (Array.isArray(value) ? value : [value]).map((entry) => fromConfig(entry, model));
      entries.sort((a, b) => (a.effectiveFrom ?? -Infinity) - (b.effectiveFrom ?? -Infinity));
      overrides.set(`${provider}\u0000${model}`, entries);
    }
  }
  return {
    find(provider, models, at) {
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
  if (entry.cachedInput !== undefined) price.cachedInput = rate(entry.cachedInput, (t) => t.cachedInput);
  if (entry.cacheWrite !== undefined) price.cacheWrite = rate(entry.cacheWrite, (t) => t.cacheWrite);
  return { effectiveFrom, price };
}
