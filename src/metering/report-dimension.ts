/**
 * A dimension a cost report can group by: `provider` (config id), `model` (the served model version, else the
 * model sent), `alias`, `day` (UTC date, `YYYY-MM-DD`) or `tag:<name>` (the value of one metering tag).
 */
export type ReportDimension = 'provider' | 'model' | 'alias' | 'day' | `tag:${string}`;

const PLAIN = new Set(['provider', 'model', 'alias', 'day']);

/** True when `value` is a valid report dimension (a tag name may not contain `"` or `\`). */
export function isReportDimension(value: string): value is ReportDimension {
  if (PLAIN.has(value)) return true;
  return /^tag:[^"\\]+$/.test(value);
}

/** The tag name of a `tag:<name>` dimension, or null for the other dimensions. */
export function tagName(dimension: ReportDimension): string | null {
  return dimension.startsWith('tag:') ? dimension.slice(4) : null;
}
