import type { ZodObject } from 'zod';
import type { HttpTransport } from '../http/http-transport.ts';
import type { Provider } from './provider.ts';

/** What `createSwitchyard` hands an adapter when it builds a provider from the config. */
export interface ProviderContext {
  /** The provider's config id (`azure-east`). */
  id: string;
  /** The transport to send through. @default the shared undici transport */
  transport?: HttpTransport | undefined;
  /** The environment, for adapters that read standard variables (`OCI_CONFIG_FILE`, ADC) when created. */
  env: Record<string, string | undefined>;
  /** The clock, for token caches. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * How a provider type plugs into the config: the schema of its own keys (validated strictly, with the
 * common keys `type`, `tags`, `capabilities`, `prices`, `billing` added by the config loader), and a factory.
 * One entry per type in `src/config/provider-registry.ts`.
 */
export interface ProviderDefinition {
  /** The config `type` value. */
  type: string;
  /** A zod object schema of the adapter's own config keys (already interpolated, plain JSON values). */
  configSchema: ZodObject;
  /** Builds the provider from validated config values. */
  create(config: Record<string, unknown>, context: ProviderContext): Provider;
}
