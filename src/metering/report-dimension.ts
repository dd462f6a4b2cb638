/**
 * A dimension a cost report can group by: `provider` (config id), `model` (the served model version, else the
 * model sent), `alias`, `day` (UTC date, `YYYY-MM-DD`), `hour` (UTC, `YYYY-MM-DDTHH`), `capacity` (the tier that
 * served: `provisioned`, `spillover`, `on-demand`, `priority`, `flex`, `standard`, or null when unknown) or
 * `tag:<name>` (the value of one metering tag).
 */
export type ReportDimension = 'provider' | 'model' | 'alias' | 'day' | 'hour' | 'capacity' | `tag:${string}`;

/** The dimensions other than tags, for messages. */
export const PLAIN_REPORT_DIMENSIONS: readonly string[] = ['provider', 'model', 'alias', 'day', 'hour', 'capacity'];

const PLAIN = new Set(PLAIN_REPORT_DIMENSIONS);

/** True when `value` is a valid report dimension (a tag name may not contain `"` or `\`). */
export function isReportDimension(value: string): value is ReportDimension {
  if (PLAIN.has(value)) return true;
  return /^tag:[^"\\]+$/.test(value);
}

/** The tag name of a `tag:<name>` dimension, or null for the other dimensions. */
export function tagName(dimension: ReportDimension): string | null {
  return dimension.startsWith('tag:') ? dimension.slice(4) : null;
}
