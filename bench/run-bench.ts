import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { cpuPinning, runChild, startFakeProviderProcess } from './harness/child-process.ts';
import { RESULT_PREFIX, type ClientJob, type ClientMeasurement } from './harness/client-job.ts';
import { readMachineInfo } from './harness/machine-info.ts';
import { measureColdStart, type ColdStartMeasurement } from './harness/measure-cold-start.ts';
import type { LedgerMeasurement } from './harness/run-ledger-report.ts';
import { hasRedisServer, startRedisProcess, type RedisProcess } from './harness/redis-process.ts';
import { SCENARIOS, STATE_CLIENTS } from './harness/scenarios.ts';
import { FLOOR, summarize, type RunRecord } from './harness/summarize.ts';
import { median } from './harness/stats.ts';
import { checkTargets } from './harness/targets.ts';
import { clientLabel, renderResults, type BenchReport } from './harness/write-results.ts';
import { checkGatewayTargets } from './gateway/render-gateway-results.ts';
import { runGatewayBench, type GatewayReport } from './gateway/run-gateway-bench.ts';

// `npm run bench` (full) and `npm run bench:quick`. See bench/README.md.

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reps: { type: 'string' },
    only: { type: 'string' },
    clients: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'ledger-rows': { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    out: { type: 'string' },
    gateways: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
// `npm run bench:check`: the stream-path targets only (issue 20), short runs of the scenarios they are about with
// five repetitions, written to bench/.results/check.md; run it before a change to the request path lands.
const check = args.check as boolean;
const CHECK_SCENARIOS = ['chat-c64', 'stream-c64', 'paced-c64', 'stream-c1'];
const quick = (args.quick as boolean) || check;
const reps = Number(args.reps ?? (check ? 5 : quick ? 1 : 3));
const only = args.only ? new Set(args.only.split(',')) : check ? new Set(CHECK_SCENARIOS) : undefined;
const haveSwitchyard = existsSync(join(root, 'src/switchyard.ts'));
// Telemetry variants of the routed client (issue 20): an OpenTelemetry SDK registered, and `telemetry: false`. They
// run only in the scenarios their targets are about, and the SDK also in the paced stream (a stream of one network read
// per part, as providers send them: what the traced stream costs per read).
// Beside them the floor with the same SDK and the least work Switchyard's spans and metrics need with it
// (`floor-client:otel=sdk`): what the SDK itself costs for that telemetry, the floor under the routed client's figure.
const TELEMETRY_VARIANTS = ['switchyard-client:otel=sdk', 'switchyard-client:otel=off', 'floor-client:otel=sdk'];
const VARIANT_SCENARIOS: Record<string, readonly string[]> = {
  'switchyard-client:otel=sdk': ['chat-c64', 'stream-c64', 'paced-c64'],
  'switchyard-client:otel=off': ['chat-c64', 'stream-c64'],
  'floor-client:otel=sdk': ['chat-c64', 'stream-c64'],
};
const allClients = ['floor-client', 'openai-sdk-client', 'ai-sdk-client', 'switchyard-provider-client', ...(haveSwitchyard ? ['switchyard-client', ...TELEMETRY_VARIANTS] : [])];
// Quick mode is for working on Switchyard: the floor and Switchyard's two clients; name others with --clients.
const defaultClients = quick ? allClients.filter((c) => c.startsWith(FLOOR) || c.startsWith('switchyard')) : allClients;
const clients = args.clients ? [FLOOR, ...args.clients.split(',').filter((c) => c !== FLOOR)] : defaultClients;
// The shared-state scenarios run Switchyard (and the floor) only; those on Redis need redis-server (.ci/redis.sh installs it).
const redisAvailable = hasRedisServer();
const redisSkipped = SCENARIOS.filter((s) => s.state?.startsWith('redis') && !redisAvailable).map((s) => s.id);
const scenarios = SCENARIOS.filter((s) => (only ? only.has(s.id) : !quick || s.requests[1] > 0) && !redisSkipped.includes(s.id));
if (redisSkipped.length > 0) console.log(`skipping ${redisSkipped.join(', ')}: redis-server is not on PATH (eval "$(bash .ci/redis.sh start)" installs it)`);
const runLedger = (!only || only.has('ledger')) && !args.clients;
// The gateway mode (issue 18) runs in the full run, or alone with --only gateway (--gateways switchyard,portkey narrows it).
const runGateway = haveSwitchyard && !args.clients && (only ? only.has('gateway') : !quick);
const runColdStart = (!only || only.has('cold-start')) && !args.clients;
const ledgerRows = Number(args['ledger-rows'] ?? (quick ? 100_000 : 1_000_000));
const budgetMs = check ? 3_000 : quick ? 1_500 : 6_000;
// Only the standard runs write bench/RESULTS(.quick).md; a run narrowed by options writes bench/.results/partial.*.
const standard = !check && !args.only && !args.clients && !args.reps && !args.profile && !args['ledger-rows'];
const outBase = args.out ?? (check ? join(here, '.results', 'check') : standard ? join(here, quick ? 'RESULTS-quick' : 'RESULTS') : join(here, '.results', 'partial'));
mkdirSync(dirname(outBase), { recursive: true });
const profileDir = join(here, '.profiles');

// The code measured: the commit, and whether src/ or adapters/ differ from it.
const git = (...a: string[]) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
const code = `${commit}${git('status', '--porcelain', '--', 'src', 'adapters') ? ' with uncommitted changes in src/ or adapters/' : ''}`;
const started = Date.now();
const tmpRoot = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
// Switchyard is measured as it ships: its clients, the gateway and the cold start load the built package (dist/), the
// JavaScript an application gets from npm, not the TypeScript sources (which Node strips of their types as it loads
// them, at a cost of its own in memory and time, and which load zod whole where the build bundles the parts it uses).
// Build first, so that the code measured is this working tree's. A client's variant `from=src` loads the sources.
const needsBuild = haveSwitchyard && (clients.some((c) => c.startsWith('switchyard')) || runGateway || runColdStart);
if (needsBuild) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.ts')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(`bench: the build failed, so there is no package to measure (npm run build shows why): ${(build.stderr || build.stdout).slice(0, 500)}`);
    process.exit(1);
  }
}
// The fake provider and the clients each on their own CPU: less variance from where the scheduler puts them.
const pin = args['no-pin'] ? { server: [], client: [] } : cpuPinning();
const pinning = pin.client.length > 0 ? `fake provider pinned to CPU ${pin.server[2]}, each client to CPU ${pin.client[2]} (taskset)` : 'no CPU pinning';
const fake = await startFakeProviderProcess(join(here, 'fake-provider/fake-provider-server.ts'), pin.server);
// Redis shares the fake provider's CPU: the client's CPU stays its own, as in production where Redis is elsewhere.
const redis: RedisProcess | undefined = scenarios.some((s) => s.state?.startsWith('redis')) ? await startRedisProcess(pin.server) : undefined;
console.log(`fake provider on 127.0.0.1:${fake.port}${redis ? `, redis-server ${redis.version} on ${redis.url.slice('redis://'.length)}` : ''}; ${quick ? 'quick' : 'full'} mode, ${reps} repetition(s), ${pinning}; clients: ${clients.join(', ')}`);
if (args.profile) mkdirSync(profileDir, { recursive: true });

const records: RunRecord[] = [];
let gateway: GatewayReport | null = null;
const descriptions: Record<string, string> = {};
const fmt = (n: number, d = 1) => n.toFixed(d).padStart(8);
try {
  for (let rep = 0; rep < reps; rep++) {
    for (const scenario of scenarios) {
      // The floor runs first and (in full mode) last, since the machine's load drifts: each ratio uses the mean of
      // its runs. The others run in an order rotated each repetition so that no client always follows another.
      const others = clients.filter((c) => c !== FLOOR && (!scenario.state || STATE_CLIENTS.includes(c.split(':')[0] as string)) && (VARIANT_SCENARIOS[c]?.includes(scenario.id) ?? true));
      const order = [FLOOR, ...others.map((_, i) => others[(i + rep) % others.length]), ...(quick ? [] : [FLOOR])];
      for (const client of order) {
        const tmpDir = mkdtempSync(join(tmpRoot, `${client}-`));
        const job: ClientJob = {
          client,
          scenario,
          requests: scenario.requests[quick ? 1 : 0] || Math.ceil(scenario.requests[0] / (check ? 2 : 1)),
          warmup: scenario.warmup[quick ? 1 : 0] || Math.ceil(scenario.warmup[0] / (check ? 2 : 1)),
          budgetMs,
          port: fake.port,
          tmpDir,
          ...(redis ? { redisUrl: redis.url } : {}),
          ...(args.profile && rep === 0 ? { profilePath: join(profileDir, `${client}.${scenario.id}.cpuprofile`) } : {}),
        };
        const record: RunRecord = { rep, scenario: scenario.id, client, measurement: null };
        try {
          record.measurement = JSON.parse(await runChild([join(here, 'harness/run-client.ts'), JSON.stringify(job)], RESULT_PREFIX, 180_000, pin.client)) as ClientMeasurement;
          descriptions[client] = record.measurement.describe;
        } catch (error) {
          record.error = (error as Error).message.slice(0, 2000);
        }
        record.load1 = loadavg()[0];
        rmSync(tmpDir, { recursive: true, force: true });
        records.push(record);
        const m = record.measurement;
        const line = m
          ? `cpu ${fmt(m.cpuUsPerRequest)} µs/req ${fmt(m.throughput, 0)} req/s  p50 ${fmt(m.p50Ms, 2)} ms  p99 ${fmt(m.p99Ms, 2)} ms  rss ${fmt(m.maxRssBytes / 1048576, 0)} MB  n=${m.requests}${m.failures ? `  INVALID (${m.failures}): ${m.firstFailure}` : ''}`
          : `FAILED: ${record.error?.split('\n').slice(0, 6).join(' / ')}`;
        console.log(`[${rep + 1}/${reps}] ${scenario.id.padEnd(12)} ${client.padEnd(27)} ${line}`);
      }
    }
  }
  if (runGateway) {
    gateway = await runGatewayBench({ quick, reps, fakePort: fake.port, pin: { gateway: pin.client, load: pin.server }, tmpRoot, log: (line) => console.log(line), ...(args.gateways ? { only: args.gateways.split(',') } : {}), ...(args.profile ? { profileDir } : {}) });
  }
} finally {
  await fake.stop();
  await redis?.stop();
}

let ledger: LedgerMeasurement | null = null;
let ledgerSkipped: string | undefined;
if (!runLedger) ledgerSkipped = 'not selected';
else if (!haveSwitchyard) ledgerSkipped = 'src/switchyard.ts is not there yet';
else {
  console.log(`ledger: appending ${ledgerRows.toLocaleString('en-US')} rows, then costReport by provider ×${quick ? 1 : 3}, by provider+day and by tenant once`);
  try {
    const job = { rows: ledgerRows, dir: join(tmpRoot, 'ledger'), reps: quick ? 1 : 3 };
    ledger = JSON.parse(await runChild([join(here, 'harness/run-ledger-report.ts'), JSON.stringify(job)], 'LEDGER_RESULT ', 600_000)) as LedgerMeasurement;
    console.log(`ledger: append ${(ledger.appendMs / 1000).toFixed(1)} s; ${ledger.reports.map((r) => `${r.groupBy.join('+')} ${(r.ms / 1000).toFixed(2)} s`).join('; ')}; verified ${ledger.verified}`);
  } catch (error) {
    ledgerSkipped = `failed: ${(error as Error).message.slice(0, 500)}`;
    console.log(`ledger: ${ledgerSkipped}`);
  }
}
let coldStart: ColdStartMeasurement | null = null;
let coldStartSkipped: string | undefined;
if (!runColdStart) coldStartSkipped = 'not selected';
else if (!haveSwitchyard) coldStartSkipped = 'src/switchyard.ts is not there yet';
else {
  // The built package (built above), as an application loads it.
  const runs = quick ? 10 : 15;
  console.log(`cold start: ${runs} fresh processes per variant, interleaved`);
  try {
    coldStart = measureColdStart({ root, dir: join(tmpRoot, 'cold-start'), runs, pin: pin.client });
    for (const r of coldStart.rows) console.log(`cold start: ${r.id.padEnd(12)} median ${fmt(r.medianMs, 1)} ms (${r.overNodeMs >= 0 ? '+' : ''}${r.overNodeMs.toFixed(1)} ms over node -e 0)${r.limitMs ? `, limit ${r.limitMs} ms` : ''}`);
  } catch (error) {
    coldStartSkipped = `failed: ${(error as Error).message.slice(0, 500)}`;
    console.log(`cold start: ${coldStartSkipped}`);
  }
}
rmSync(tmpRoot, { recursive: true, force: true });

const summaries = summarize(scenarios, clients, records);
const subjects = clients.filter((c) => c === 'switchyard-client' || c === 'switchyard-provider-client');
const report: BenchReport = {
  mode: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine: readMachineInfo(),
  repetitions: reps,
  durationS: (Date.now() - started) / 1000,
  pinning,
  code,
  load1: { median: median(records.map((r) => r.load1 ?? Number.NaN)), max: Math.max(...records.map((r) => r.load1 ?? 0)) },
  clients: Object.fromEntries(clients.map((c) => [c, descriptions[c] ?? 'no successful run'])),
  summaries,
  targets: subjects.reverse().flatMap((c) => checkTargets(summaries, c)),
  ledger,
  ...(ledgerSkipped ? { ledgerSkipped } : {}),
  gateway,
  ...(runGateway ? {} : { gatewaySkipped: quick ? 'quick mode (run it with --only gateway)' : 'not selected' }),
  coldStart,
  ...(coldStartSkipped ? { coldStartSkipped } : {}),
};
writeFileSync(`${outBase}.md`, renderResults(report));
writeFileSync(`${outBase}.json`, `${JSON.stringify({ ...report, records }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
console.log('');
// The check prints only the targets its scenarios measure, and exits 2 when one does not hold.
const shown = check ? report.targets.filter((t) => t.holds !== null) : report.targets;
for (const t of shown) console.log(`${t.holds === null ? '  ?  ' : t.holds ? ' ok  ' : ' NO  '} ${clientLabel(t.client)}: ${t.target}: ${t.measured} (${t.limit})`);
if (check) console.log(`\nbench:check: ${shown.filter((t) => t.holds).length} of ${shown.length} targets hold (load average ${report.load1.median.toFixed(1)} median over the runs on ${report.machine.nproc} CPUs)`);
if (gateway) for (const t of checkGatewayTargets(gateway)) console.log(`${t.holds === null ? '  ?  ' : t.holds ? ' ok  ' : ' NO  '} gateway: ${t.target}: ${t.measured} (${t.limit})`);
for (const r of coldStart?.rows ?? []) if (r.limitMs !== undefined) console.log(`${r.medianMs <= r.limitMs ? ' ok  ' : ' NO  '} cold start: ${r.label}: ${r.medianMs.toFixed(0)} ms (≤ ${r.limitMs} ms)`);
console.log(`\nwrote ${relative(process.cwd(), `${outBase}.md`)} and .json in ${Math.round(report.durationS)} s${args.profile ? `; CPU profiles in ${relative(process.cwd(), profileDir)} (summarise: node bench/profile-summary.ts <file>)` : ''}`);
const invalid = summaries.some((s) => s.rows.some((r) => r.failures > 0)) || (gateway?.rows.some((r) => r.failures > 0) ?? false);
process.exit(invalid ? 1 : check && shown.some((t) => t.holds === false) ? 2 : 0);
