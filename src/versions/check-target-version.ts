import type { ConfigIssue } from '../errors/config-error.ts';
import { classifyModelVersion } from './classify-model-version.ts';
import { findModelRetirement, retirementStatus, type RetirementStatus } from './find-model-retirement.ts';
import type { VersionsPolicy } from './resolve-versions-policy.ts';
import { resolveTargetVersion, type TargetVersion } from './resolve-target-version.ts';
import type { VersionWarning } from './version-warning.ts';

/** One target of the config, with what version checks need to know. */
export interface VersionCheckTarget {
  alias: string;
  /** The provider's config id. */
  provider: string;
  providerType: string;
  /** The model sent on the wire (for Azure, the deployment). */
  model: string;
  /** The target's configured `pin`. */
  pin?: string;
  /** Azure: the provider's `deployments`. */
  deployments?: Record<string, { model?: string } | undefined>;
  /** CoreWeave: the provider's `baseURL`. */
  baseURL?: string;
  /** The provider's pinned API version, when it has one. */
  apiVersion?: string;
  /**
   * The API surface the target calls, for providers on the OpenAI wire format: `chat` or `responses`, prefixed for
   * Azure by `v1/` (the v1 API) or `classic/` (deployment URLs with a dated api-version), as in `v1/responses`.
   */
  surface?: string;
  /** The target's config path (`models.chat.targets[0]`). */
  path: string;
  /** The alias's `versions` policy. */
  policy: VersionsPolicy;
}

/** What the version checks found for one target. */
export interface VersionCheck {
  target: VersionCheckTarget;
  version: TargetVersion;
  /** The earliest known retirement of the model it runs (or of its pin), if any. */
  retirement?: RetirementStatus;
  /** Problems to report (`warning` events; `switchyard pins` problems). */
  warnings: VersionWarning[];
  /** Problems that make the config invalid (`versions.floating: error`). */
  errors: ConfigIssue[];
}

/**
 * Checks one target against its alias's `versions` policy at time `now` (ms since the epoch): a floating model
 * without a pin (an error under `floating: error`, a warning under `warn`), a floating pin, an Azure deployment
 * whose version is unknown, and known retirements (already past, or within `retirementWarningDays`).
 */
export function checkTargetVersion(target: VersionCheckTarget, now: number): VersionCheck {
  const version = resolveTargetVersion(target);
  const { policy } = target;
  const warnings: VersionWarning[] = [];
  const errors: ConfigIssue[] = [];
  const base = { alias: target.alias, provider: target.provider, model: target.model, path: target.path };
  const where = target.providerType === 'azure-openai' && version.versionModel !== undefined
    ? `deployment '${target.model}' runs '${version.versionModel}' (providers.${target.provider}.deployments), which`
    : `model '${target.model}'`;

  if (version.classification.kind === 'floating' && version.pinSource === undefined && policy.floating !== 'allow') {
    const message = `${where} floats (${version.classification.reason}); the provider can change what it serves without notice. Use a dated or stable snapshot, or set \`pin\` on the target to detect the change.`;
    if (policy.floating === 'error') errors.push({ path: `${target.path}.model`, message: `${message} (versions.floating is 'error')` });
    else warnings.push({ ...base, code: 'floating-model', message });
  }
  if (version.pinSource === 'config' && policy.floating !== 'allow') {
    const pinClass = classifyModelVersion(target.pin as string, target.providerType);
    if (pinClass.kind === 'floating') {
      warnings.push({ ...base, code: 'floating-pin', message: `pin '${target.pin}' is not a snapshot (${pinClass.reason}); drift is compared with that name literally. Pin a dated or stable version.` });
    }
  }
  if (target.providerType === 'azure-openai' && version.versionModel === undefined && policy.floating !== 'allow') {
    warnings.push({
      ...base,
      code: 'unversioned-deployment',
      message: `deployment '${target.model}' is not listed in providers.${target.provider}.deployments, so its model version is unknown. Add deployments: { ${target.model}: { model: <model-version> } }.`,
    });
  }

  const found = earliestRetirement(target, version, now);
  const retirement = found?.status;
  if (found && retirement) {
    const { retiresOn, source, replacement } = retirement.retirement;
    const named = found.model;
    const instead = replacement ? ` The provider recommends ${replacement}.` : '';
    const fields = { retiresOn, daysLeft: retirement.daysLeft, source };
    if (retirement.retired) {
      warnings.push({ ...base, ...fields, code: 'model-retired', message: `'${named}' was retired on ${retiresOn} (${source}); requests to it fail.${instead}` });
    } else if (retirement.daysLeft <= policy.retirementWarningDays) {
      warnings.push({ ...base, ...fields, code: 'model-retiring', message: `'${named}' retires on ${retiresOn}, in ${retirement.daysLeft} day(s) (${source}).${instead}` });
    }
  }
  return { target, version, retirement, warnings, errors };
}

/** The earliest known retirement of the model the target runs or of its pin, and which of the two it is. */
function earliestRetirement(target: VersionCheckTarget, version: TargetVersion, now: number): { status: RetirementStatus; model: string } | undefined {
  const ids = new Set<string>();
  if (version.versionModel !== undefined) ids.add(version.versionModel);
  if (version.pin !== undefined) ids.add(version.pin);
  let found: { status: RetirementStatus; model: string } | undefined;
  for (const model of ids) {
    const entry = findModelRetirement({ providerType: target.providerType, model, baseURL: target.baseURL });
    if (entry && (found === undefined || entry.retiresOn < found.status.retirement.retiresOn)) found = { status: retirementStatus(entry, now), model };
  }
  return found;
}
