import type { LastServedRow } from '../metering/ledger-store.ts';
import { checkTargetVersion, type VersionCheckTarget } from './check-target-version.ts';
import { detectDrift } from './detect-drift.ts';

/** One row of `switchyard pins`: one target of one alias (the shape `--format json` prints). */
export interface PinsRow {
  alias: string;
  /** The provider's config id. */
  provider: string;
  /** The model sent on the wire (for Azure, the deployment). */
  model: string;
  /** The version the target must serve (configured, or the snapshot it names), or null. */
  pin: string | null;
  /** The API version the provider is pinned to (Azure api-version, Vertex `v1`), or null. */
  apiVersion: string | null;
  /**
   * The API surface the target calls (OpenAI wire format): `chat` or `responses`; for Azure with its URL style,
   * `v1/chat`, `v1/responses` or `classic/chat`. Null for other providers.
   */
  surface: string | null;
  /** The version the ledger last saw served for this alias, provider and model, or null. */
  lastServed: string | null;
  /** The known retirement date of the model it runs (ISO `YYYY-MM-DD`), or null. */
  retiresOn: string | null;
  /** Whole days until `retiresOn` (0 or less once retired), or null. */
  daysLeft: number | null;
  /** Every problem found, each starting with its kind: `drift:`, `floating:`, `retired:`, `retiring:`, `floating-pin:`, `unversioned:`. */
  problems: string[];
}

/** What `buildPinsReport` returns: the rows, and whether `--check` fails. */
export interface PinsReport {
  rows: PinsRow[];
  /** The problems that fail `--check`: drift, a floating model under `floating: error`, a retirement inside the window (or past). */
  failures: string[];
}

/** Options of `buildPinsReport`. */
export interface PinsReportOptions {
  /** Now, in ms since the epoch. */
  now: number;
  /** Report retirements within this many days. @default 90 */
  withinDays?: number;
  /** The ledger's `lastServed()` rows. */
  lastServed?: readonly LastServedRow[];
}

const PREFIX = {
  'floating-model': 'floating',
  'floating-pin': 'floating-pin',
  'unversioned-deployment': 'unversioned',
  'model-retiring': 'retiring',
  'model-retired': 'retired',
} as const;

/**
 * Builds the `switchyard pins` report: for each target, its pin, API version, the version last served (from the
 * ledger), its known retirement, and every problem. Drift, a floating model under `versions.floating: error`
 * and a retirement within `withinDays` (or already past) fail `--check`; floating models under `warn`, floating
 * pins and unversioned Azure deployments are listed but do not.
 */
export function buildPinsReport(targets: readonly VersionCheckTarget[], options: PinsReportOptions): PinsReport {
  const withinDays = options.withinDays ?? 90;
  const served = new Map<string, LastServedRow>();
  for (const row of options.lastServed ?? []) served.set(key(row.alias, row.provider, row.requestedModel), row);
  const failures: string[] = [];

  const rows = targets.map((target): PinsRow => {
    const check = checkTargetVersion({ ...target, policy: { ...target.policy, retirementWarningDays: withinDays } }, options.now);
    const last = served.get(key(target.alias, target.provider, target.model));
    const problems: string[] = [];
    const fail = (problem: string) => {
      problems.push(problem);
      failures.push(`${target.alias} ${target.provider}/${target.model}: ${problem}`);
    };
    const drift = detectDrift(check.version.pin, last?.servedModel);
    if (drift) fail(`drift: last served '${drift.served}' (${new Date(last!.time).toISOString()}), pinned '${drift.pin}'`);
    for (const error of check.errors) fail(`floating: ${error.message}`);
    for (const warning of check.warnings) {
      const problem = `${PREFIX[warning.code]}: ${warning.message}`;
      if (warning.code === 'model-retired' || warning.code === 'model-retiring') fail(problem);
      else problems.push(problem);
    }
    return {
      alias: target.alias,
      provider: target.provider,
      model: target.model,
      pin: check.version.pin ?? null,
      apiVersion: target.apiVersion ?? null,
      surface: target.surface ?? null,
      lastServed: last?.servedModel ?? null,
      retiresOn: check.retirement?.retirement.retiresOn ?? null,
      daysLeft: check.retirement?.daysLeft ?? null,
      problems,
    };
  });
  return { rows, failures };
}

function key(alias: string, provider: string, model: string): string {
  return JSON.stringify([alias, provider, model]);
}
