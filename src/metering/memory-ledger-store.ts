import type { LedgerRecord } from './ledger-record.ts';
import { emptyAggregateRow, type LastServedRow, type LedgerAggregateRow, type LedgerStore } from './ledger-store.ts';
import { percentile } from './percentile.ts';
import { tagName, type ReportDimension } from './report-dimension.ts';

/** A ledger store in memory (tests, short scripts): also the reference implementation of `LedgerStore`. */
export interface MemoryLedgerStore extends LedgerStore {
  /** Every record appended so far, oldest first. */
  readonly records: readonly LedgerRecord[];
}

/**
 * Creates an in-memory ledger store. Nothing survives the process.
 * @example const meter = createMeterFromConfig(config, { ledgerStore: createMemoryLedgerStore() });
 */
export function createMemoryLedgerStore(): MemoryLedgerStore {
  const records: LedgerRecord[] = [];
  return {
    name: 'memory',
    records,
    async append(batch) {
      for (const record of batch) records.push(record);
    },
    appendSync(batch) {
      for (const record of batch) records.push(record);
    },
    async aggregate({ since, until, groupBy }) {
      const groups = new Map<string, { keys: Array<string | null>; row: LedgerAggregateRow; latencies: number[] }>();
      for (const r of records) {
        if (r.time < since || r.time >= until) continue;
        const keys = groupBy.map((d) => dimensionValue(r, d));
        const id = JSON.stringify(keys);
        let group = groups.get(id);
        if (!group) {
          group = { keys, latencies: [], row: emptyAggregateRow(keys) };
          groups.set(id, group);
        }
        const row = group.row;
        row.requests += 1;
        if (r.outcome === 'error') row.errors += 1;
        if (r.outcome === 'aborted') row.aborted += 1;
        if (r.outcome === 'success') group.latencies.push(r.latencyMs);
        if (r.costNanoUsd === null) row.unpriced += 1;
        else row.costNanoUsd += r.costNanoUsd;
        row.inputTokens += r.inputTokens;
        row.cachedInputTokens += r.cachedInputTokens;
        row.cacheWriteTokens += r.cacheWriteTokens;
        row.outputTokens += r.outputTokens;
        row.reasoningTokens += r.reasoningTokens;
      }
      return [...groups.values()].map(({ row, latencies }) => {
        latencies.sort((a, b) => a - b);
        return { ...row, latencyP50Ms: percentile(latencies, 0.5), latencyP95Ms: percentile(latencies, 0.95) };
      });
    },
    async sumCost({ since, provider, alias, tag }) {
      let sum = 0n;
      for (const r of records) {
        if (r.time < since || r.costNanoUsd === null) continue;
        if (provider !== undefined && r.provider !== provider) continue;
        if (alias !== undefined && r.alias !== alias) continue;
        if (tag !== undefined && r.tags[tag.key] !== tag.value) continue;
        sum += r.costNanoUsd;
      }
      return sum;
    },
    async lastServed() {
      const latest = new Map<string, LastServedRow>();
      for (const r of records) {
        if (r.servedModel === null) continue;
        const id = JSON.stringify([r.alias, r.provider, r.requestedModel]);
        const seen = latest.get(id);
        if (!seen || r.time >= seen.time) latest.set(id, { alias: r.alias, provider: r.provider, requestedModel: r.requestedModel, servedModel: r.servedModel, time: r.time });
      }
      return [...latest.values()];
    },
    async close() {},
  };
}

/** The value of one report dimension for a record (the same definitions as the SQL stores). */
export function dimensionValue(record: LedgerRecord, dimension: ReportDimension): string | null {
  switch (dimension) {
    case 'provider':
      return record.provider;
    case 'alias':
      return record.alias;
    case 'model':
      return record.servedModel ?? record.requestedModel;
    case 'day':
      return new Date(record.time).toISOString().slice(0, 10);
    case 'hour':
      return new Date(record.time).toISOString().slice(0, 13);
    case 'capacity':
      return record.capacity ?? null;
    default:
      return record.tags[tagName(dimension) as string] ?? null;
  }
}

