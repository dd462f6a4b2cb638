import { AZURE_API_VERSION_FEATURES, type AzureFeatureId } from './azure-api-version-features.ts';

/** Where a feature first appears, in words: `2024-10-21 (GA) or 2024-08-01-preview`, or the preview and `v1`. */
export function describeFirstVersions(feature: AzureFeatureId): string {
  const entry = AZURE_API_VERSION_FEATURES[feature];
  if (entry.firstGA) return `${entry.firstGA} (GA), ${entry.firstPreview}, or the v1 API ('v1')`;
  return `${entry.firstPreview}; no dated GA api-version has it, so use a later preview or the v1 API ('v1')`;
}
