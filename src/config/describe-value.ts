/**
 * How a config value is shown in an error: short scalars as written, anything else by its shape.
 * A secret (by its key, or because it came from the environment) is never shown, only its kind and length.
 */
export function describeValue(value: unknown, secret: boolean): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (secret) return `a string of ${value.length} characters (not shown: it is secret or comes from the environment)`;
    if (value === '') return 'an empty string';
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    // Credentials in a URL's user-info part are never shown.
    return JSON.stringify(shown.replace(/\/\/[^/@\s]+@/, '//***@'));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return secret ? `a ${typeof value}` : String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
