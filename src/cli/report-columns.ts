import type { CostReport, CostReportRow } from '../metering/cost-report-types.ts';
import { formatNanoUsd } from '../metering/nano-usd.ts';

/** One column of the report's table and CSV. */
export interface ReportColumn {
  /** The table heading. */
  title: string;
  /** The CSV header (snake_case, stable for spreadsheets and scripts). */
  csv: string;
  /** Right-aligned in the table. */
  numeric: boolean;
  /** The cell for a row (`total` is true for the TOTAL row). */
  table(row: CostReportRow, total: boolean): string;
  /** The CSV cell: exact, unformatted (USD with every nano digit). */
  csvValue(row: CostReportRow, total: boolean): string;
}

const fixed = (value: number | null, digits: number) => (value === null ? '' : value.toFixed(digits));
const int = (value: number) => String(value);
const grouped = (value: number) => value.toLocaleString('en-US');

function column(title: string, csv: string, pick: (row: CostReportRow) => number): ReportColumn {
  return { title, csv, numeric: true, table: (row) => grouped(pick(row)), csvValue: (row) => int(pick(row)) };
}

function usd(title: string, csv: string, pick: (row: CostReportRow) => bigint): ReportColumn {
  return { title, csv, numeric: true, table: (row) => formatNanoUsd(pick(row), 6), csvValue: (row) => formatNanoUsd(pick(row)) };
}

/**
 * The columns of a report: one per group dimension, then counts, tokens, costs, effective rate, utilisation
 * and latency. The table leaves out columns that are empty for every row (unpriced, utilisation); the CSV keeps
 * all of them so that its header never changes.
 */
export function reportColumns(report: CostReport, forTable: boolean): ReportColumn[] {
  const dims = report.groupBy.map(
    (d, i): ReportColumn => ({
      title: d,
      csv: d.replace(':', '_'),
      numeric: false,
      table: (row, total) => (total ? (i === 0 ? 'TOTAL' : '') : (row.group[d] ?? '-')),
      csvValue: (row, total) => (total ? (i === 0 ? 'TOTAL' : '') : (row.group[d] ?? '')),
    }),
  );
  if (dims.length === 0) dims.push({ title: '', csv: 'group', numeric: false, table: () => 'TOTAL', csvValue: () => 'TOTAL' });
  const rows = [...report.rows, report.total];
  const columns: ReportColumn[] = [
    ...dims,
    column('requests', 'requests', (r) => r.requests),
    column('errors', 'errors', (r) => r.errors),
    column('aborted', 'aborted', (r) => r.aborted),
    column('unpriced', 'unpriced', (r) => r.unpriced),
    column('input tok', 'input_tokens', (r) => r.inputTokens),
    column('cached', 'cached_input_tokens', (r) => r.cachedInputTokens),
    column('cache write', 'cache_write_tokens', (r) => r.cacheWriteTokens),
    column('output tok', 'output_tokens', (r) => r.outputTokens),
    column('reasoning', 'reasoning_tokens', (r) => r.reasoningTokens),
    usd('token USD', 'token_cost_usd', (r) => r.tokenCostNanoUsd),
    usd('capacity USD', 'capacity_cost_usd', (r) => r.capacityCostNanoUsd),
    usd('total USD', 'total_cost_usd', (r) => r.costNanoUsd),
    { title: 'USD/M tok', csv: 'usd_per_million_tokens', numeric: true, table: (r) => fixed(r.usdPerMillionTokens, 4) || '-', csvValue: (r) => fixed(r.usdPerMillionTokens, 6) },
    { title: 'util', csv: 'utilisation', numeric: true, table: (r) => (r.utilisation === null ? '-' : `${(r.utilisation * 100).toFixed(1)}%`), csvValue: (r) => fixed(r.utilisation, 6) },
    { title: 'p50 ms', csv: 'latency_p50_ms', numeric: true, table: (r) => fixed(r.latencyP50Ms, 0) || '-', csvValue: (r) => fixed(r.latencyP50Ms, 1) },
    { title: 'p95 ms', csv: 'latency_p95_ms', numeric: true, table: (r) => fixed(r.latencyP95Ms, 0) || '-', csvValue: (r) => fixed(r.latencyP95Ms, 1) },
  ];
  if (!forTable) return columns;
  const optional: Record<string, (r: CostReportRow) => boolean> = {
    aborted: (r) => r.aborted > 0,
    unpriced: (r) => r.unpriced > 0,
    cache_write_tokens: (r) => r.cacheWriteTokens > 0,
    capacity_cost_usd: (r) => r.capacityCostNanoUsd > 0n,
    utilisation: (r) => r.utilisation !== null,
  };
  return columns.filter((c) => !optional[c.csv] || rows.some(optional[c.csv]));
}
