/** Helpers of the Prometheus text format (version 0.0.4). */

/** A label value: backslash, double quote and line feed escaped. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The `{name="value",…}` of a sample (with `extra`, such as `le="0.5"`, last), or '' for none. */
export function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  if (names.length === 0 && extra === '') return '';
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  if (extra !== '') parts.push(extra);
  return `{${parts.join(',')}}`;
}

/** A number in the text format (`+Inf`, integers without a fraction). */
export function num(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}
