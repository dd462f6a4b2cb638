import type { ClientMeasurement } from './client-job.ts';
import type { Scenario } from './scenarios.ts';
import { median } from './stats.ts';

/** The floor client, the denominator of every ratio. */
export const FLOOR = 'floor-client';

/** One client's run of one scenario in one repetition (null when the process failed). */
export interface RunRecord {
  rep: number;
  scenario: string;
  client: string;
  measurement: ClientMeasurement | null;
  error?: string;
  /** The machine's 1-minute load average when the run ended (other processes compete for the CPUs). */
  load1?: number;
}

/** One client in one scenario, over all repetitions. */
export interface SummaryRow {
  client: string;
  describe: string;
  /** Repetitions that produced a valid measurement. */
  reps: number;
  /** Medians over the repetitions. */
  cpuUsPerRequest: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** Streams: median over the repetitions of the time to the first text part (each a median), ms. */
  ttftP50Ms?: number;
  maxRssBytes: number;
  /** Peak RSS minus the RSS once the client was created: the memory the requests themselves needed. */
  rssGrowthBytes: number;
  /** Medians of the per-repetition ratios to the floor of the same repetition. */
  cpuRatio: number;
  rssRatio: number;
  /** The lowest and highest per-repetition CPU ratio (how much the repetitions disagree). */
  cpuRatioRange: [number, number];
  /** Requests measured, summed over repetitions. */
  requests: number;
  /** Failed or wrong replies, summed; non-zero makes the row invalid. */
  failures: number;
  problem?: string;
  /** Requests the primary and the fallback received per measured call (failover scenarios), medians. */
  primaryPerCall?: number;
  fallbackPerCall?: number;
}

/** A scenario's rows, floor first. */
export interface ScenarioSummary {
  scenario: Scenario;
  rows: SummaryRow[];
}

function hitsPerCall(m: ClientMeasurement, tag: string): number {
  let n = 0;
  for (const [key, hits] of Object.entries(m.serverHits ?? {})) if (key.includes(`tag=${tag}`)) n += hits;
  return n / m.requests;
}

/** Medians over repetitions, and ratios to the floor taken within each repetition. */
export function summarize(scenarios: readonly Scenario[], clients: readonly string[], records: readonly RunRecord[]): ScenarioSummary[] {
  return scenarios
    .filter((s) => records.some((r) => r.scenario === s.id))
    .map((scenario) => {
      const mine = records.filter((r) => r.scenario === scenario.id);
      // The floor runs before and after the other clients in each repetition: their ratios use the mean of its runs.
      const floorRuns = new Map<number, ClientMeasurement[]>();
      for (const r of mine) {
        if (r.client !== FLOOR || !r.measurement || r.measurement.failures > 0) continue;
        const list = floorRuns.get(r.rep) ?? [];
        list.push(r.measurement);
        floorRuns.set(r.rep, list);
      }
      const floorByRep = new Map<number, ClientMeasurement>();
      for (const [rep, list] of floorRuns) {
        const mean = (pick: (m: ClientMeasurement) => number) => list.reduce((n, m) => n + pick(m), 0) / list.length;
        floorByRep.set(rep, { ...(list[0] as ClientMeasurement), cpuUsPerRequest: mean((m) => m.cpuUsPerRequest), maxRssBytes: mean((m) => m.maxRssBytes) });
      }
      const rows = clients
        .filter((c) => mine.some((r) => r.client === c))
        .map((client): SummaryRow => {
          const runs = mine.filter((r) => r.client === client);
          const ok = runs.filter((r) => r.measurement && r.measurement.failures === 0).map((r) => ({ rep: r.rep, m: r.measurement as ClientMeasurement }));
          const failed = runs.find((r) => !r.measurement || r.measurement.failures > 0);
          const ratios = (pick: (m: ClientMeasurement) => number) =>
            ok.filter((x) => floorByRep.has(x.rep)).map((x) => pick(x.m) / pick(floorByRep.get(x.rep) as ClientMeasurement));
          const ratio = (pick: (m: ClientMeasurement) => number) => median(ratios(pick));
          const cpuRatios = ratios((m) => m.cpuUsPerRequest);
          const row: SummaryRow = {
            client,
            describe: runs.find((r) => r.measurement)?.measurement?.describe ?? '',
            reps: ok.length,
            cpuUsPerRequest: median(ok.map((x) => x.m.cpuUsPerRequest)),
            throughput: median(ok.map((x) => x.m.throughput)),
            p50Ms: median(ok.map((x) => x.m.p50Ms)),
            p99Ms: median(ok.map((x) => x.m.p99Ms)),
            ...(ok.some((x) => x.m.ttftP50Ms !== undefined) ? { ttftP50Ms: median(ok.map((x) => x.m.ttftP50Ms ?? Number.NaN)) } : {}),
            maxRssBytes: median(ok.map((x) => x.m.maxRssBytes)),
            rssGrowthBytes: median(ok.map((x) => x.m.maxRssBytes - x.m.baseRssBytes)),
            cpuRatio: ratio((m) => m.cpuUsPerRequest),
            rssRatio: ratio((m) => m.maxRssBytes),
            cpuRatioRange: [Math.min(...cpuRatios), Math.max(...cpuRatios)],
            requests: runs.reduce((n, r) => n + (r.measurement?.requests ?? 0), 0),
            failures: runs.reduce((n, r) => n + (r.measurement ? r.measurement.failures : 1), 0),
          };
          if (failed) row.problem = failed.error ?? failed.measurement?.firstFailure;
          if (scenario.mode !== 'direct' && ok.length > 0) {
            row.primaryPerCall = median(ok.map((x) => hitsPerCall(x.m, 'primary-down')));
            row.fallbackPerCall = median(ok.map((x) => hitsPerCall(x.m, 'fallback')));
          }
          return row;
        });
      return { scenario, rows };
    });
}
