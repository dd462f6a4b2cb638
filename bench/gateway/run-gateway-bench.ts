import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../harness/child-process.ts';
import { median } from '../harness/stats.ts';
import { GATEWAY_RESULT_PREFIX, type GatewayJob, type GatewayMeasurement, type GatewayOp } from './gateway-job.ts';
import { GATEWAYS } from './gateways.ts';

/** How the gateway mode runs. */
export interface GatewayBenchOptions {
  quick: boolean;
  reps: number;
  /** The fake provider's port (already running). */
  fakePort: number;
  /** CPU pinning: the gateway on `gateway`, the load generator on `load` (beside the fake provider). */
  pin: { gateway: readonly string[]; load: readonly string[] };
  tmpRoot: string;
  /** Gateways to run (ids), all by default; the floor always runs. */
  only?: readonly string[];
  /** With `--profile`: where each gateway process of the first repetition writes its V8 CPU profile (the whole process, on exit). */
  profileDir?: string;
  log: (line: string) => void;
}

/** One gateway and operation, the median over the repetitions. */
export interface GatewaySummaryRow {
  gateway: string;
  op: GatewayOp;
  reps: number;
  addedP50Ms: number;
  addedP99Ms: number;
  directP50Ms: number;
  directP99Ms: number;
  throughput: number;
  cpuUsPerRequest: number;
  /** CPU per request over the bare proxy's in the same repetition. */
  cpuRatio: number;
  gatewayMaxRssBytes: number;
  requests: number;
  failures: number;
  problem?: string;
}

/** The gateway mode's results. */
export interface GatewayReport {
  gateways: Record<string, string>;
  rows: GatewaySummaryRow[];
  records: Array<{ rep: number; measurement: GatewayMeasurement | null; gateway: string; op: string; error?: string; load1: number }>;
  load1: { median: number; max: number };
}

const FLOOR = 'bare-proxy';
const OPS: readonly GatewayOp[] = ['chat', 'stream', 'responses'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs every gateway (the bare proxies, Switchyard, Portkey) in its own fresh process against the running fake
 * provider, for chat and for a 100-chunk stream: the added latency at concurrency 1, then throughput and the gateway's
 * CPU per request at concurrency 64. The gateways run in an order rotated each repetition; medians are reported.
 */
export async function runGatewayBench(options: GatewayBenchOptions): Promise<GatewayReport> {
  const fake = `http://127.0.0.1:${options.fakePort}`;
  const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  const gateways = GATEWAYS.filter((g) => g.id === FLOOR || !options.only || options.only.includes(g.id));
  const counts = options.quick ? { warmup: 600, c1: 300, c64: 1500, budgetMs: 2_500 } : { warmup: 2_000, c1: 1_000, c64: 6_000, budgetMs: 6_000 };
  const records: GatewayReport['records'] = [];
  for (let rep = 0; rep < options.reps; rep++) {
    for (const op of OPS) {
      // The Responses API runs on the gateways that serve it in front of a Chat Completions provider, beside the floor.
      const those = op === 'responses' ? gateways.filter((g) => g.id === FLOOR || g.responses) : gateways;
      const order = those.map((_, i) => those[(i + rep) % those.length] as (typeof those)[number]);
      for (const gateway of order) {
        const tmpDir = mkdtempSync(join(options.tmpRoot, `gateway-${gateway.id}-`));
        const port = await freePort();
        const { args: command, env } = gateway.command(port, fake, tmpDir);
        // The profile is written when the process exits after SIGTERM (the bare proxies exit on the signal and write none).
        const args = options.profileDir && rep === 0 ? [`--cpu-prof`, `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=gateway-${gateway.id}.${op}.cpuprofile`, ...command] : command;
        const pin = options.pin.gateway;
        const child = pin.length > 0 ? spawn(pin[0] as string, [...pin.slice(1), process.execPath, ...args], { stdio: 'ignore', env: { ...process.env, ...env } }) : spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, ...env } });
        const spec = `chunks=100,tag=${gateway.id}`;
        const record: GatewayReport['records'][number] = { rep, gateway: gateway.id, op, measurement: null, load1: 0 };
        try {
          await waitForPort(port, child);
          const job: GatewayJob = {
            gateway: gateway.id,
            // The floor of the Responses stream: the bare proxy's chat stream (same upstream work).
            op: op === 'responses' && !gateway.responses ? 'stream' : op,
            target: gateway.target(port, fake, spec, op),
            direct: { origin: fake, path: `/c/chunks=100,tag=direct/v1/chat/completions`, headers: { authorization: 'Bearer sk-bench-upstream' }, model: 'gpt-4o' },
            gatewayPid: child.pid as number,
            clockTicks,
            warmup: counts.warmup,
            c1Requests: counts.c1,
            c64Requests: counts.c64,
            budgetMs: counts.budgetMs,
          };
          record.measurement = JSON.parse(await runChild([join(import.meta.dirname, 'load-generator.ts'), JSON.stringify(job)], GATEWAY_RESULT_PREFIX, 180_000, options.pin.load)) as GatewayMeasurement;
        } catch (error) {
          record.error = (error as Error).message.slice(0, 2000);
        } finally {
          await stop(child);
          rmSync(tmpDir, { recursive: true, force: true });
        }
        record.load1 = loadavg()[0] as number;
        records.push(record);
        const m = record.measurement;
        const f = (n: number, d = 2) => n.toFixed(d).padStart(7);
        options.log(
          `[${rep + 1}/${options.reps}] gateway ${op.padEnd(9)} ${gateway.id.padEnd(14)} ` +
            (m
              ? `added p50 ${f(m.c1.addedP50Ms)} ms p99 ${f(m.c1.addedP99Ms)} ms  c64 ${f(m.c64.throughput, 0)} req/s  cpu ${f(m.c64.cpuUsPerRequest, 0)} µs/req  rss ${f(m.gatewayMaxRssBytes / 1048576, 0)} MB${m.failures ? `  INVALID (${m.failures}): ${m.firstFailure}` : ''}`
              : `FAILED: ${record.error?.split('\n').slice(0, 4).join(' / ')}`),
        );
      }
    }
  }
  return { gateways: Object.fromEntries(gateways.map((g) => [g.id, g.describe])), rows: summarize(gateways, records), records, load1: { median: median(records.map((r) => r.load1)), max: Math.max(...records.map((r) => r.load1)) } };
}

function summarize(gateways: ReadonlyArray<{ id: string; responses?: boolean }>, records: GatewayReport['records']): GatewaySummaryRow[] {
  const rows: GatewaySummaryRow[] = [];
  for (const op of OPS) {
    for (const { id } of op === 'responses' ? gateways.filter((g) => g.id === FLOOR || g.responses) : gateways) {
      const mine = records.filter((r) => r.gateway === id && r.op === op && r.measurement);
      const ms = mine.map((r) => r.measurement as GatewayMeasurement);
      const ratios = mine.map((r) => {
        const floor = records.find((f) => f.gateway === FLOOR && f.op === op && f.rep === r.rep)?.measurement;
        return floor ? (r.measurement as GatewayMeasurement).c64.cpuUsPerRequest / floor.c64.cpuUsPerRequest : Number.NaN;
      });
      const failed = ms.find((m) => m.failures > 0);
      const errored = records.find((r) => r.gateway === id && r.op === op && r.error);
      rows.push({
        gateway: id,
        op,
        reps: ms.length,
        addedP50Ms: median(ms.map((m) => m.c1.addedP50Ms)),
        addedP99Ms: median(ms.map((m) => m.c1.addedP99Ms)),
        directP50Ms: median(ms.map((m) => m.c1.directP50Ms)),
        directP99Ms: median(ms.map((m) => m.c1.directP99Ms)),
        throughput: median(ms.map((m) => m.c64.throughput)),
        cpuUsPerRequest: median(ms.map((m) => m.c64.cpuUsPerRequest)),
        cpuRatio: median(ratios),
        gatewayMaxRssBytes: median(ms.map((m) => m.gatewayMaxRssBytes)),
        requests: ms.reduce((n, m) => n + m.c1.requests + m.c64.requests, 0),
        failures: ms.reduce((n, m) => n + m.failures, 0) + (errored ? 1 : 0),
        ...(failed?.firstFailure ? { problem: failed.firstFailure } : errored?.error ? { problem: errored.error.split('\n')[0] } : {}),
      });
    }
  }
  return rows;
}
