import type { VersionsConfig } from './versions-config-schema.ts';

/** The `versions` settings in force for one alias, every default applied. */
export interface VersionsPolicy {
  /** What to do with a target whose model floats and has no pin. @default 'warn' */
  floating: 'allow' | 'warn' | 'error';
  /** What to do when a response's served version differs from the pin. @default 'warn' */
  onDrift: 'warn' | 'error' | 'failover';
  /** Warn this many days before a known retirement. @default 90 */
  retirementWarningDays: number;
}

/** The defaults of the `versions` block. */
export const DEFAULT_VERSIONS_POLICY: Readonly<VersionsPolicy> = { floating: 'warn', onDrift: 'warn', retirementWarningDays: 90 };

/**
 * Merges the top-level `versions` block with an alias's own (`models.<alias>.versions`), key by key:
 * the alias wins where it sets a key, then the top level, then the defaults.
 */
export function resolveVersionsPolicy(topLevel?: VersionsConfig, alias?: VersionsConfig): VersionsPolicy {
  return {
    floating: alias?.floating ?? topLevel?.floating ?? DEFAULT_VERSIONS_POLICY.floating,
    onDrift: alias?.onDrift ?? topLevel?.onDrift ?? DEFAULT_VERSIONS_POLICY.onDrift,
    retirementWarningDays: alias?.retirementWarningDays ?? topLevel?.retirementWarningDays ?? DEFAULT_VERSIONS_POLICY.retirementWarningDays,
  };
}
