// Time formats the boards use (see ../shared/specs/job-boards.md "Times"): Doumi ISO-8601 with
// the +08:00 offset, Jianzhimao Beijing wall time `YYYY-MM-DD HH:mm:ss` with no zone.

const BEIJING_OFFSET_MS = 8 * 3600_000;

function beijingParts(ms: number): { date: string; time: string } {
  const iso = new Date(ms + BEIJING_OFFSET_MS).toISOString(); // UTC fields now hold Beijing time
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** `2026-11-25T09:30:00+08:00` */
export function toDoumiTime(ms: number): string {
  const { date, time } = beijingParts(ms);
  return `${date}T${time}+08:00`;
}

/** `2026-11-25 09:30:00` in Beijing time. */
export function toBeijingText(ms: number): string {
  const { date, time } = beijingParts(ms);
  return `${date} ${time}`;
}

/** Parses `YYYY-MM-DD HH:mm:ss` as Beijing time; undefined when it is not that shape. */
export function parseBeijingText(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - BEIJING_OFFSET_MS;
  // Reject calendar nonsense such as 2026-02-30 (Date.UTC would roll it over).
  return toBeijingText(ms) === text ? ms : undefined;
}
