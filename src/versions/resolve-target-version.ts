import { classifyModelVersion, type ModelVersionClass } from './classify-model-version.ts';

/** What `resolveTargetVersion` needs to know about one target. */
export interface TargetVersionInput {
  /** The provider's type (`openai`, `azure-openai`, `vertex`, `coreweave`, `oci`, …). */
  providerType: string;
  /** The model sent on the wire (for Azure, the deployment name). */
  model: string;
  /** The target's `pin` from the config, when set. */
  pin?: string;
  /** Azure: the provider's `deployments`, mapping each deployment to the model version behind it. */
  deployments?: Record<string, { model?: string } | undefined>;
}

/** The version facts of one target. */
export interface TargetVersion {
  /**
   * The model the target runs: for Azure, the deployment's configured model (`gpt-4o-2024-08-06`);
   * undefined when an Azure deployment is not listed in `deployments`. Otherwise `model`.
   */
  versionModel?: string;
  /** How `versionModel` classifies (`unknown` when there is none). */
  classification: ModelVersionClass;
  /**
   * The version the target must serve: the configured `pin`, else `versionModel` when it is a snapshot,
   * else undefined (nothing to compare against).
   */
  pin?: string;
  /** Where the pin came from. */
  pinSource?: 'config' | 'model' | 'deployment';
}

/**
 * Resolves a target's pin: `pin` when configured, else the model when it is a dated or stable snapshot
 * (for Azure, the model version configured for the deployment in `deployments: { name: { model } }`).
 * @example resolveTargetVersion({ providerType: 'openai', model: 'gpt-4o-2024-08-06' }).pin // 'gpt-4o-2024-08-06'
 */
export function resolveTargetVersion(input: TargetVersionInput): TargetVersion {
  const azure = input.providerType === 'azure-openai';
  const versionModel = azure ? input.deployments?.[input.model]?.model : input.model;
  const classification: ModelVersionClass =
    versionModel === undefined
      ? { kind: 'unknown', reason: `deployment '${input.model}' has no model in deployments, so its version is unknown` }
      : classifyModelVersion(versionModel, input.providerType);
  if (input.pin !== undefined) return { versionModel, classification, pin: input.pin, pinSource: 'config' };
  if (classification.kind === 'snapshot' && versionModel !== undefined) {
    return { versionModel, classification, pin: versionModel, pinSource: azure ? 'deployment' : 'model' };
  }
  return { versionModel, classification };
}
