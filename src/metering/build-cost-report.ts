import { capacityCostNano, capacityTokens, type CapacityBilling } from './capacity-cost.ts';
import type { CapacityLine, CostReport, CostReportRow } from './cost-report-types.ts';
import { emptyAggregateRow, type LedgerAggregateRow, type LedgerStore } from './ledger-store.ts';
import { nanoToUsd } from './nano-usd.ts';
import type { ReportDimension } from './report-dimension.ts';
import { withJsonAmounts } from './with-json-amounts.ts';

const DAY_MS = 86_400_000;

/** What a report is built from. */
export interface BuildCostReportInput {
  store: LedgerStore;
  /** Capacity-billed providers by config id. */
  capacity: Record<string, CapacityBilling>;
  since: number;
  until: number;
  groupBy: readonly ReportDimension[];
}

/**
 * Builds a cost report: the store aggregates the attempts (in SQL), then each capacity-billed provider's cost
 * for the period (per UTC day when grouping by day) is charged to its groups in proportion to the tokens they
 * used (largest remainder, so the shares add up exactly), or to a group of its own when it served nothing.
 */
export async function buildCostReport({ store, capacity, since, until, groupBy }: BuildCostReportInput): Promise<CostReport> {
  const [rows, totals] = await Promise.all([store.aggregate({ since, until, groupBy }), store.aggregate({ since, until, groupBy: [] })]);
  const byKey = new Map<string, CostReportRow>();
  for (const row of rows) byKey.set(JSON.stringify(row.keys), toReportRow(row, groupBy));
  const total = toReportRow(totals[0] ?? emptyAggregateRow([]), []);
  const lines: CapacityLine[] = [];
  const providers = Object.keys(capacity).sort();

  if (providers.length > 0) {
    const withProvider = groupBy.includes('provider') ? groupBy : [...groupBy, 'provider' as const];
    const [shares, perProvider] = await Promise.all([
      withProvider === groupBy ? rows : store.aggregate({ since, until, groupBy: withProvider }),
      store.aggregate({ since, until, groupBy: ['provider'] }),
    ]);
    const providerIndex = withProvider.indexOf('provider');
    const dayIndex = groupBy.indexOf('day');
    for (const provider of providers) {
      const billing = capacity[provider];
      const cells = dayIndex >= 0 ? daySlices(since, until) : [{ day: null, from: since, to: until }];
      for (const cell of cells) {
        const cost = capacityCostNano(billing, since, cell.from, cell.to);
        const members = shares.filter((r) => r.keys[providerIndex] === provider && (cell.day === null || r.keys[dayIndex] === cell.day));
        const weights = members.map((r) => BigInt(r.inputTokens + r.outputTokens));
        const allocation = allocate(cost, weights);
        if (allocation === null) {
          const keys = groupBy.map((d) => (d === 'provider' ? provider : d === 'day' ? cell.day : null));
          rowFor(byKey, keys, groupBy).capacityCostNanoUsd += cost;
        } else {
          members.forEach((member, i) => {
            const keys = groupBy.map((d) => member.keys[withProvider.indexOf(d)]);
            const row = rowFor(byKey, keys, groupBy);
            row.capacityCostNanoUsd += allocation[i];
            const capable = capacityTokens(billing, cell.to - cell.from);
            if (capable !== null && capable > 0) row.utilisation = (row.utilisation ?? 0) + (member.inputTokens + member.outputTokens) / capable;
          });
        }
        total.capacityCostNanoUsd += cost;
      }
      const served = perProvider.find((r) => r.keys[0] === provider);
      const tokensServed = served ? served.inputTokens + served.outputTokens : 0;
      const capable = capacityTokens(billing, until - since);
      const cost = capacityCostNano(billing, since, since, until);
      lines.push({
        provider,
        billing: billing.type,
        hours: (until - since) / 3_600_000,
        costNanoUsd: cost,
        costUsd: nanoToUsd(cost),
        tokensServed,
        capacityTokens: capable,
        utilisation: capable ? tokensServed / capable : null,
        usdPerMillionTokens: tokensServed > 0 ? (nanoToUsd(cost) / tokensServed) * 1e6 : null,
      });
    }
  }

  const finalRows = [...byKey.values()].map(finish).sort((a, b) => compareGroups(a, b, groupBy));
  const warnings: string[] = [];
  if (total.unpriced > 0) {
    warnings.push(
      `${total.unpriced} attempt(s) have no known cost and are not in the amounts: no price for their model (set providers.<id>.prices), or they ended (aborted, timed out, cut off) before the provider reported usage.`,
    );
  }
  return withJsonAmounts({ since, until, groupBy, rows: finalRows, total: finish(total), capacity: lines, warnings });
}

/** Splits `cost` in proportion to `weights` (largest remainder); null when every weight is 0. */
function allocate(cost: bigint, weights: bigint[]): bigint[] | null {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return null;
  const shares = weights.map((w) => (cost * w) / sum);
  let left = cost - shares.reduce((a, b) => a + b, 0n);
  const order = weights.map((w, i) => ({ i, rest: (cost * w) % sum })).sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares;
}

function daySlices(since: number, until: number): Array<{ day: string; from: number; to: number }> {
  const slices = [];
  for (let start = Math.floor(since / DAY_MS) * DAY_MS; start < until; start += DAY_MS) {
    slices.push({ day: new Date(start).toISOString().slice(0, 10), from: Math.max(since, start), to: Math.min(until, start + DAY_MS) });
  }
  return slices;
}

function rowFor(byKey: Map<string, CostReportRow>, keys: Array<string | null>, groupBy: readonly ReportDimension[]): CostReportRow {
  const id = JSON.stringify(keys);
  let row = byKey.get(id);
  if (!row) byKey.set(id, (row = toReportRow(emptyAggregateRow(keys), groupBy)));
  return row;
}

function toReportRow(row: LedgerAggregateRow, groupBy: readonly ReportDimension[]): CostReportRow {
  const group: Record<string, string | null> = {};
  groupBy.forEach((d, i) => (group[d] = row.keys[i] ?? null));
  return {
    group,
    requests: row.requests,
    errors: row.errors,
    aborted: row.aborted,
    unpriced: row.unpriced,
    inputTokens: row.inputTokens,
    cachedInputTokens: row.cachedInputTokens,
    cacheWriteTokens: row.cacheWriteTokens,
    outputTokens: row.outputTokens,
    reasoningTokens: row.reasoningTokens,
    tokenCostNanoUsd: row.costNanoUsd,
    capacityCostNanoUsd: 0n,
    costNanoUsd: 0n,
    tokenCostUsd: 0,
    capacityCostUsd: 0,
    costUsd: 0,
    usdPerMillionTokens: null,
    utilisation: null,
    latencyP50Ms: roundMs(row.latencyP50Ms),
    latencyP95Ms: roundMs(row.latencyP95Ms),
  };
}

/** Latency to the microsecond, so that interpolation noise (754.9999999) does not show. */
function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}

function finish(row: CostReportRow): CostReportRow {
  const cost = row.tokenCostNanoUsd + row.capacityCostNanoUsd;
  const tokens = row.inputTokens + row.outputTokens;
  return {
    ...row,
    costNanoUsd: cost,
    tokenCostUsd: nanoToUsd(row.tokenCostNanoUsd),
    capacityCostUsd: nanoToUsd(row.capacityCostNanoUsd),
    costUsd: nanoToUsd(cost),
    usdPerMillionTokens: tokens > 0 ? (nanoToUsd(cost) / tokens) * 1e6 : null,
  };
}


function compareGroups(a: CostReportRow, b: CostReportRow, groupBy: readonly ReportDimension[]): number {
  for (const d of groupBy) {
    const x = a.group[d];
    const y = b.group[d];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
