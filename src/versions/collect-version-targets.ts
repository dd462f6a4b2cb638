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
      const surface = apiSurface(providerType, apiVersion, target.api ?? (typeof provider?.api === 'string' ? provider.api : undefined));
      if (surface !== undefined) entry.surface = surface;
      targets.push(entry);
    });
  }
  return targets;
}

const OPENAI_FORMAT_TYPES = new Set(['openai', 'azure-openai', 'oci', 'coreweave']);

/**
 * The API surface a target calls: `chat` or `responses` for providers on the OpenAI wire format, with Azure's URL
 * style in front (`v1/` for `v1` and `preview`, `classic/` for a dated api-version); undefined for other types.
 */
export function apiSurface(providerType: string, apiVersion: string | undefined, api: string | undefined): string | undefined {
  if (!OPENAI_FORMAT_TYPES.has(providerType)) return undefined;
  const kind = api ?? 'chat';
  if (providerType !== 'azure-openai') return kind;
  return `${apiVersion === 'v1' || apiVersion === 'preview' ? 'v1' : 'classic'}/${kind}`;
}

/** The API version an adapter uses when the config names none (see `DEFAULT_VERSIONS`). */
export function defaultApiVersion(providerType: string): string | undefined {
  if (providerType === 'azure-openai') return DEFAULT_VERSIONS.azureOpenAIApiVersion;
  if (providerType === 'vertex') return DEFAULT_VERSIONS.vertexApiVersion;
  if (providerType === 'openai') return DEFAULT_VERSIONS.openAIBasePath;
  return undefined;
}
