import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats.ts';

/** One way of starting a process, and how long it took (wall time, spawn to exit). */
export interface ColdStartRow {
  id: string;
  /** What the process runs. */
  label: string;
  /** The target it is held to, in ms of wall time, if any. */
  limitMs?: number;
  /** Median wall time over the runs, ms. */
  medianMs: number;
  /** Minimum and maximum, ms. */
  rangeMs: [number, number];
  /** The median minus that of `node -e 0`: what Switchyard adds to Node's own start, ms. */
  overNodeMs: number;
  runs: number[];
}

/** What `measureColdStart` returns. */
export interface ColdStartMeasurement {
  runs: number;
  rows: ColdStartRow[];
}

const CONFIG = `providers:
  azure-east:
    type: azure-openai
    endpoint: https://contoso-east.openai.azure.com
    apiKey: cold-start-key
    apiVersion: 2024-10-21
    deployments: { chat-prod: { model: gpt-4o-2024-08-06 } }
  openai: { type: openai, apiKey: sk-cold-start }
models:
  chat:
    targets:
      - { provider: azure-east, model: chat-prod }
      - { provider: openai, model: gpt-4o-2024-08-06 }
ledger: { type: sqlite, path: ledger.sqlite }
`;

const CONFIG_OBJECT = `{
  providers: {
    'azure-east': { type: 'azure-openai', endpoint: 'https://contoso-east.openai.azure.com', apiKey: 'cold-start-key', apiVersion: '2024-10-21', deployments: { 'chat-prod': { model: 'gpt-4o-2024-08-06' } } },
    openai: { type: 'openai', apiKey: 'sk-cold-start' },
  },
  models: { chat: { targets: [{ provider: 'azure-east', model: 'chat-prod' }, { provider: 'openai', model: 'gpt-4o-2024-08-06' }] } },
  ledger: { type: 'sqlite', path: 'ledger.sqlite' },
}`;

/** The processes measured: Node alone, then the built package as an application imports it. */
const VARIANTS: Array<{ id: string; label: string; limitMs?: number; file?: string; source?: string }> = [
  { id: 'node', label: '`node -e 0` (Node.js alone)' },
  { id: 'import', label: "`import { createSwitchyard } from 'switchyard'`", limitMs: 100, file: 'import.mjs', source: "import { createSwitchyard } from 'switchyard';\nif (typeof createSwitchyard !== 'function') process.exit(1);\n" },
  {
    id: 'create',
    label: 'import + `createSwitchyard(config)` (config object, SQLite ledger, 2 providers) + `close()`',
    limitMs: 150,
    file: 'create.mjs',
    source: `import { createSwitchyard } from 'switchyard';\nconst sy = createSwitchyard(${CONFIG_OBJECT}, { cwd: process.cwd() });\nawait sy.close();\n`,
  },
  {
    id: 'create-yaml',
    label: "import + `createSwitchyard('switchyard.yaml')` (the same config as a YAML file) + `close()`",
    file: 'create-yaml.mjs',
    source: "import { createSwitchyard } from 'switchyard';\nconst sy = createSwitchyard('switchyard.yaml');\nawait sy.close();\n",
  },
];

/**
 * Cold start: each variant in a fresh process, `runs` times, interleaved so that the machine's drifting load falls
 * on all alike; the median wall time next to `node -e 0`'s. Measures the built package (dist/, run the build first)
 * through its name, as an application in another folder loads it.
 */
export function measureColdStart(options: { root: string; dir: string; runs: number; pin: readonly string[] }): ColdStartMeasurement {
  mkdirSync(join(options.dir, 'node_modules'), { recursive: true });
  symlinkSync(options.root, join(options.dir, 'node_modules', 'switchyard'), 'dir');
  writeFileSync(join(options.dir, 'switchyard.yaml'), CONFIG);
  for (const v of VARIANTS) if (v.file) writeFileSync(join(options.dir, v.file), v.source as string);
  const times = new Map<string, number[]>(VARIANTS.map((v) => [v.id, []]));
  const [command, ...prefix] = options.pin.length > 0 ? [...options.pin, process.execPath] : [process.execPath];
  for (let i = 0; i < options.runs; i++) {
    for (const v of VARIANTS) {
      const args = [...prefix, ...(v.file ? [v.file] : ['-e', '0'])];
      const started = performance.now();
      const result = spawnSync(command as string, args, { cwd: options.dir, encoding: 'utf8' });
      const ms = performance.now() - started;
      if (result.status !== 0 || result.stderr !== '') throw new Error(`cold start ${v.id} failed (exit ${result.status}): ${result.stderr.slice(0, 2000)}`);
      (times.get(v.id) as number[]).push(ms);
    }
  }
  const nodeMedian = median(times.get('node') as number[]);
  return {
    runs: options.runs,
    rows: VARIANTS.map((v) => {
      const runs = times.get(v.id) as number[];
      const m = median(runs);
      return { id: v.id, label: v.label, ...(v.limitMs !== undefined ? { limitMs: v.limitMs } : {}), medianMs: m, rangeMs: [Math.min(...runs), Math.max(...runs)], overNodeMs: m - nodeMedian, runs };
    }),
  };
}
