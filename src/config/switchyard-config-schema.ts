import * as z from 'zod';
import { billingSchema, budgetSchema, ledgerConfigSchema, priceOverridesSchema } from '../metering/metering-config-schema.ts';
import { limitsConfigSchema, type LimitsConfig } from '../state/limits-config-schema.ts';
import { stateConfigSchema, type StateConfig } from '../state/state-config-schema.ts';
import { versionsConfigSchema } from '../versions/versions-config-schema.ts';
import { gatewayConfigSchema, type GatewayConfig } from '../gateway/gateway-config-schema.ts';
import { aliasConfigSchema, capabilitiesConfigSchema, circuitBreakerConfigSchema, defaultsConfigSchema, type AliasConfig, type CapabilitiesConfig, type CircuitBreakerConfig, type DefaultsConfig } from './routing-config-schema.ts';
import type { BillingConfig, BudgetConfig, LedgerConfig, PriceOverridesConfig } from '../metering/metering-config-schema.ts';
import type { VersionsConfig } from '../versions/versions-config-schema.ts';

/**
 * The keys every provider entry has besides its adapter's own (`ProviderDefinition.configSchema`):
 * `type`, `tags` (for `require.tags`), `capabilities`, `prices` and `billing` (metering), `limits` (shared state).
 */
export const providerCommonSchema = z.strictObject({
  type: z.string().min(1),
  tags: z.array(z.string().min(1)).optional(),
  capabilities: capabilitiesConfigSchema.optional(),
  prices: priceOverridesSchema.optional(),
  billing: billingSchema.optional(),
  limits: limitsConfigSchema.optional(),
});

/** The names of the common provider keys. */
export const PROVIDER_COMMON_KEYS: readonly string[] = Object.keys(providerCommonSchema.shape);

/**
 * The whole config, except that each provider entry is checked against its type's schema separately
 * (see `validateProviders`).
 */
export const switchyardConfigSchema = z.strictObject({
  providers: z.record(z.string(), z.unknown()).refine((p) => Object.keys(p).length > 0, 'expected at least one provider, found none'),
  models: z.record(z.string(), aliasConfigSchema).optional(),
  defaults: defaultsConfigSchema.optional(),
  circuitBreaker: circuitBreakerConfigSchema.optional(),
  versions: versionsConfigSchema.optional(),
  ledger: ledgerConfigSchema.optional(),
  budgets: z.array(budgetSchema).optional(),
  state: stateConfigSchema.optional(),
  gateway: gatewayConfigSchema.optional(),
});

/** A validated provider entry: the common keys, and the adapter's own keys beside them (as in the file). */
export interface ProviderConfig {
  type: string;
  tags?: string[] | undefined;
  capabilities?: CapabilitiesConfig | undefined;
  prices?: PriceOverridesConfig | undefined;
  billing?: BillingConfig | undefined;
  /** Switchyard's own limits for every target on this provider, counted across the instances sharing `state`. */
  limits?: LimitsConfig | undefined;
  /** The adapter's own keys (`apiKey`, `baseURL`, `deployments`, …), validated by its definition. */
  [key: string]: unknown;
}

/** A validated config, with `${ENV}` references replaced. */
export interface SwitchyardConfig {
  providers: Record<string, ProviderConfig>;
  models: Record<string, AliasConfig>;
  defaults?: DefaultsConfig | undefined;
  circuitBreaker?: CircuitBreakerConfig | undefined;
  versions?: VersionsConfig | undefined;
  ledger?: LedgerConfig | undefined;
  budgets?: BudgetConfig[] | undefined;
  /** What instances share. @default `{ type: memory }` */
  state?: StateConfig | undefined;
  /** The OpenAI-compatible gateway (`switchyard serve`, `switchyard/gateway`): virtual keys, limits, drain, CORS. */
  gateway?: GatewayConfig | undefined;
  /** Where the config came from: the file path, or `config object`. */
  source: string;
  /** The directory relative paths in the config resolve against: the file's directory, or the working directory. */
  baseDir: string;
}

/** What `createSwitchyard` and `loadConfig` accept as a config object (the same keys as the YAML file). */
export interface SwitchyardConfigInput {
  providers: Record<string, { type: string; [key: string]: unknown }>;
  models?: Record<string, unknown> | undefined;
  defaults?: unknown | undefined;
  circuitBreaker?: unknown | undefined;
  versions?: unknown | undefined;
  ledger?: unknown | undefined;
  budgets?: unknown[] | undefined;
  state?: unknown | undefined;
  gateway?: unknown | undefined;
  [key: string]: unknown;
}
