import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { isSecretKey } from '../../config/is-secret-key.ts';
import type { SwitchyardConfig } from '../../config/switchyard-config-schema.ts';
import { ConfigError } from '../../errors/config-error.ts';
import { createLedgerStore, DEFAULT_LEDGER_PATH } from '../../metering/create-ledger-store.ts';
import type { LastServedRow } from '../../metering/ledger-store.ts';
import { buildPinsReport } from '../../versions/build-pins-report.ts';
import { collectVersionTargets } from '../../versions/collect-version-targets.ts';
import { formatPinsTable } from '../../versions/format-pins-table.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../cli-command.ts';
import { parseFlags, type FlagSpec } from '../parse-flags.ts';

/** The usage text of `switchyard pins`. */
const USAGE = `Usage: switchyard pins [--config FILE] [--check] [--within 90d] [--format table|json]

For each alias and target: the provider, its API version, the model, the pinned version, the version last
served (from the config's ledger), the known retirement date, the days left and every problem found.

  --config FILE     the Switchyard config (default: switchyard.yaml)
  --check           exit 1 on drift (last served != pin), on a floating model under versions.floating: error,
                    or on a retirement within the window (or already past)
  --within DAYS     the retirement window, as 90d or 90 (default: 90d)
  --format FORMAT   table (default) or json: [{ alias, provider, model, pin, apiVersion,
                    surface, lastServed, retiresOn, daysLeft, problems }]

Exit codes: 0 done (or --check passed), 1 --check found a problem, 2 bad options, an invalid config or an
unreadable ledger. API keys are not needed: pins sends no request.`;

const FLAGS: FlagSpec = { config: { type: 'string' }, check: { type: 'boolean' }, within: { type: 'string' }, format: { type: 'string' } };

/** `switchyard pins`: pins, served versions, retirements and problems per alias and target; `--check` for CI. */
export const pinsCommand: CliCommand = {
  name: 'pins',
  summary: 'version pins, drift and retirements per alias and target (--check for CI)',
  usage: USAGE,
  run: runPins,
};

async function runPins(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, FLAGS);
  const format = (flags.format as string | undefined) ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CliUsageError(`--format must be table or json, not ${JSON.stringify(format)}`);
  const withinDays = flags.within === undefined ? 90 : parseDays(flags.within as string);
  const note = (text: string) => io.stderr.write(text);

  let config: SwitchyardConfig;
  let lastServed: LastServedRow[];
  try {
    config = loadForPins((flags.config as string | undefined) ?? 'switchyard.yaml', io.env, io.cwd, note);
  } catch (error) {
    io.stderr.write(`switchyard pins: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    lastServed = await readLastServed(config, note);
  } catch (error) {
    io.stderr.write(`switchyard pins: cannot read the ledger to compare served versions: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  const report = buildPinsReport(collectVersionTargets(config), { now: io.now(), withinDays, lastServed });
  io.stdout.write(format === 'json' ? `${JSON.stringify(report.rows, null, 2)}\n` : formatPinsTable(report.rows));
  if (flags.check !== true) return 0;
  if (report.failures.length === 0) {
    io.stderr.write('switchyard pins --check: ok\n');
    return 0;
  }
  io.stderr.write(`switchyard pins --check: ${report.failures.length} problem(s) fail the check:\n${report.failures.map((f) => `  - ${f}`).join('\n')}\n`);
  return 1;
}

function parseDays(text: string): number {
  const match = /^(\d+)d?$/.exec(text.trim());
  if (!match) throw new CliUsageError(`--within expects a number of days such as 90d or 30, not ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/**
 * Loads the config. `pins` sends no request, so a missing environment variable used outside the `ledger` (an
 * `apiKey`, a token, an endpoint) is replaced by a placeholder, with a note: CI can run `pins --check` with
 * no credentials and no endpoints set.
 */
function loadForPins(file: string, env: Record<string, string | undefined>, cwd: string, note: (text: string) => void): SwitchyardConfig {
  try {
    return loadConfig(file, { env, cwd });
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    const placeholders: Record<string, string> = {};
    const paths = new Set<string>();
    for (const issue of error.issues) {
      const name = /^environment variable (\w+) is not set/.exec(issue.message)?.[1];
      if (name === undefined) continue;
      if (issue.path.startsWith('ledger')) throw error;
      const key = issue.path.split('.').at(-1) ?? '';
      // A URL-shaped key gets a URL that can never resolve, so its own validation passes and nothing could be sent.
      placeholders[name] ??= /url|endpoint/i.test(key) ? 'https://unset-for-switchyard-pins.invalid' : 'unset-for-switchyard-pins';
      paths.add(issue.path);
    }
    const missing = Object.keys(placeholders);
    // The emptied values also fail their own checks; anything else is a real problem.
    if (missing.length === 0 || error.issues.some((issue) => !paths.has(issue.path))) throw error;
    note(`note: ${missing.join(', ')} not set; pins sends no request, so ${missing.length === 1 ? 'it is' : 'they are'} not needed.\n`);
    return loadConfig(file, { env: { ...env, ...placeholders }, cwd });
  }
}

/** The served versions last seen in the config's ledger; none when there is no ledger (yet). */
async function readLastServed(config: SwitchyardConfig, note: (text: string) => void): Promise<LastServedRow[]> {
  let ledger = config.ledger ?? { type: 'sqlite' as const };
  if (ledger.type === 'none' || ledger.type === 'memory') {
    note(`note: ledger type ${ledger.type} keeps nothing between runs; served versions are not checked.\n`);
    return [];
  }
  if (ledger.type === 'sqlite' && ledger.path !== ':memory:') {
    // Opening a SQLite ledger creates it: look first, so that pins never writes a file.
    const path = resolve(config.baseDir, ledger.path ?? DEFAULT_LEDGER_PATH);
    if (!existsSync(path)) {
      note(`note: no ledger at ${path} yet; served versions are not checked.\n`);
      return [];
    }
    ledger = { type: 'sqlite', path };
  }
  const store = createLedgerStore(ledger, config.baseDir);
  try {
    return await store.lastServed();
  } finally {
    await store.close();
  }
}
