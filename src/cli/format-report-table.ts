import type { CostReport } from '../metering/cost-report-types.ts';
import { formatNanoUsd } from '../metering/nano-usd.ts';
import { reportColumns } from './report-columns.ts';

/** The report as a text table with aligned columns (numbers right-aligned), a TOTAL row, then capacity and warnings. */
export function formatReportTable(report: CostReport): string {
  const columns = reportColumns(report, true);
  const body = report.rows.map((row) => columns.map((c) => c.table(row, false)));
  const total = columns.map((c) => c.table(report.total, true));
  const header = columns.map((c) => c.title);
  const widths = columns.map((_, i) => Math.max(header[i].length, total[i].length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (columns[i].numeric ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const by = report.groupBy.length > 0 ? ` by ${report.groupBy.join(', ')}` : '';
  const out = [`Cost report${by}, ${iso(report.since)} to ${iso(report.until)} (UTC)`, '', line(header), rule, ...body.map(line), rule, line(total)];
  if (report.capacity.length > 0) {
    out.push('', 'Capacity billing:');
    for (const c of report.capacity) {
      const util = c.utilisation === null ? 'utilisation unknown (no throughput configured)' : `utilisation ${(c.utilisation * 100).toFixed(1)}%`;
      const rate = c.usdPerMillionTokens === null ? 'nothing served' : `${c.usdPerMillionTokens.toFixed(4)} USD per million tokens served`;
      out.push(`  ${c.provider} (${c.billing}): ${formatNanoUsd(c.costNanoUsd, 2)} USD for ${c.hours.toFixed(1)} h, ${c.tokensServed.toLocaleString('en-US')} tokens served, ${rate}, ${util}`);
    }
  }
  for (const warning of report.warnings) out.push('', `warning: ${warning}`);
  return `${out.join('\n')}\n`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
