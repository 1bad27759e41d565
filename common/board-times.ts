// Times as the boards send them, converted to the UTC ISO form the hub stores: ISO-8601 with an
// offset (Doumi), and Beijing wall-clock time without a zone (Jianzhimao, CSV exports).

const BEIJING_OFFSET_MS = 8 * 3600_000;
const WALL_CLOCK = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * `2026-11-25 09:31:07` (Beijing time; China has no daylight saving) → `2026-11-25T01:31:07.000Z`.
 * Also accepts `/` separators, single-digit month/day and a date without time (midnight), as
 * spreadsheet exports write them. Null for anything else, including impossible dates (02-30).
 */
export function beijingTimeToUtc(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
  return Number.isFinite(ms) && y >= 1970 && y <= 9999 ? new Date(ms).toISOString() : null;
}

/** ISO-8601 with `Z` or an offset → UTC ISO; null without a zone or for an impossible time. */
export function isoWithOffsetToUtc(text: unknown): string | null {
  if (typeof text !== 'string' || !ISO_WITH_OFFSET.test(text.trim())) return null;
  const date = new Date(text.trim());
  if (Number.isNaN(date.getTime())) return null;
  // Date rolls 2026-02-30 over into March: the calendar date as written must survive the parse.
  const [y, mo, d] = text.trim().slice(0, 10).split('-').map(Number) as [number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return date.toISOString();
}

/** The year of a `YYYY-MM-DD` birth date, or null when absent or not a real date. */
export function birthYearFromDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return y;
}

/** UTC (ISO or epoch ms) → Beijing wall-clock `YYYY-MM-DD HH:mm:ss`, as Jianzhimao's API expects it. */
export function utcToBeijingTime(utc: string | number | Date): string {
  const ms = new Date(utc).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(utc)}`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
