import type { ZodObject } from 'zod';
import type { HttpTransport } from '../http/http-transport.ts';
import type { Provider } from './provider.ts';

/** What `createSwitchyard` hands an adapter when it builds a provider from the config. */
export interface ProviderContext {
  /** The provider's config id (`azure-east`). */
  id: string;
  /** The transport to send through. @default the shared undici transport */
  transport?: HttpTransport;
  /** The environment, for adapters that read standard variables (`OCI_CONFIG_FILE`, ADC) when created. */
  env: Record<string, string | undefined>;
  /** The clock, for token caches. @default Date.now */
  now?: () => number;
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
  /**
   * The capacity settings a target of this type may set, which the router passes on as request fields:
   * `spillover` (Azure OpenAI), `requestType` (Vertex AI), `serviceTier` (the OpenAI wire format). A target that
   * sets one its provider's type does not list is a config error. @default none
   */
  targetSettings?: readonly ('spillover' | 'requestType' | 'serviceTier')[];
  /** Builds the provider from validated config values. */
  create(config: Record<string, unknown>, context: ProviderContext): Provider;
}
