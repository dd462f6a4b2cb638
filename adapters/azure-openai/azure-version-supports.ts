import type { AzureApiVersion } from './azure-api-version.ts';
import { AZURE_API_VERSION_FEATURES, type AzureFeatureId } from './azure-api-version-features.ts';

const dateOf = (version: string) => version.slice(0, 10);

/**
 * Whether an api-version has a feature, by the table: the v1 API by the feature's `v1` entry (every feature has
 * one); a dated preview from the feature's first preview on; a dated GA from its first GA on (never, when no GA has it).
 */
export function azureVersionSupports(version: AzureApiVersion, feature: AzureFeatureId): boolean {
  const entry = AZURE_API_VERSION_FEATURES[feature];
  if (version.style === 'v1') return entry.v1;
  const date = version.date as string;
  if (version.channel === 'preview') return date >= dateOf(entry.firstPreview);
  return entry.firstGA !== undefined && date >= entry.firstGA;
}
