import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ReportDimension } from '../../src/metering/report-dimension.ts';
import type { LedgerRecord } from '../../src/metering/ledger-record.ts';
import { createSqliteLedgerStore } from '../../src/metering/sqlite-ledger-store.ts';
import { createSwitchyard } from '../../src/switchyard.ts';
import { median } from './stats.ts';

// One process: fill a sqlite ledger with N rows through the store's batch API, then time costReport over them.
// argv: JSON { rows, dir, reps } (reps: runs of the by-provider report). Prints one line `LEDGER_RESULT {...}`.

/** What the ledger benchmark measured. */
export interface LedgerMeasurement {
  rows: number;
  /** Wall time to append all rows (batches of `batch`), ms. */
  appendMs: number;
  batch: number;
  fileBytes: number;
  /** One entry per report shape: median wall time over `reps` runs. */
  reports: Array<{ groupBy: string[]; ms: number; runs: number[]; groups: number }>;
  /** The report total matched the generated rows and cost exactly. */
  verified: boolean;
  problem?: string;
}

const { rows, dir, reps } = JSON.parse(process.argv[2]) as { rows: number; dir: string; reps: number };
const PROVIDERS = [
  { id: 'azure-east', type: 'azure-openai', model: 'gpt-4o', served: 'gpt-4o-2024-08-06', apiVersion: '2024-10-21' },
  { id: 'openai', type: 'openai', model: 'gpt-4o-2024-08-06', served: 'gpt-4o-2024-08-06', apiVersion: null },
  { id: 'vertex', type: 'vertex', model: 'gemini-2.0-flash-001', served: 'gemini-2.0-flash-001', apiVersion: 'v1' },
  { id: 'coreweave', type: 'coreweave', model: 'meta-llama/Llama-3.3-70B-Instruct', served: 'meta-llama/Llama-3.3-70B-Instruct', apiVersion: null },
];
const TENANTS = Array.from({ length: 20 }, (_, i) => `tenant-${i}`);
const FEATURES = ['search', 'chat', 'summarise', 'classify', 'extract'];

// A fixed-seed generator so every run writes the same ledger.
let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};

const path = join(dir, 'ledger-1m.sqlite');
mkdirSync(dir, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
const store = createSqliteLedgerStore(path);
const until = Date.UTC(2026, 0, 31);
const since = until - 30 * 86_400_000;
const batch = 10_000;
let totalCost = 0n;
const t0 = performance.now();
for (let done = 0; done < rows; ) {
  const records: LedgerRecord[] = [];
  for (let i = 0; i < batch && done < rows; i++, done++) {
    const p = PROVIDERS[Math.floor(rand() * PROVIDERS.length)];
    const ok = rand() > 0.03;
    const input = 200 + Math.floor(rand() * 4000);
    const output = ok ? 20 + Math.floor(rand() * 800) : 0;
    const cost = ok ? BigInt(input * 2500 + output * 10_000) : 0n;
    totalCost += cost;
    records.push({
      // In time order with a little jitter, as a ledger is written (attempts are appended as they end).
      time: Math.min(until - 1, since + Math.floor(((done + rand() * 50) / rows) * (until - since))),
      alias: 'chat',
      provider: p.id,
      providerType: p.type,
      operation: rand() < 0.6 ? 'stream' : 'chat',
      requestedModel: p.model,
      servedModel: ok ? p.served : null,
      apiVersion: p.apiVersion,
      requestId: `req_${done.toString(36)}`,
      outcome: ok ? 'success' : 'error',
      errorCode: ok ? null : 'provider-unavailable',
      latencyMs: 200 + Math.floor(rand() * 3000),
      ttftMs: 80 + Math.floor(rand() * 600),
      inputTokens: input,
      cachedInputTokens: rand() < 0.2 ? Math.floor(input / 2) : 0,
      cacheWriteTokens: 0,
      outputTokens: output,
      reasoningTokens: 0,
      costNanoUsd: cost,
      tags: { tenant: TENANTS[Math.floor(rand() * TENANTS.length)], feature: FEATURES[Math.floor(rand() * FEATURES.length)] },
      attempt: 1,
      hedge: false,
      drift: null,
      capacity: ok ? 'standard' : null,
      servedDeployment: null,
    });
  }
  await store.append(records);
}
const appendMs = performance.now() - t0;
await store.close();

const sy = createSwitchyard(
  {
    providers: Object.fromEntries(PROVIDERS.map((p) => [p.id, { type: 'openai', apiKey: 'sk-bench-ledger' }])),
    models: { chat: { targets: PROVIDERS.map((p) => ({ provider: p.id, model: p.model })) } },
    ledger: { type: 'sqlite', path },
  },
  { env: {} },
);
const shapes: ReportDimension[][] = [['provider'], ['provider', 'day'], ['tag:tenant']];
const reports: LedgerMeasurement['reports'] = [];
let verified = true;
let problem: string | undefined;
for (const groupBy of shapes) {
  const runs: number[] = [];
  let groups = 0;
  // The first shape (by provider) is timed `reps` times; the others once, to keep the full run within its time.
  for (let r = 0; r < (groupBy === shapes[0] ? reps : 1); r++) {
    const start = performance.now();
    const report = await sy.costReport({ since, until, groupBy });
    runs.push(performance.now() - start);
    groups = report.rows.length;
    if (report.total.requests !== rows || report.total.tokenCostNanoUsd !== totalCost) {
      verified = false;
      problem ??= `report by ${groupBy.join(',')}: ${report.total.requests} requests and ${report.total.tokenCostNanoUsd} nano-USD, want ${rows} and ${totalCost}`;
    }
  }
  reports.push({ groupBy, ms: median(runs), runs, groups });
}
await sy.close();
const result: LedgerMeasurement = { rows, appendMs, batch, fileBytes: statSync(path).size, reports, verified, ...(problem ? { problem } : {}) };
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
process.stdout.write(`LEDGER_RESULT ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
