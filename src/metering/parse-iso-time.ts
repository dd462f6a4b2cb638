/**
 * Parses an ISO date (`2025-01-31`, midnight UTC) or date-time (`2025-01-31T12:00:00Z`, `…+02:00`) to ms since
 * the epoch. A date-time without a zone is read as UTC, never as the machine's local time. Returns null when
 * the text is not an ISO date.
 */
export function parseIsoTime(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
  const normalizedZone = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : '';
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${normalizedZone}`);
  if (Number.isNaN(time)) return null;
  // Date.parse rolls 2025-02-31 over to March; reject dates that do not exist.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return time;
}
