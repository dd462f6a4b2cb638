import { dirname } from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { readConfigFile } from '../config/read-config-file.ts';
import { ConfigError, type ConfigIssue } from '../errors/config-error.ts';
import type { MeterConfig, MeterProviderConfig } from '../metering/create-meter-from-config.ts';
import { billingSchema, ledgerConfigSchema, priceOverridesSchema, type LedgerConfig } from '../metering/metering-config-schema.ts';
import type { CliIo } from './cli-command.ts';

/** What the report and reconcile commands read from a config file. */
export interface MeteringConfigFile {
  /** Providers (with every key of the file, for invoice matching), the ledger and budgets. */
  config: MeterConfig & { providers: Record<string, MeterProviderConfig & Record<string, unknown>> };
  /** The directory a relative ledger path resolves against: the config file's. */
  baseDir: string;
  /** Things to tell the user on stderr. */
  notes: string[];
}

/**
 * Loads a config file for the CLI. The full, strict `loadConfig` is tried first. When it fails for reasons a
 * report does not care about (a provider's `${API_KEY}` unset on this machine, an adapter key), only the
 * sections metering needs are read (`ledger`, `budgets`, and each provider's `type`, `prices`, `billing`,
 * `deployments`, `endpoint`, `project`), still validated strictly, and a note says so. Errors in those
 * sections are `ConfigError`s with their paths, never showing secret values.
 */
export function loadMeteringConfig(file: string, io: CliIo): MeteringConfigFile {
  try {
    const loaded = loadConfig(file, { env: io.env, cwd: io.cwd });
    return { config: loaded as MeteringConfigFile['config'], baseDir: loaded.baseDir, notes: [] };
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    const lenient = readMeteringSections(file, io);
    const first = error.issues.slice(0, 3).map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`);
    lenient.notes.push(`note: ${lenient.source} does not load as a whole (${error.issues.length} problem(s)); using only its ledger and the providers' prices and billing.\n${first.join('\n')}`);
    return lenient;
  }
}

const PROVIDER_KEYS = ['type', 'prices', 'billing', 'deployments', 'spillover', 'requestType', 'endpoint', 'project', 'location', 'resourceName'] as const;

function readMeteringSections(file: string, io: CliIo): MeteringConfigFile & { source: string } {
  // The same reader as loadConfig: YAML 1.2 core, ${...} in flow mappings, syntax errors that never quote a secret.
  const { value: raw, path } = readConfigFile(file, io.cwd);
  const doc = (raw ?? {}) as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  const providers: MeteringConfigFile['config']['providers'] = {};
  const skipped: string[] = [];
  for (const [id, entry] of Object.entries((doc.providers ?? {}) as Record<string, Record<string, unknown>>)) {
    const picked: Record<string, unknown> = {};
    for (const key of PROVIDER_KEYS) {
      if (entry?.[key] === undefined) continue;
      // Only type, prices and billing decide amounts; an unset variable elsewhere (an endpoint) is left out, with a note.
      const own: ConfigIssue[] = [];
      const value = interpolate(entry[key], io.env, `providers.${id}.${key}`, own);
      if (own.length === 0) picked[key] = value;
      else if (key === 'type' || key === 'prices' || key === 'billing') issues.push(...own);
      else skipped.push(...own.map((i) => i.path));
    }
    if (typeof picked.type !== 'string') issues.push({ path: `providers.${id}.type`, message: 'expected a provider type such as openai or azure-openai' });
    check(billingSchema, picked.billing, `providers.${id}.billing`, issues);
    check(priceOverridesSchema, picked.prices, `providers.${id}.prices`, issues);
    providers[id] = picked as MeteringConfigFile['config']['providers'][string];
  }
  let ledger: LedgerConfig | undefined;
  if (doc.ledger !== undefined) {
    const parsed = ledgerConfigSchema.safeParse(interpolate(doc.ledger, io.env, 'ledger', issues));
    if (parsed.success) ledger = parsed.data;
    else issues.push(...parsed.error.issues.map((i) => ({ path: ['ledger', ...i.path].join('.'), message: i.message })));
  }
  if (issues.length > 0) throw new ConfigError(issues, { source: path });
  const notes = skipped.length > 0 ? [`note: left out because their environment variables are not set: ${skipped.join(', ')}.`] : [];
  return { config: { providers, ...(ledger ? { ledger } : {}) }, baseDir: dirname(path), notes, source: path };
}

function check(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown, path: string, issues: ConfigIssue[]): void {
  if (value === undefined) return;
  const result = schema.safeParse(value);
  if (!result.success) for (const i of result.error?.issues ?? []) issues.push({ path: [path, ...i.path.map(String)].join('.'), message: i.message });
}

/** `${NAME}` and `${NAME:-default}` in every string; a missing variable is an issue naming it (never its value). */
function interpolate(value: unknown, env: CliIo['env'], path: string, issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      issues.push({ path, message: `the environment variable ${name} is not set` });
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}.${i}`, issues));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, `${path}.${k}`, issues)]));
  return value;
}
