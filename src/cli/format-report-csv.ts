import type { CostReport } from '../metering/cost-report-types.ts';
import { reportColumns } from './report-columns.ts';

/**
 * The report as CSV (RFC 4180, CRLF): a header row, one row per group, and a last row labelled `TOTAL`.
 * Numbers are plain (no thousands separators, USD with every nano digit, a dot as decimal mark), so the file
 * opens cleanly in a spreadsheet. Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * get a leading apostrophe.
 */
export function formatReportCsv(report: CostReport): string {
  const columns = reportColumns(report, false);
  const lines = [columns.map((c) => c.csv)];
  for (const row of report.rows) lines.push(columns.map((c) => (c.numeric ? c.csvValue(row, false) : safeText(c.csvValue(row, false)))));
  lines.push(columns.map((c) => c.csvValue(report.total, true)));
  return lines.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
