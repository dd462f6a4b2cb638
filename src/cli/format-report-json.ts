import type { CostReport } from '../metering/cost-report-types.ts';

/**
 * The report as JSON: the `CostReport` object with `since`/`until` as ISO date-times and the exact nano-USD
 * amounts (bigints) as decimal strings, so nothing is rounded by a JSON parser.
 */
export function formatReportJson(report: CostReport): string {
  const value = { ...report, since: new Date(report.since).toISOString(), until: new Date(report.until).toISOString() };
  return `${JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
