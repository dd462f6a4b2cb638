import { azureOpenAIProviderDefinition } from '../../adapters/azure-openai/index.ts';
import { coreweaveProviderDefinition } from '../../adapters/coreweave/index.ts';
import { ociProviderDefinition } from '../../adapters/oci/index.ts';
import { openaiProviderDefinition } from '../../adapters/openai/index.ts';
import { vertexProviderDefinition } from '../../adapters/vertex/index.ts';
import type { ProviderDefinition } from '../types/provider-definition.ts';

/**
 * Every provider type a config may name, by its `type`. The one file in `src/` that imports adapters:
 * adding a provider is a new folder under `adapters/` and one line here.
 */
export const providerRegistry: ReadonlyMap<string, ProviderDefinition> = new Map<string, ProviderDefinition>([
  [openaiProviderDefinition.type, openaiProviderDefinition],
  [azureOpenAIProviderDefinition.type, azureOpenAIProviderDefinition],
  [vertexProviderDefinition.type, vertexProviderDefinition],
  [coreweaveProviderDefinition.type, coreweaveProviderDefinition],
  [ociProviderDefinition.type, ociProviderDefinition],
]);
