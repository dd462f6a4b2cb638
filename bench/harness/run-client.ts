import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { expectedText } from '../bench-text.ts';
import type { BenchClient, BenchReply, CreateBenchClient } from '../clients/bench-client.ts';
import { RESULT_PREFIX, type ClientJob, type ClientMeasurement } from './client-job.ts';
import { failingSpec, healthySpec } from './scenarios.ts';

// One client process: create the client, warm up, measure, print one result line. Run by run-bench.ts, never imported.

const job = JSON.parse(process.argv[2]) as ClientJob;
const s = job.scenario;
const origin = `http://127.0.0.1:${job.port}`;
const base = (spec: string) => `${origin}/c/${spec}/v1`;
const direct = s.mode === 'direct';

// `switchyard-client:ledger=none` loads bench/clients/switchyard-client.ts with the variant `ledger=none`.
const [moduleName, variant] = job.client.split(':') as [string, string | undefined];
const create = ((await import(`../clients/${moduleName}.ts`)) as { createClient: CreateBenchClient }).createClient;
const client: BenchClient = await create({
  variant: variant ?? '',
  origin,
  primaryBaseURL: direct ? base(healthySpec(s, 'primary')) : base(failingSpec()),
  fallbackBaseURL: base(healthySpec(s, 'fallback')),
  mode: s.mode,
  tmpDir: job.tmpDir,
  ...(s.state ? { state: s.state } : {}),
  ...(job.redisUrl ? { redisUrl: job.redisUrl } : {}),
});
const baseRssBytes = process.memoryUsage.rss();

const text = expectedText(s.chunks);
const expectedChunks = s.op === 'stream' ? s.chunks : 1;
let failures = 0;
let firstFailure: string | undefined;

function check(reply: BenchReply): void {
  let problem: string | undefined;
  if (reply.text !== text) problem = `text differs (got ${reply.text.length} chars, want ${text.length}): ${JSON.stringify(reply.text.slice(0, 80))}`;
  else if (reply.chunks !== expectedChunks) problem = `got ${reply.chunks} chunks, want ${expectedChunks}`;
  else if (reply.outputTokens !== s.chunks) problem = `got outputTokens ${reply.outputTokens}, want ${s.chunks}`;
  if (problem) {
    failures++;
    firstFailure ??= problem;
  }
}

/** Runs `count` requests at the scenario's concurrency; stops starting new ones after `budgetMs`. Returns how many ran. */
async function run(count: number, budgetMs: number, latencies?: Float64Array, firstParts?: Float64Array): Promise<number> {
  let next = 0;
  const stopAt = performance.now() + budgetMs;
  const op = s.op === 'chat' ? () => client.chat() : () => client.stream();
  const worker = async () => {
    while (next < count && performance.now() < stopAt) {
      const i = next++;
      const start = performance.now();
      try {
        const reply = await op();
        check(reply);
        if (firstParts && reply.firstPartAt !== undefined) firstParts[i] = reply.firstPartAt - start;
      } catch (error) {
        failures++;
        firstFailure ??= `threw ${(error as Error)?.name}: ${(error as Error)?.message}`;
      }
      if (latencies) latencies[i] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: Math.min(s.concurrency, count) }, worker));
  return next;
}

function serverCounts(): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    get(`${origin}/__stats`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(JSON.parse(body) as Record<string, number>));
    }).on('error', reject);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

await run(job.warmup, job.budgetMs);
const warmupFailures = failures;
const before = direct ? undefined : await serverCounts();
let session: Session | undefined;
if (job.profilePath) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

const latencies = new Float64Array(job.requests);
const firstParts = s.op === 'stream' ? new Float64Array(job.requests).fill(Number.NaN) : undefined;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const done = await run(job.requests, job.budgetMs, latencies, firstParts);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);

if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(job.profilePath as string, JSON.stringify(profile));
  session.disconnect();
}
let serverHits: Record<string, number> | undefined;
if (before) {
  const after = await serverCounts();
  serverHits = {};
  for (const [key, n] of Object.entries(after)) if (n - (before[key] ?? 0) > 0) serverHits[key] = n - (before[key] ?? 0);
}
await client.close();

const measured = latencies.subarray(0, done).sort();
const result: ClientMeasurement = {
  client: job.client,
  scenario: s.id,
  describe: client.describe,
  requests: done,
  cpuUserUs: cpu.user,
  cpuSystemUs: cpu.system,
  cpuUsPerRequest: (cpu.user + cpu.system) / done,
  wallMs,
  throughput: done / (wallMs / 1000),
  p50Ms: percentile(measured, 0.5),
  p99Ms: percentile(measured, 0.99),
  ...(firstParts ? { ttftP50Ms: percentile(firstParts.subarray(0, done).filter((v) => !Number.isNaN(v)).sort(), 0.5) } : {}),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  baseRssBytes,
  failures,
  ...(firstFailure !== undefined ? { firstFailure: warmupFailures > 0 ? `(in warm-up) ${firstFailure}` : firstFailure } : {}),
  ...(serverHits ? { serverHits } : {}),
};
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
