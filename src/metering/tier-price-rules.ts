/** A capacity tier with its own per-token rate. */
export type PriceTier = 'priority' | 'flex';

/**
 * A documented relation between a tier's rates and the standard rates of the same model: every rate (input, cached,
 * cache write, output, long-context tiers) is the standard one × `numerator / denominator`.
 */
export interface TierPriceRule {
  /** The provider types it applies to. */
  providerTypes: readonly string[];
  tier: PriceTier;
  numerator: bigint;
  denominator: bigint;
  /** Where the rule is stated. */
  source: string;
}

/**
 * The tier rates Switchyard derives when neither `prices` (an entry with that `tier`) nor the bundled price data
 * (`@pydantic/genai-prices`, which has no tier prices as of 0.1.8) has them. Only rules a provider states as a plain
 * ratio are here: Flex is half the standard rate. Priority rates differ per model (no rule): set them with
 * `prices.<model>: { tier: priority, ... }`, or the cost of a priority attempt is unknown, with a warning.
 */
export const TIER_PRICE_RULES: readonly TierPriceRule[] = [
  {
    providerTypes: ['openai'],
    tier: 'flex',
    numerator: 1n,
    denominator: 2n,
    // Not confirmed from a primary source: that Batch rates are exactly half the standard ones for every model (the
    // pricing page's Batch table shows half for the models it lists; secondary sources say 50%).
    source: 'OpenAI, Flex processing guide: "Tokens are priced at Batch API rates"; Batch rates are 50% of standard',
  },
  {
    providerTypes: ['azure-openai'],
    tier: 'flex',
    numerator: 1n,
    denominator: 2n,
    source: 'Microsoft, "Use Flex processing with Azure OpenAI": "Flex input and output tokens receive a 50% discount compared with the corresponding Standard token rates"',
  },
  {
    providerTypes: ['vertex'],
    tier: 'flex',
    numerator: 1n,
    denominator: 2n,
    source: 'Google Cloud, "Flex PayGo": "Flex PayGo offers a 50% discount compared to Standard PayGo"',
  },
];
