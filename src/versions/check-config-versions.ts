import type { SwitchyardConfig } from '../config/switchyard-config-schema.ts';
import type { ConfigIssue } from '../errors/config-error.ts';
import { checkTargetVersion, type VersionCheck } from './check-target-version.ts';
import { collectVersionTargets } from './collect-version-targets.ts';
import type { VersionWarning } from './version-warning.ts';

/** What `checkConfigVersions` found. */
export interface ConfigVersionReport {
  /** One check per target, in config order. */
  checks: VersionCheck[];
  /** Problems that make the config invalid: throw them as one `ConfigError`. */
  errors: ConfigIssue[];
  /** Problems to emit as `warning` events. */
  warnings: VersionWarning[];
}

/**
 * Checks every target of a validated config against its alias's `versions` policy at `now` (ms since the
 * epoch): floating models (errors under `floating: error`), floating pins, unversioned Azure deployments,
 * and known retirements within `retirementWarningDays` or already past. `createSwitchyard` throws the errors
 * as a `ConfigError` and emits the warnings; `switchyard pins` prints both.
 */
export function checkConfigVersions(config: Pick<SwitchyardConfig, 'providers' | 'models' | 'versions'>, now: number): ConfigVersionReport {
  const checks = collectVersionTargets(config).map((target) => checkTargetVersion(target, now));
  return { checks, errors: checks.flatMap((c) => c.errors), warnings: checks.flatMap((c) => c.warnings) };
}
