import type { Usage } from '../types/usage.ts';

/** A token rate in nano-USD per million tokens, with optional tiers by prompt size. */
export interface TokenRate {
  /** Nano-USD per million tokens when no tier applies. */
  base: bigint;
  /**
   * Higher rates, ascending by threshold. A tier applies to every token of a request whose prompt
   * (`inputTokens`, cached included) has more than `aboveInputTokens` tokens: Gemini's long-context pricing.
   */
  tiers: Array<{ aboveInputTokens: number; perMillion: bigint }>;
}

/** The price of one model at one time, in exact integers. */
export interface ModelPrice {
  /** Uncached prompt tokens. */
  input: TokenRate;
  /** Generated tokens, reasoning included (reasoning is charged once, as output). */
  output: TokenRate;
  /** Prompt tokens read from a cache. @default the input rate (no discount) */
  cachedInput?: TokenRate;
  /** Prompt tokens written to a cache. @default the input rate */
  cacheWrite?: TokenRate;
  /**
   * Where the price came from: `config` (providers.<id>.prices), `genai-prices` (the bundled defaults), or `tier-rule`
   * (a tier's rate derived from the standard one by a documented ratio, `TIER_PRICE_RULES`).
   */
  source: 'config' | 'genai-prices' | 'tier-rule';
  /** The capacity tier the price is for; absent for the standard rate. */
  tier?: 'priority' | 'flex';
  /** The model id the price was found under. */
  model: string;
  /** When this price took effect (ms since the epoch), or null when it has no start date. */
  effectiveFrom: number | null;
}

const MILLION = 1_000_000n;

/** The price with every rate × `numerator / denominator` (rounded half up to the nano-USD per million tokens). */
export function scaleModelPrice(price: ModelPrice, numerator: bigint, denominator: bigint): ModelPrice {
  const scale = (rate: TokenRate): TokenRate => ({
    base: (rate.base * numerator * 2n + denominator) / (2n * denominator),
    tiers: rate.tiers.map((t) => ({ aboveInputTokens: t.aboveInputTokens, perMillion: (t.perMillion * numerator * 2n + denominator) / (2n * denominator) })),
  });
  const scaled: ModelPrice = { ...price, input: scale(price.input), output: scale(price.output) };
  if (price.cachedInput) scaled.cachedInput = scale(price.cachedInput);
  if (price.cacheWrite) scaled.cacheWrite = scale(price.cacheWrite);
  return scaled;
}

/** The rate that applies to a request with `inputTokens` prompt tokens. */
export function rateFor(rate: TokenRate, inputTokens: number): bigint {
  let perMillion = rate.base;
  for (const tier of rate.tiers) if (inputTokens > tier.aboveInputTokens) perMillion = tier.perMillion;
  return perMillion;
}

/**
 * The exact cost of `usage` at `price`, in nano-USD.
 *
 * Follows the `Usage` rule: cached and cache-write tokens are parts of `inputTokens`, so each prompt token is
 * charged exactly once (uncached at the input rate, cached at the cache rate, written at the cache-write rate);
 * reasoning tokens are part of `outputTokens` and are charged once, at the output rate. The sum of the exact
 * products is divided by one million once and rounded half up to the nano-USD, so a call worth a fraction of
 * a cent is never zero.
 */
export function computeTokenCost(price: ModelPrice, usage: Usage): bigint {
  const input = count(usage.inputTokens);
  const cached = Math.min(count(usage.cachedInputTokens), input);
  const written = Math.min(count(usage.cacheWriteTokens), input - cached);
  const uncached = input - cached - written;
  const output = count(usage.outputTokens);
  const inputRate = rateFor(price.input, input);
  const sum =
    BigInt(uncached) * inputRate +
    BigInt(cached) * (price.cachedInput ? rateFor(price.cachedInput, input) : inputRate) +
    BigInt(written) * (price.cacheWrite ? rateFor(price.cacheWrite, input) : inputRate) +
    BigInt(output) * rateFor(price.output, input);
  return (sum + MILLION / 2n) / MILLION;
}

/** The worst-case cost of a request: every prompt token uncached, `outputTokens` generated. */
export function computeWorstCaseCost(price: ModelPrice, inputTokens: number, outputTokens: number): bigint {
  const input = count(inputTokens);
  const sum = BigInt(input) * rateFor(price.input, input) + BigInt(count(outputTokens)) * rateFor(price.output, input);
  return (sum + MILLION - 1n) / MILLION;
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
