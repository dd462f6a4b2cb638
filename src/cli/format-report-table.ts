import type { CapacityLine, CostReport } from '../metering/cost-report-types.ts';
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
    for (const c of report.capacity) out.push(...capacityLines(c));
  }
  for (const warning of report.warnings) out.push('', `warning: ${warning}`);
  return `${out.join('\n')}\n`;
}

/** Hours listed per capacity line in the table (the busiest first); JSON has every hour. */
const HOURS_SHOWN = 24;

/** A capacity line: cost, utilisation, spillover, and the busiest hours with their utilisation and spilled share. */
function capacityLines(c: CapacityLine): string[] {
  const util = c.utilisation === null ? 'utilisation unknown (no throughput configured)' : `utilisation ${pct(c.utilisation)} (peak hour ${pct(c.peakUtilisation ?? 0)})`;
  const rate = c.usdPerMillionTokens === null ? 'nothing served' : `${c.usdPerMillionTokens.toFixed(4)} USD per million tokens served`;
  const lines = [`  ${c.provider} (${c.billing}): ${formatNanoUsd(c.costNanoUsd, 2)} USD for ${c.hours.toFixed(1)} h, ${c.tokensServed.toLocaleString('en-US')} tokens served, ${rate}, ${util}`];
  if (c.spilledTokens > 0) {
    lines.push(`    spilled over: ${c.spilledTokens.toLocaleString('en-US')} tokens (${pct(c.spilledShare ?? 0)} of the traffic), ${formatNanoUsd(c.spilledCostNanoUsd, 6)} USD at the pay-as-you-go rate`);
  }
  const busy = c.hourly.filter((h) => h.tokensServed > 0 || h.spilledTokens > 0);
  if (busy.length === 0) return lines;
  const full = busy.filter((h) => h.utilisation !== null && h.utilisation >= 0.9).length;
  const spilledHours = busy.filter((h) => h.spilledTokens > 0).length;
  lines.push(`    per hour: ${busy.length} of ${c.hourly.length} hour(s) served traffic, ${full} at 90% or more of the capacity, ${spilledHours} spilled over`);
  const shown = [...busy].sort((a, b) => b.tokensServed + b.spilledTokens - (a.tokensServed + a.spilledTokens) || (a.hour < b.hour ? -1 : 1)).slice(0, HOURS_SHOWN).sort((a, b) => (a.hour < b.hour ? -1 : 1));
  for (const h of shown) {
    const used = h.utilisation === null ? '' : `  utilisation ${pct(h.utilisation).padStart(6)}`;
    const spilled = h.spilledShare === null || h.spilledTokens === 0 ? '' : `  spilled ${pct(h.spilledShare).padStart(6)}`;
    lines.push(`    ${h.hour}:00Z  ${h.tokensServed.toLocaleString('en-US').padStart(12)} on capacity  ${h.spilledTokens.toLocaleString('en-US').padStart(12)} spilled${used}${spilled}`);
  }
  if (busy.length > shown.length) lines.push(`    … ${busy.length - shown.length} more hour(s) with traffic: --format json lists every hour`);
  return lines;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
