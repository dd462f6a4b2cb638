import type { ModelPrice as GenaiModelPrice } from '@pydantic/genai-prices';
import { loadGenaiPriceCatalogue, type GenaiPriceCatalogue } from './genai-price-catalogue.ts';
import type { ModelPrice, TokenRate } from './model-price.ts';
import { usdToNano } from './nano-usd.ts';

/**
 * Our provider types -> `@pydantic/genai-prices` provider ids. Azure's catalogue falls back to OpenAI's models;
 * Vertex uses Google's Gemini prices. CoreWeave and OCI have no list prices there: configure
 * `providers.<id>.prices` (or `billing`) for them.
 */
export const GENAI_PRICES_PROVIDER_BY_TYPE: Readonly<Record<string, string>> = {
  openai: 'openai',
  'azure-openai': 'azure',
  vertex: 'google',
};

/** A price with the date from which it applies (null: from the beginning). */
export interface DatedModelPrice {
  effectiveFrom: number | null;
  price: ModelPrice;
}

/**
 * The default prices, read from the data bundled with `@pydantic/genai-prices` (dated, with tiers and cache
 * rates), of the providers above only (`loadGenaiPriceCatalogue`, which matches model ids the way the package does and
 * lets the rest of its data go). Its float arithmetic is not used: every rate is converted once to exact nano-USD per
 * million tokens. Time-of-day prices (off-peak discounts) are not supported and are skipped.
 */
export function createGenaiPriceSource(): (providerType: string, model: string) => DatedModelPrice[] | null {
  const cache = new Map<string, DatedModelPrice[] | null>();
  return (providerType, model) => {
    const providerId = GENAI_PRICES_PROVIDER_BY_TYPE[providerType];
    if (providerId === undefined) return null;
    const key = `${providerId}\u0000${model}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = lookup(providerId, model);
      cache.set(key, found);
    }
    return found;
  };
}

let catalogue: GenaiPriceCatalogue | undefined;

function lookup(providerId: string, model: string): DatedModelPrice[] | null {
  // The price data is loaded by the first lookup, not at import, and only the providers above are kept of it.
  catalogue ??= loadGenaiPriceCatalogue(Object.values(GENAI_PRICES_PROVIDER_BY_TYPE));
  const info = catalogue.find(providerId, model);
  if (info === null) return null;
  const entries = Array.isArray(info.prices) ? info.prices : [{ prices: info.prices }];
  const dated: DatedModelPrice[] = [];
  for (const entry of entries) {
    const constraint = entry.constraint;
    if (constraint !== undefined && constraint.type !== 'start_date') continue;
    const effectiveFrom = constraint === undefined ? null : Date.parse(`${constraint.start_date}T00:00:00Z`);
    const price = convert(entry.prices, info.id, effectiveFrom);
    if (price) dated.push({ effectiveFrom, price });
  }
  return dated.length > 0 ? dated : null;
}

function convert(prices: GenaiModelPrice, model: string, effectiveFrom: number | null): ModelPrice | null {
  const input = rate(prices.input_mtok);
  if (input === undefined) return null;
  const price: ModelPrice = { input, output: rate(prices.output_mtok) ?? { base: 0n, tiers: [] }, source: 'genai-prices', model, effectiveFrom };
  const cachedInput = rate(prices.cache_read_mtok);
  const cacheWrite = rate(prices.cache_write_mtok);
  if (cachedInput) price.cachedInput = cachedInput;
  if (cacheWrite) price.cacheWrite = cacheWrite;
  return price;
}

function rate(value: GenaiModelPrice[string]): TokenRate | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return { base: usdToNano(value), tiers: [] };
  const tiers = [...value.tiers].sort((a, b) => a.start - b.start).map((t) => ({ aboveInputTokens: t.start, perMillion: usdToNano(t.price) }));
  return { base: usdToNano(value.base), tiers };
}
