import type { LedgerAggregateQuery, LedgerAggregateRow } from './ledger-store.ts';
import { tagName } from './report-dimension.ts';

/** The differences between the SQL dialects the built-in stores speak. */
export interface SqlDialect {
  /** The placeholder for parameter number `index` (1-based). */
  placeholder(index: number): string;
  /** The UTC day (`YYYY-MM-DD`) of the `time` column (ms since the epoch). */
  day: string;
  /** The UTC hour (`YYYY-MM-DDTHH`) of the `time` column. */
  hour: string;
  /** The value of a tag, the tag name being parameter `placeholder`. */
  tag(placeholder: string): string;
  /** The tag parameter for a tag name. */
  tagParam(name: string): string;
  /** The `p` percentile of latency over successful attempts, or null when the dialect cannot. */
  latencyPercentile(p: number): string | null;
}

/** Builds the aggregate query of a report: one statement, grouped and summed in the database. */
export function buildAggregateSql(table: string, dialect: SqlDialect, query: LedgerAggregateQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const keys = query.groupBy.map((dimension, i) => `${dimensionSql(dimension, dialect, params)} AS k${i}`);
  params.push(query.since, query.until);
  const since = dialect.placeholder(params.length - 1);
  const until = dialect.placeholder(params.length);
  const p50 = dialect.latencyPercentile(0.5);
  const p95 = dialect.latencyPercentile(0.95);
  const select = [
    ...keys,
    'COUNT(*) AS requests',
    `SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END) AS errors`,
    `SUM(CASE WHEN outcome = 'aborted' THEN 1 ELSE 0 END) AS aborted`,
    'SUM(CASE WHEN cost_nano IS NULL THEN 1 ELSE 0 END) AS unpriced',
    'SUM(input_tokens) AS input_tokens',
    'SUM(cached_input_tokens) AS cached_input_tokens',
    'SUM(cache_write_tokens) AS cache_write_tokens',
    'SUM(output_tokens) AS output_tokens',
    'SUM(reasoning_tokens) AS reasoning_tokens',
    'COALESCE(SUM(cost_nano), 0) AS cost_nano',
    `${p50 ?? 'NULL'} AS p50`,
    `${p95 ?? 'NULL'} AS p95`,
  ];
  const group = query.groupBy.length > 0 ? ` GROUP BY ${query.groupBy.map((_, i) => i + 1).join(', ')}` : '';
  const sql = `SELECT ${select.join(', ')} FROM ${table} WHERE time >= ${since} AND time < ${until}${group}`;
  return { sql, params };
}

/** The SQL of one dimension; adds its parameter, if any, to `params`. */
export function dimensionSql(dimension: string, dialect: SqlDialect, params: unknown[]): string {
  switch (dimension) {
    case 'provider':
      return 'provider';
    case 'alias':
      return 'alias';
    case 'model':
      return 'COALESCE(served_model, requested_model)';
    case 'day':
      return dialect.day;
    case 'hour':
      return dialect.hour;
    case 'capacity':
      return 'capacity';
    default: {
      params.push(dialect.tagParam(tagName(dimension as `tag:${string}`) as string));
      return dialect.tag(dialect.placeholder(params.length));
    }
  }
}

/** Maps a result row (numbers, bigints or numeric strings, by driver) to an aggregate row. */
export function toAggregateRow(row: Record<string, unknown>, dimensions: number): LedgerAggregateRow {
  const keys: Array<string | null> = [];
  for (let i = 0; i < dimensions; i++) {
    const value = row[`k${i}`];
    keys.push(value === null || value === undefined ? null : String(value));
  }
  return {
    keys,
    requests: num(row.requests),
    errors: num(row.errors),
    aborted: num(row.aborted),
    unpriced: num(row.unpriced),
    inputTokens: num(row.input_tokens),
    cachedInputTokens: num(row.cached_input_tokens),
    cacheWriteTokens: num(row.cache_write_tokens),
    outputTokens: num(row.output_tokens),
    reasoningTokens: num(row.reasoning_tokens),
    costNanoUsd: BigInt((row.cost_nano as bigint | number | string | null) ?? 0),
    latencyP50Ms: row.p50 === null || row.p50 === undefined ? null : Number(row.p50),
    latencyP95Ms: row.p95 === null || row.p95 === undefined ? null : Number(row.p95),
  };
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
