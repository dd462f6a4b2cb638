import type { PinsRow } from './build-pins-report.ts';

const HEADERS = ['ALIAS', 'PROVIDER', 'API VERSION', 'SURFACE', 'MODEL', 'PIN', 'LAST SERVED', 'RETIRES', 'DAYS LEFT'] as const;

/**
 * Formats `switchyard pins` rows as a plain-text table (one line per target, columns padded to the widest
 * cell, `-` for none), followed by every problem, numbered per target. No colours, so it reads the same in CI logs.
 */
export function formatPinsTable(rows: readonly PinsRow[]): string {
  if (rows.length === 0) return 'No aliases in the config (models: is empty).\n';
  const cells = rows.map((r) => [r.alias, r.provider, r.apiVersion ?? '-', r.surface ?? '-', r.model, r.pin ?? '-', r.lastServed ?? '-', r.retiresOn ?? '-', r.daysLeft === null ? '-' : String(r.daysLeft)]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(HEADERS), ...cells.map(line)];
  const problems = rows.flatMap((r) => r.problems.map((p) => `  ${r.alias} ${r.provider}/${r.model}: ${p}`));
  out.push('', problems.length === 0 ? 'No problems found.' : `Problems (${problems.length}):`, ...problems);
  return `${out.join('\n')}\n`;
}
