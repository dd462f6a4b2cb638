import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';

/**
 * Emitted (`warning`, once per `createSwitchyard`) for each Azure OpenAI provider that sets no `apiVersion`: the
 * default moved from the classic `2024-10-21` to the v1 API, so such a config now calls other URLs
 * (`/openai/v1/...`) than it did before this release.
 */
export type DefaultApiVersionWarning = {
  code: 'azure-api-version-default';
  /** What changed and how to keep the old behaviour. */
  message: string;
  /** The provider's config id. */
  provider: string;
  /** The config path of its `apiVersion` (`providers.azure-east.apiVersion`). */
  path: string;
};

/** The `azure-api-version-default` warnings of a validated config, in provider order. */
export function checkDefaultApiVersions(config: Pick<SwitchyardConfig, 'providers'>): DefaultApiVersionWarning[] {
  const warnings: DefaultApiVersionWarning[] = [];
  for (const [id, provider] of Object.entries(config.providers)) {
    if (provider.type !== 'azure-openai' || provider.apiVersion !== undefined) continue;
    warnings.push({
      code: 'azure-api-version-default',
      provider: id,
      path: `providers.${id}.apiVersion`,
      message: `providers.${id} sets no apiVersion, so it uses the Azure OpenAI v1 API (/openai/v1/..., the deployment in the body's model, no api-version query), the default since this release; before, it was the classic api-version 2024-10-21. Set apiVersion: v1 to keep v1 and silence this warning, or apiVersion: 2024-10-21 to keep the classic URLs.`,
    });
  }
  return warnings;
}
