import type { ZodObject } from 'zod';
import type { CapacityRequestType, CapacityTier } from './capacity-tier.ts';
import type { ChatRequest } from './chat-request.ts';
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

/** What a provider type's `expectedCapacity` decides from, besides the provider's own config entry. */
export interface CapacityTargetSettings {
  /** The target's model (an Azure deployment). */
  model: string;
  /** True when the provider's `billing` is by capacity (`provisioned`, `gpu-hours`) rather than per token. */
  capacityBilled: boolean;
  /** The spillover deployment of the target (its own, else the provider's). */
  spillover?: string | undefined;
  /** Every deployment of this provider that the config names as a spillover deployment (standard ones). */
  spilloverDeployments: ReadonlySet<string>;
  /** The `requestType` in effect: the request's, else the target's, else the provider's. */
  requestType?: CapacityRequestType | undefined;
  /** The `serviceTier` in effect: the request's, else the target's. */
  serviceTier?: ChatRequest['serviceTier'] | undefined;
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
  targetSettings?: readonly ('spillover' | 'requestType' | 'serviceTier')[] | undefined;
  /**
   * The capacity tier a target is served in when its answer names none (an Azure provisioned deployment's own answer
   * carries no marker), from the provider's config entry and `settings`: what the router records and prices such an
   * answer at, and what estimates assume. Null: open, the answer tells (Vertex Provisioned Throughput that overflows).
   * Undefined: nothing known. @default `provisioned` under capacity billing, else undefined
   */
  expectedCapacity?: ((provider: Record<string, unknown>, settings: CapacityTargetSettings) => CapacityTier | null | undefined) | undefined;
  /** Builds the provider from validated config values. */
  create(config: Record<string, unknown>, context: ProviderContext): Provider;
}
