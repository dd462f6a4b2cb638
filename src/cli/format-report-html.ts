import type { CostReport } from '../metering/cost-report-types.ts';
import { formatNanoUsd, nanoToUsd } from '../metering/nano-usd.ts';
import { reportColumns } from './report-columns.ts';

const COLORS = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626', '#4b5563', '#65a30d'];
const DAY_MS = 86_400_000;

/**
 * The report as one self-contained HTML page (no external resources): the totals, an inline SVG chart of
 * cost per provider per day (stacked bars, from `byProviderDay`, a report grouped by provider and day), and the
 * report's table. A small inline script marks the page `data-rendered` once the browser has laid the chart out,
 * which is what the headless-browser test checks.
 */
export function formatReportHtml(report: CostReport, byProviderDay: CostReport): string {
  const title = `Switchyard cost report, ${day(report.since)} to ${day(report.until)}`;
  const columns = reportColumns(report, true);
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${esc(c.title)}</th>`).join('');
  const cells = (row: CostReport['total'], total: boolean) => columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${esc(c.table(row, total))}</td>`).join('');
  const body = report.rows.map((row) => `<tr>${cells(row, false)}</tr>`).join('\n');
  const warnings = report.warnings.map((w) => `<p class="warning">${esc(w)}</p>`).join('\n');
  const capacity = report.capacity
    .map((c) => `<li>${esc(c.provider)} (${c.billing}): ${formatNanoUsd(c.costNanoUsd, 2)} USD for ${c.hours.toFixed(1)} h, ${c.tokensServed.toLocaleString('en-US')} tokens served${c.utilisation === null ? '' : `, utilisation ${(c.utilisation * 100).toFixed(1)}%`}</li>`)
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
${chart(byProviderDay)}
</figure>
<table id="report-table">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr class="total">${cells(report.total, true)}</tr></tfoot>
</table>
${capacity ? `<h2>Capacity billing</h2>\n<ul>\n${capacity}\n</ul>` : ''}
${warnings}
<script>
addEventListener('load', () => {
  const bars = [...document.querySelectorAll('#cost-chart rect.bar')].filter((r) => { const b = r.getBBox(); return b.width > 0 && b.height > 0; });
  const total = document.querySelector('tfoot tr.total');
  document.documentElement.dataset.chartBars = String(bars.length);
  document.documentElement.dataset.totalVisible = String(!!total && total.getBoundingClientRect().height > 0);
  document.documentElement.dataset.rendered = 'true';
});
</script>
</body>
</html>
`;
}

/** The stacked bar chart: x = UTC days of the period, stacks = providers, y = total cost that day. */
function chart(report: CostReport): string {
  const days: string[] = [];
  for (let t = Math.floor(report.since / DAY_MS) * DAY_MS; t < report.until; t += DAY_MS) days.push(day(t));
  const providers = [...new Set(report.rows.map((r) => r.group.provider ?? '(none)'))].sort();
  const cost = new Map<string, bigint>();
  for (const row of report.rows) cost.set(`${row.group.provider ?? '(none)'}\u0000${row.group.day}`, row.costNanoUsd);
  const dayTotals = days.map((d) => providers.reduce((sum, p) => sum + (cost.get(`${p}\u0000${d}`) ?? 0n), 0n));
  const max = niceCeiling(Math.max(0, ...dayTotals.map(nanoToUsd)));
  const slot = Math.max(18, Math.min(60, Math.floor(880 / Math.max(days.length, 1))));
  const [left, top, plotHeight] = [72, 12, 260];
  const width = left + slot * days.length + 16;
  const height = top + plotHeight + 48;
  const y = (usd: number) => top + plotHeight - (max === 0 ? 0 : (usd / max) * plotHeight);
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    parts.push(`<line x1="${left}" x2="${width - 8}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#4b5563">${value.toFixed(max < 1 ? 4 : 2)}</text>`);
  }
  days.forEach((d, i) => {
    let base = 0;
    providers.forEach((p, j) => {
      const nano = cost.get(`${p}\u0000${d}`) ?? 0n;
      if (nano <= 0n) return;
      const usd = nanoToUsd(nano);
      const [y1, y0] = [y(base + usd), y(base)];
      base += usd;
      parts.push(
        `<rect class="bar" x="${left + i * slot + 3}" y="${y1.toFixed(2)}" width="${slot - 6}" height="${Math.max(0.5, y0 - y1).toFixed(2)}" fill="${COLORS[j % COLORS.length]}" data-provider="${esc(p)}" data-day="${d}" data-usd="${formatNanoUsd(nano)}"><title>${esc(p)} ${d}: ${formatNanoUsd(nano, 4)} USD</title></rect>`,
      );
    });
    if (days.length <= 31 || i % Math.ceil(days.length / 31) === 0) {
      parts.push(`<text x="${left + i * slot + slot / 2}" y="${top + plotHeight + 16}" text-anchor="middle" font-size="11" fill="#4b5563">${d.slice(5)}</text>`);
    }
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="#9ca3af"/>`);
  parts.push(`<text x="14" y="${top + plotHeight / 2}" font-size="11" fill="#4b5563" transform="rotate(-90 14 ${top + plotHeight / 2})" text-anchor="middle">USD per day</text>`);
  const legend = providers.map((p, j) => `<span style="--c:${COLORS[j % COLORS.length]}">${esc(p)}</span>`).join('');
  return `<svg id="cost-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Cost per provider per day" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
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
