import { ConfigError, type ConfigIssue } from '../errors/config-error.ts';
import { checkStateConfig } from '../state/check-state-config.ts';
import type { ProviderDefinition } from '../types/provider-definition.ts';
import { checkReferences } from './check-references.ts';
import { checkTargetSettings } from './check-target-settings.ts';
import { formatZodIssues } from './format-zod-issues.ts';
import { interpolateEnv } from './interpolate-env.ts';
import { providerDefinitions } from './provider-definitions.ts';
import { readConfigFile } from './read-config-file.ts';
import { switchyardConfigSchema, type SwitchyardConfig, type SwitchyardConfigInput } from './switchyard-config-schema.ts';
import { validateProviders } from './validate-providers.ts';
import { PARSE_ONCE } from './parse-once.ts';

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /** The environment `${NAME}` references read. @default process.env, read when called */
  env?: Record<string, string | undefined> | undefined;
  /** Provider types beside (or instead of) the built-in ones, by their `type`. */
  providers?: readonly ProviderDefinition[] | undefined;
  /** The directory a relative config path resolves against. @default process.cwd() */
  cwd?: string | undefined;
}

/**
 * Loads and validates a config: an object, or the path of a YAML or JSON file. Interpolates `${NAME}` and
 * `${NAME:-default}` from the environment, then checks every key strictly (unknown keys are errors), each
 * provider against its type's schema, and every reference between sections. Every problem is collected and
 * thrown together as one `ConfigError`, each with its path, what was expected and what was found; secret
 * values (keys such as `apiKey`, and anything from the environment) are never shown.
 * @example
 * const config = loadConfig('switchyard.yaml', { env: { OPENAI_API_KEY: 'sk-…' } });
 */
export function loadConfig(config: SwitchyardConfigInput | string, options: LoadConfigOptions = {}): SwitchyardConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  let raw: unknown = config;
  let source = 'config object';
  let baseDir = cwd;
  if (typeof config === 'string') {
    const file = readConfigFile(config, cwd);
    raw = file.value;
    source = file.path;
    baseDir = file.dir;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([{ path: '', message: `expected a mapping with at least \`providers\`, found ${raw === null || raw === undefined ? 'nothing' : Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}` }], { source });
  }

  // A JSON config may name its schema for editors (`"$schema": "./node_modules/switchyard/switchyard.schema.json"`).
  if ('$schema' in raw) {
    const { $schema: _, ...rest } = raw as Record<string, unknown>;
    raw = rest;
  }
  const { value, issues: envIssues, interpolatedPaths, failedPaths } = interpolateEnv(raw, env);
  const found: ConfigIssue[] = [];
  const parsed = switchyardConfigSchema.safeParse(value, PARSE_ONCE);
  if (!parsed.success) found.push(...formatZodIssues(parsed.error.issues, { schema: switchyardConfigSchema, input: value, prefix: [], secretPaths: interpolatedPaths }));
  const rawProviders = (value as { providers?: unknown }).providers;
  const definitions = providerDefinitions(options.providers);
  const providerCheck = rawProviders !== null && typeof rawProviders === 'object' && !Array.isArray(rawProviders) ? validateProviders(rawProviders as Record<string, unknown>, definitions, interpolatedPaths) : undefined;
  if (providerCheck) found.push(...providerCheck.issues);
  found.push(...checkReferences(value), ...checkTargetSettings(value, definitions), ...checkStateConfig(value));
  // A value whose variable is missing is reported once, as that, not again as an empty string.
  const issues = [...envIssues, ...found.filter((issue) => !failedPaths.has(issue.path))];
  if (issues.length === 0 && parsed.success && providerCheck) {
    return { ...parsed.data, providers: providerCheck.providers, models: parsed.data.models ?? {}, source, baseDir };
  }
  throw new ConfigError(issues, { source });
}
