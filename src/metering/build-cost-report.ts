import { capacityCostNano, capacityTokens, type CapacityBilling } from './capacity-cost.ts';
import type { CapacityHour, CapacityLine, CostReport, CostReportRow } from './cost-report-types.ts';
import { emptyAggregateRow, type LedgerAggregateRow, type LedgerStore } from './ledger-store.ts';
import { nanoToUsd } from './nano-usd.ts';
import type { ReportDimension } from './report-dimension.ts';
import { withJsonAmounts } from './with-json-amounts.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

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
 * were served on the capacity (largest remainder, so the shares add up exactly), or to a group of its own when it
 * served nothing. Each capacity line has the utilisation per UTC hour and the share that spilled over.
 */
export async function buildCostReport({ store, capacity, since, until, groupBy }: BuildCostReportInput): Promise<CostReport> {
  const [rows, totals] = await Promise.all([store.aggregate({ since, until, groupBy }), store.aggregate({ since, until, groupBy: [] })]);
  const byKey = new Map<string, CostReportRow>();
  for (const row of rows) byKey.set(JSON.stringify(row.keys), toReportRow(row, groupBy));
  const total = toReportRow(totals[0] ?? emptyAggregateRow([]), []);
  const lines: CapacityLine[] = [];
  const providers = Object.keys(capacity).sort();

  if (providers.length > 0) {
    // Capacity cost is charged to the tokens served on the capacity: attempts whose capacity is provisioned (or unknown,
    // as in ledgers written before capacity was recorded), never to spilled-over or pay-as-you-go attempts, which
    // already paid per token.
    const withCapacity = [...new Set<ReportDimension>([...groupBy, 'provider', 'capacity'])];
    const [shares, perHour] = await Promise.all([
      store.aggregate({ since, until, groupBy: withCapacity }),
      store.aggregate({ since, until, groupBy: ['provider', 'hour', 'capacity'] }),
    ]);
    const providerIndex = withCapacity.indexOf('provider');
    const capacityIndex = withCapacity.indexOf('capacity');
    const dayIndex = withCapacity.indexOf('day');
    const onCapacity = (row: LedgerAggregateRow, index: number) => row.keys[index] === 'provisioned' || row.keys[index] === null;
    for (const provider of providers) {
      const billing = capacity[provider] as CapacityBilling;
      const cells = dayIndex >= 0 ? daySlices(since, until) : [{ day: null, from: since, to: until }];
      for (const cell of cells) {
        const cost = capacityCostNano(billing, since, cell.from, cell.to);
        const members = shares.filter((r) => r.keys[providerIndex] === provider && onCapacity(r, capacityIndex) && (cell.day === null || r.keys[dayIndex] === cell.day));
        const weights = members.map((r) => BigInt(r.inputTokens + r.outputTokens));
        const allocation = allocate(cost, weights);
        if (allocation === null) {
          const keys = groupBy.map((d) => (d === 'provider' ? provider : d === 'day' ? cell.day : d === 'capacity' ? 'provisioned' : null));
          rowFor(byKey, keys, groupBy).capacityCostNanoUsd += cost;
        } else {
          const capable = capacityTokens(billing, cell.to - cell.from);
          members.forEach((member, i) => {
            const keys = groupBy.map((d) => member.keys[withCapacity.indexOf(d)] ?? null);
            const row = rowFor(byKey, keys, groupBy);
            row.capacityCostNanoUsd += allocation[i] as bigint;
            if (capable !== null && capable > 0) row.utilisation = (row.utilisation ?? 0) + (member.inputTokens + member.outputTokens) / capable;
          });
        }
        total.capacityCostNanoUsd += cost;
      }
      lines.push(capacityLine(provider, billing, since, until, perHour.filter((r) => r.keys[0] === provider)));
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

/** A capacity-billed provider's line: cost, tokens served on the capacity and spilled, per hour and in all. */
function capacityLine(provider: string, billing: CapacityBilling, since: number, until: number, rows: LedgerAggregateRow[]): CapacityLine {
  const served = new Map<string, number>();
  const spilled = new Map<string, number>();
  let spilledCost = 0n;
  for (const row of rows) {
    const hour = row.keys[1] as string;
    const tokens = row.inputTokens + row.outputTokens;
    if (row.keys[2] === 'spillover') {
      spilled.set(hour, (spilled.get(hour) ?? 0) + tokens);
      spilledCost += row.costNanoUsd;
    } else if (row.keys[2] === 'provisioned' || row.keys[2] === null) served.set(hour, (served.get(hour) ?? 0) + tokens);
  }
  const hourly: CapacityHour[] = [];
  let tokensServed = 0;
  let spilledTokens = 0;
  let peak: number | null = null;
  for (let start = Math.floor(since / HOUR_MS) * HOUR_MS; start < until; start += HOUR_MS) {
    const hour = new Date(start).toISOString().slice(0, 13);
    const onCapacity = served.get(hour) ?? 0;
    const over = spilled.get(hour) ?? 0;
    const capable = capacityTokens(billing, Math.min(until, start + HOUR_MS) - Math.max(since, start));
    const utilisation = capable ? onCapacity / capable : null;
    if (utilisation !== null && (peak === null || utilisation > peak)) peak = utilisation;
    hourly.push({ hour, tokensServed: onCapacity, spilledTokens: over, capacityTokens: capable, utilisation, spilledShare: share(over, onCapacity) });
    tokensServed += onCapacity;
    spilledTokens += over;
  }
  const capable = capacityTokens(billing, until - since);
  const cost = capacityCostNano(billing, since, since, until);
  return {
    provider,
    billing: billing.type,
    hours: (until - since) / HOUR_MS,
    costNanoUsd: cost,
    costUsd: nanoToUsd(cost),
    tokensServed,
    capacityTokens: capable,
    utilisation: capable ? tokensServed / capable : null,
    peakUtilisation: peak,
    usdPerMillionTokens: tokensServed > 0 ? (nanoToUsd(cost) / tokensServed) * 1e6 : null,
    spilledTokens,
    spilledShare: share(spilledTokens, tokensServed),
    spilledCostNanoUsd: spilledCost,
    spilledCostUsd: nanoToUsd(spilledCost),
    hourly,
  };
}

function share(spilled: number, served: number): number | null {
  return spilled + served > 0 ? spilled / (spilled + served) : null;
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
