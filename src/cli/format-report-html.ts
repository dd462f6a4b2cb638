import type { CostReport } from '../metering/cost-report-types.ts';
import { formatNanoUsd, nanoToUsd } from '../metering/nano-usd.ts';
import { reportColumns } from './report-columns.ts';

const COLORS = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626', '#4b5563', '#65a30d'];
const DAY_MS = 86_400_000;

/**
 * The report as one self-contained HTML page (no external resources): the totals, inline SVG charts of cost per
 * provider per day (stacked bars, from `byProviderDay`, a report grouped by provider and day) and of cost per
 * capacity tier per day (from `byCapacityDay`, grouped by day and capacity), the report's table, and for each
 * capacity-billed provider its tokens per hour (served on the capacity, spilled over) against its capacity. A small
 * inline script marks the page `data-rendered` once the browser has laid the charts out, which is what the
 * headless-browser test checks.
 */
export function formatReportHtml(report: CostReport, byProviderDay: CostReport, byCapacityDay?: CostReport): string {
  const title = `Switchyard cost report, ${day(report.since)} to ${day(report.until)}`;
  const columns = reportColumns(report, true);
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${esc(c.title)}</th>`).join('');
  const cells = (row: CostReport['total'], total: boolean) => columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${esc(c.table(row, total))}</td>`).join('');
  const body = report.rows.map((row) => `<tr>${cells(row, false)}</tr>`).join('\n');
  const warnings = report.warnings.map((w) => `<p class="warning">${esc(w)}</p>`).join('\n');
  const capacity = report.capacity
    .map((c) => {
      const util = c.utilisation === null ? '' : `, utilisation ${(c.utilisation * 100).toFixed(1)}% (peak hour ${((c.peakUtilisation ?? 0) * 100).toFixed(1)}%)`;
      const spilled = c.spilledTokens > 0 ? `, ${c.spilledTokens.toLocaleString('en-US')} tokens spilled over (${((c.spilledShare ?? 0) * 100).toFixed(1)}%, ${formatNanoUsd(c.spilledCostNanoUsd, 6)} USD)` : '';
      return `<li>${esc(c.provider)} (${c.billing}): ${formatNanoUsd(c.costNanoUsd, 2)} USD for ${c.hours.toFixed(1)} h, ${c.tokensServed.toLocaleString('en-US')} tokens served${util}${spilled}</li>`;
    })
    .join('\n');
  const hourly = report.capacity
    .filter((c) => c.hourly.some((h) => h.tokensServed > 0 || h.spilledTokens > 0))
    .map((c, i) => `<figure>\n${utilisationChart(c, `utilisation-chart-${i}`)}\n</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #111827; }
h1 { font-size: 20px; margin: 0 0 4px; }
.period { color: #4b5563; margin: 0 0 16px; }
.totals { display: flex; gap: 32px; margin: 0 0 16px; }
.totals div { font-size: 13px; color: #4b5563; }
.totals strong { display: block; font-size: 22px; color: #111827; }
figure { margin: 0 0 20px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 13px; }
.legend span::before { content: ''; display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; background: var(--c); }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; white-space: nowrap; }
th.num, td.num { text-align: right; }
tfoot td { font-weight: 600; border-top: 2px solid #111827; }
.warning { color: #b45309; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="period">${esc(new Date(report.since).toISOString())} to ${esc(new Date(report.until).toISOString())} (UTC)${report.groupBy.length ? `, by ${esc(report.groupBy.join(', '))}` : ''}</p>
<div class="totals">
<div>Total cost<strong id="total-cost">${formatNanoUsd(report.total.costNanoUsd, 2)} USD</strong></div>
<div>Token cost<strong>${formatNanoUsd(report.total.tokenCostNanoUsd, 2)} USD</strong></div>
<div>Capacity cost<strong>${formatNanoUsd(report.total.capacityCostNanoUsd, 2)} USD</strong></div>
<div>Requests<strong id="total-requests">${report.total.requests.toLocaleString('en-US')}</strong></div>
</div>
<figure>
${costChart(byProviderDay, 'cost-chart', 'provider', 'Cost per provider per day')}
</figure>
${byCapacityDay ? `<h2>Cost per capacity tier</h2>\n<figure>\n${costChart(byCapacityDay, 'tier-chart', 'capacity', 'Cost per capacity tier per day')}\n</figure>` : ''}
<table id="report-table">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr class="total">${cells(report.total, true)}</tr></tfoot>
</table>
${capacity ? `<h2>Capacity billing</h2>\n<ul>\n${capacity}\n</ul>` : ''}
${hourly}
${warnings}
<script>
addEventListener('load', () => {
  const bars = [...document.querySelectorAll('#cost-chart rect.bar')].filter((r) => { const b = r.getBBox(); return b.width > 0 && b.height > 0; });
  const total = document.querySelector('tfoot tr.total');
  document.documentElement.dataset.chartBars = String(bars.length);
  const tierBars = [...document.querySelectorAll('#tier-chart rect.bar')].filter((r) => { const b = r.getBBox(); return b.width > 0 && b.height > 0; });
  document.documentElement.dataset.tierBars = String(tierBars.length);
  document.documentElement.dataset.totalVisible = String(!!total && total.getBoundingClientRect().height > 0);
  document.documentElement.dataset.rendered = 'true';
});
</script>
</body>
</html>
`;
}

/** The stacked bar chart of cost: x = UTC days of the period, stacks = the report's second dimension (providers, tiers). */
function costChart(report: CostReport, id: string, dimension: 'provider' | 'capacity', label: string): string {
  const days: string[] = [];
  for (let t = Math.floor(report.since / DAY_MS) * DAY_MS; t < report.until; t += DAY_MS) days.push(day(t));
  const name = (row: CostReport['rows'][number]) => row.group[dimension] ?? (dimension === 'capacity' ? 'unknown' : '(none)');
  const series = [...new Set(report.rows.map(name))].sort();
  const cost = new Map<string, bigint>();
  for (const row of report.rows) {
    const key = `${name(row)}\u0000${row.group.day}`;
    cost.set(key, (cost.get(key) ?? 0n) + row.costNanoUsd);
  }
  return stackedBars({
    id,
    label,
    axis: 'USD per day',
    columns: days,
    columnLabel: (d) => d.slice(5),
    series,
    value: (s, d) => nanoToUsd(cost.get(`${s}\u0000${d}`) ?? 0n),
    title: (s, d, v) => `${s} ${d}: ${v.toFixed(4)} USD`,
    data: (s, d) => `data-${dimension}="${esc(s)}" data-day="${d}" data-usd="${formatNanoUsd(cost.get(`${s}\u0000${d}`) ?? 0n)}"`,
  });
}

/** Tokens per UTC hour of one capacity-billed provider: served on the capacity and spilled over, with the capacity as a line. */
function utilisationChart(line: CostReport['capacity'][number], id: string): string {
  const hours = line.hourly;
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  const capacity = hours.find((h) => h.capacityTokens !== null)?.capacityTokens ?? null;
  return stackedBars({
    id,
    label: `Tokens per hour on ${line.provider}: served on the capacity, and spilled over`,
    axis: 'tokens per hour',
    columns: hours.map((h) => h.hour),
    columnLabel: (h) => `${h.slice(5, 10)} ${h.slice(11)}h`,
    series: ['on capacity', 'spilled over'],
    value: (s, h) => {
      const hour = byHour.get(h);
      return hour === undefined ? 0 : s === 'on capacity' ? hour.tokensServed : hour.spilledTokens;
    },
    title: (s, h, v) => {
      const hour = byHour.get(h);
      const util = hour?.utilisation === null || hour?.utilisation === undefined ? '' : `, utilisation ${(hour.utilisation * 100).toFixed(1)}%`;
      return `${h}:00Z ${s}: ${v.toLocaleString('en-US')} tokens${util}`;
    },
    data: (s, h) => `data-series="${esc(s)}" data-hour="${h}"`,
    ...(capacity !== null ? { reference: { value: capacity, label: 'capacity' } } : {}),
  });
}

interface StackedBars {
  id: string;
  /** The chart's accessible name. */
  label: string;
  /** The y axis, in words. */
  axis: string;
  columns: string[];
  columnLabel(column: string): string;
  series: string[];
  value(series: string, column: string): number;
  title(series: string, column: string, value: number): string;
  /** Extra attributes of a bar. */
  data(series: string, column: string): string;
  /** A horizontal line (the capacity). */
  reference?: { value: number; label: string };
}

/** A stacked bar chart as inline SVG, with a legend. */
function stackedBars(chart: StackedBars): string {
  const totals = chart.columns.map((c) => chart.series.reduce((sum, s) => sum + chart.value(s, c), 0));
  const max = niceCeiling(Math.max(0, ...totals, chart.reference?.value ?? 0));
  const slot = Math.max(chart.columns.length > 100 ? 4 : 18, Math.min(60, Math.floor(880 / Math.max(chart.columns.length, 1))));
  const [left, top, plotHeight] = [84, 12, 260];
  const width = left + slot * chart.columns.length + 16;
  const height = top + plotHeight + 48;
  const y = (v: number) => top + plotHeight - (max === 0 ? 0 : (v / max) * plotHeight);
  const digits = max < 1 ? 4 : max < 100 ? 2 : 0;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    parts.push(`<line x1="${left}" x2="${width - 8}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#4b5563">${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}</text>`);
  }
  const every = Math.ceil(chart.columns.length / 31);
  chart.columns.forEach((column, i) => {
    let base = 0;
    chart.series.forEach((s, j) => {
      const value = chart.value(s, column);
      if (value <= 0) return;
      const [y1, y0] = [y(base + value), y(base)];
      base += value;
      const bar = Math.max(1, slot - (slot > 8 ? 6 : 1));
      parts.push(
        `<rect class="bar" x="${left + i * slot + (slot - bar) / 2}" y="${y1.toFixed(2)}" width="${bar}" height="${Math.max(0.5, y0 - y1).toFixed(2)}" fill="${COLORS[j % COLORS.length]}" ${chart.data(s, column)}><title>${esc(chart.title(s, column, value))}</title></rect>`,
      );
    });
    if (i % every === 0) parts.push(`<text x="${left + i * slot + slot / 2}" y="${top + plotHeight + 16}" text-anchor="middle" font-size="11" fill="#4b5563">${esc(chart.columnLabel(column))}</text>`);
  });
  if (chart.reference) {
    const ry = y(chart.reference.value).toFixed(1);
    parts.push(`<line class="reference" x1="${left}" x2="${width - 8}" y1="${ry}" y2="${ry}" stroke="#111827" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${width - 10}" y="${(Number(ry) - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#111827">${esc(chart.reference.label)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="#9ca3af"/>`);
  parts.push(`<text x="14" y="${top + plotHeight / 2}" font-size="11" fill="#4b5563" transform="rotate(-90 14 ${top + plotHeight / 2})" text-anchor="middle">${esc(chart.axis)}</text>`);
  const legend = chart.series.map((s, j) => `<span style="--c:${COLORS[j % COLORS.length]}">${esc(s)}</span>`).join('');
  return `<svg id="${chart.id}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(chart.label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
${parts.join('\n')}
</svg>
<figcaption class="legend">${legend}</figcaption>`;
}

/** 1, 2 or 5 times a power of ten, at least `value` (0 stays 0). */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= value) as number;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
