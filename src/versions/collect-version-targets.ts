import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';
import { DEFAULT_VERSIONS } from './default-versions.ts';
import type { VersionCheckTarget } from './check-target-version.ts';
import { resolveVersionsPolicy } from './resolve-versions-policy.ts';

/**
 * Every target of every alias in a validated config, with its provider's facts and its alias's `versions`
 * policy (the top-level block overridden per alias), in config order.
 */
export function collectVersionTargets(config: Pick<SwitchyardConfig, 'providers' | 'models' | 'versions'>): VersionCheckTarget[] {
  const targets: VersionCheckTarget[] = [];
  for (const [alias, aliasConfig] of Object.entries(config.models ?? {})) {
    const policy = resolveVersionsPolicy(config.versions, aliasConfig.versions);
    aliasConfig.targets.forEach((target, index) => {
      const provider = config.providers[target.provider];
      const providerType = provider?.type ?? 'unknown';
      const entry: VersionCheckTarget = {
        alias,
        provider: target.provider,
        providerType,
        model: target.model,
        path: `models.${alias}.targets[${index}]`,
        policy,
      };
      if (target.pin !== undefined) entry.pin = target.pin;
      const deployments = provider?.deployments;
      if (deployments !== null && typeof deployments === 'object') entry.deployments = deployments as VersionCheckTarget['deployments'];
      if (typeof provider?.baseURL === 'string') entry.baseURL = provider.baseURL;
      const apiVersion = typeof provider?.apiVersion === 'string' ? provider.apiVersion : defaultApiVersion(providerType);
      if (apiVersion !== undefined) entry.apiVersion = apiVersion;
      targets.push(entry);
    });
  }
  return targets;
}

/** The API version an adapter uses when the config names none (see `DEFAULT_VERSIONS`). */
export function defaultApiVersion(providerType: string): string | undefined {
  if (providerType === 'azure-openai') return DEFAULT_VERSIONS.azureOpenAIApiVersion;
  if (providerType === 'vertex') return DEFAULT_VERSIONS.vertexApiVersion;
  if (providerType === 'openai') return DEFAULT_VERSIONS.openAIBasePath;
  return undefined;
}
