import type { ConfigIssue } from '../errors/config-error.ts';
import type { ProviderDefinition } from '../types/provider-definition.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const SETTINGS = ['spillover', 'requestType', 'serviceTier'] as const;
const WHERE: Record<(typeof SETTINGS)[number], string> = {
  spillover: 'it is the Azure OpenAI x-ms-spillover-deployment header, for azure-openai providers',
  requestType: 'it selects Vertex AI Provisioned Throughput, Priority or Flex, for vertex providers',
  serviceTier: 'it is the OpenAI wire format service_tier, for openai and azure-openai providers',
};

/**
 * The capacity settings of each target (`spillover`, `requestType`, `serviceTier`) must be ones its provider's type
 * uses (`ProviderDefinition.targetSettings`): a setting that would be silently ignored is a config error.
 */
export function checkTargetSettings(config: unknown, definitions: ReadonlyMap<string, ProviderDefinition>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isObject(config) || !isObject(config.providers) || !isObject(config.models)) return issues;
  const providers = config.providers;
  for (const [alias, aliasConfig] of Object.entries(config.models)) {
    if (!isObject(aliasConfig) || !Array.isArray(aliasConfig.targets)) continue;
    aliasConfig.targets.forEach((target: unknown, i) => {
      if (!isObject(target) || typeof target.provider !== 'string') return;
      const provider = providers[target.provider];
      const type = isObject(provider) && typeof provider.type === 'string' ? provider.type : undefined;
      const definition = type === undefined ? undefined : definitions.get(type);
      if (!definition) return;
      for (const setting of SETTINGS) {
        if (target[setting] === undefined || definition.targetSettings?.includes(setting)) continue;
        issues.push({ path: `models.${alias}.targets[${i}].${setting}`, message: `provider ${target.provider} is of type ${type}, which does not use ${setting}: ${WHERE[setting]}. Remove it, or point the target at such a provider.` });
      }
    });
  }
  return issues;
}
