import { UnsupportedFeatureError } from '../../src/errors/unsupported-feature-error.ts';
import type { Warning } from '../../src/types/warning.ts';
import type { OpenAIOperation } from '../openai-compatible/openai-compatible-config.ts';
import type { AzureApiVersion } from './azure-api-version.ts';
import { AZURE_API_VERSION_FEATURES } from './azure-api-version-features.ts';
import { azureVersionSupports } from './azure-version-supports.ts';
import { describeFirstVersions } from './describe-first-versions.ts';
import { detectAzureRequestFeatures } from './detect-azure-request-features.ts';

/**
 * Checks a built body against the pinned api-version before anything is sent. A confirmed feature the
 * version lacks throws `UnsupportedFeatureError` naming the feature, the pinned version and the first
 * versions that have it; an unconfirmed one (see the table) becomes a warning and is sent as asked.
 */
export function checkAzureRequestFeatures(body: Record<string, unknown>, operation: OpenAIOperation, version: AzureApiVersion, provider: string): Warning[] {
  const warnings: Warning[] = [];
  for (const feature of detectAzureRequestFeatures(body, operation)) {
    if (azureVersionSupports(version, feature)) continue;
    const entry = AZURE_API_VERSION_FEATURES[feature];
    const first = describeFirstVersions(feature);
    if (!entry.confirmed) {
      warnings.push({
        type: 'unsupported-setting',
        setting: feature,
        message: `${provider}: Azure OpenAI api-version ${version.value} may not support ${entry.description} (unconfirmed; it is known from ${first}). Sent as asked.`,
      });
      continue;
    }
    const minimumVersion = version.channel === 'ga' && entry.firstGA ? entry.firstGA : entry.firstPreview;
    throw new UnsupportedFeatureError(
      `${provider}: the request uses ${entry.description}, which Azure OpenAI api-version ${version.value} does not have. ` +
        `It first appears in ${first}. Pin a version that has it with the provider's apiVersion setting (config: providers.${provider}.apiVersion), or drop ${feature} from the request.`,
      { feature, apiVersion: version.value, minimumVersion, provider },
    );
  }
  return warnings;
}
