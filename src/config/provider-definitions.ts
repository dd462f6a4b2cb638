import type { ProviderDefinition } from '../types/provider-definition.ts';
import { providerRegistry } from './provider-registry.ts';

/** The provider definitions to validate against: the registry, then `extra` (which may override). */
export function providerDefinitions(extra: readonly ProviderDefinition[] | undefined): ReadonlyMap<string, ProviderDefinition> {
  if (!extra || extra.length === 0) return providerRegistry;
  const map = new Map(providerRegistry);
  for (const definition of extra) map.set(definition.type, definition);
  return map;
}
