import { lazyModule } from '../runtime/lazy-module.ts';
import type { CapacityTargetSettings, ProviderDefinition } from '../types/provider-definition.ts';

/**
 * A registry entry whose adapter is loaded when a config first uses its type (its schema is needed to validate
 * it), so that a config with two provider types loads two adapters, not every one.
 */
function onFirstUse(type: string, load: () => ProviderDefinition): [string, ProviderDefinition] {
  const definition: ProviderDefinition = {
    type,
    get configSchema() {
      return load().configSchema;
    },
    get targetSettings() {
      return load().targetSettings;
    },
    get expectedCapacity() {
      const own = load().expectedCapacity;
      return own && ((provider: Record<string, unknown>, settings: CapacityTargetSettings) => own.call(load(), provider, settings));
    },
    create: (config, context) => load().create(config, context),
  };
  return [type, definition];
}

const openai = lazyModule<typeof import('../../adapters/openai/index.ts')>('adapters/openai/index.ts');
const azureOpenAI = lazyModule<typeof import('../../adapters/azure-openai/index.ts')>('adapters/azure-openai/index.ts');
const vertex = lazyModule<typeof import('../../adapters/vertex/index.ts')>('adapters/vertex/index.ts');
const coreweave = lazyModule<typeof import('../../adapters/coreweave/index.ts')>('adapters/coreweave/index.ts');
const oci = lazyModule<typeof import('../../adapters/oci/index.ts')>('adapters/oci/index.ts');

/**
 * Every provider type a config may name, by its `type`. The one file in `src/` that imports adapters:
 * adding a provider is a new folder under `adapters/` and one line here.
 */
export const providerRegistry: ReadonlyMap<string, ProviderDefinition> = new Map<string, ProviderDefinition>([
  onFirstUse('openai', () => openai().openaiProviderDefinition),
  onFirstUse('azure-openai', () => azureOpenAI().azureOpenAIProviderDefinition),
  onFirstUse('vertex', () => vertex().vertexProviderDefinition),
  onFirstUse('coreweave', () => coreweave().coreweaveProviderDefinition),
  onFirstUse('oci', () => oci().ociProviderDefinition),
]);
