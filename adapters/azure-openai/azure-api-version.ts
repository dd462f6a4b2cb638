/** An Azure OpenAI api-version as Switchyard reads it. */
export interface AzureApiVersion {
  /** The string as configured; it is what reaches the URL. */
  value: string;
  /**
   * `classic`: a dated version (`2024-10-21`, `2025-04-01-preview`), deployment in the path,
   * `?api-version=` on every request. `v1`: the v1 API (`v1` or `preview`), deployment in the body's `model`.
   */
  style: 'classic' | 'v1';
  /** `ga` for dated GA versions and `v1`; `preview` for `-preview` versions and `preview`. */
  channel: 'ga' | 'preview';
  /** The date of a dated version, `YYYY-MM-DD`; undefined for `v1` and `preview`. */
  date?: string;
}

const DATED = /^(\d{4}-\d{2}-\d{2})(-preview)?$/;

/** True when `date` (`YYYY-MM-DD`) is a day of the calendar: `2024-02-29` is, `2024-13-45` and `2023-02-29` are not. */
export function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/**
 * Parses an api-version: `YYYY-MM-DD`, `YYYY-MM-DD-preview` (a real calendar date), `v1` or `preview`.
 * Returns undefined for anything else, `2024-13-45` included (the caller turns that into a `ConfigError`).
 * @example parseAzureApiVersion('2024-08-01-preview') // { value, style: 'classic', channel: 'preview', date: '2024-08-01' }
 */
export function parseAzureApiVersion(value: string): AzureApiVersion | undefined {
  if (value === 'v1') return { value, style: 'v1', channel: 'ga' };
  if (value === 'preview') return { value, style: 'v1', channel: 'preview' };
  const match = DATED.exec(value);
  if (!match || !isCalendarDate(match[1] as string)) return undefined;
  return { value, style: 'classic', channel: match[2] ? 'preview' : 'ga', date: match[1] as string };
}
