import * as z from 'zod';

const usdPerMillion = z.number().nonnegative();

/** A higher rate for long prompts: applies to the whole request once the prompt exceeds `aboveInputTokens`. */
export const priceTierSchema = z.strictObject({
  aboveInputTokens: z.number().int().nonnegative(),
  input: usdPerMillion,
  output: usdPerMillion,
  cachedInput: usdPerMillion.optional(),
  cacheWrite: usdPerMillion.optional(),
});

/** One price entry, in USD per million tokens, optionally from a date on. */
export const priceEntrySchema = z.strictObject({
  input: usdPerMillion,
  output: usdPerMillion,
  cachedInput: usdPerMillion.optional(),
  cacheWrite: usdPerMillion.optional(),
  /** ISO date (or date-time, UTC unless it names a zone) from which this price applies. */
  effectiveFrom: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO date such as 2025-01-01 or 2025-01-01T00:00:00Z')
    .optional(),
  /** Long-context tiers (Gemini above 200k prompt tokens), ascending. */
  tiers: z.array(priceTierSchema).optional(),
  /**
   * The capacity tier this rate is for: `priority` (OpenAI/Azure priority processing, Vertex Priority PayGo) or `flex`.
   * Entries without `tier` are the standard (pay-as-you-go) rate.
   */
  tier: z.enum(['priority', 'flex']).optional(),
});

/** `providers.<id>.prices`: per model, one price or a list of dated prices. */
export const priceOverridesSchema = z.record(z.string(), z.union([priceEntrySchema, z.array(priceEntrySchema).min(1)]));

/** `providers.<id>.billing`: how the provider charges. @default `{ type: per-token }` */
export const billingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('per-token') }),
  z.strictObject({ type: z.literal('provisioned'), units: z.number().positive(), hourlyUsdPerUnit: z.number().nonnegative(), tokensPerMinutePerUnit: z.number().positive().optional() }),
  z.strictObject({ type: z.literal('gpu-hours'), gpus: z.number().positive(), hourlyUsdPerGpu: z.number().nonnegative(), tokensPerSecondPerGpu: z.number().positive().optional() }),
]);

/** One entry of the top-level `budgets`. */
export const budgetSchema = z.strictObject({
  name: z.string().optional(),
  provider: z.string().optional(),
  alias: z.string().optional(),
  /** `key=value`, for example `tenant=acme`. */
  tag: z.string().regex(/^[^=]+=.+$/, 'expected key=value, for example tenant=acme').optional(),
  period: z.enum(['day', 'month']),
  limitUsd: z.number().positive(),
  mode: z.enum(['hard', 'soft']).default('hard'),
});

/** The top-level `ledger`. @default `{ type: sqlite, path: .switchyard/ledger.sqlite }` */
export const ledgerConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sqlite'), path: z.string().min(1).optional() }),
  z.strictObject({ type: z.literal('postgres'), url: z.string().min(1), table: z.string().optional() }),
  z.strictObject({ type: z.literal('memory') }),
  z.strictObject({ type: z.literal('none') }),
]);

export type PriceTierConfig = z.infer<typeof priceTierSchema>;
export type PriceEntryConfig = z.infer<typeof priceEntrySchema>;
export type PriceOverridesConfig = z.infer<typeof priceOverridesSchema>;
export type BillingConfig = z.infer<typeof billingSchema>;
export type BudgetConfig = z.infer<typeof budgetSchema>;
export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;
