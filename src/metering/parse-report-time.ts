import { parseIsoTime } from './parse-iso-time.ts';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A report bound: a `Date`, ms since the epoch, an ISO date or date-time (UTC unless it names a zone), or a
 * span back from `now` such as `7d`, `24h`, `30m`, `2w`. Returns null when the text is none of these.
 * @example parseReportTime('7d', now) === now - 7 * 86_400_000
 */
export function parseReportTime(value: Date | number | string, now: number): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const span = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (span) return now - Number(span[1]) * UNIT_MS[span[2]];
  return parseIsoTime(value);
}
