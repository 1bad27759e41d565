// At worker start: warns when the calendar's official data ends within reach of the deadlines being
// counted now, naming the year that will be provisional and what an operator can do about it.
import type { WorkdayCalendar } from '../common/workday-calendar';

/** How far ahead deadlines reach: a few working days, extensions, and holidays in between. */
export const DEADLINE_HORIZON_DAYS = 60;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The warning to log, or null while the official data reaches past the horizon. */
export function calendarWarning(calendar: WorkdayCalendar, now: Date, horizonDays = DEADLINE_HORIZON_DAYS): string | null {
  const provisionalFrom = calendar.provisionalFrom();
  if (provisionalFrom === null) return null;
  const horizon = new Date(now.getTime() + BEIJING_OFFSET_MS + horizonDays * DAY_MS).toISOString().slice(0, 10);
  if (provisionalFrom > horizon) return null;
  const { last } = calendar.coveredYears();
  const year = last + 1;
  return (
    `the working-day calendar has official holiday schedules through ${last}: deadlines in working days that reach ${provisionalFrom} or later ` +
    `are provisional, counted on the statutory public holidays of ${year} without its 调休 make-up workdays or in-lieu days off. ` +
    `Once the State Council has published ${year}'s schedule, add it under hub.calendar.additionalYears."${year}" in the hub config ` +
    `(or update the chinese-days package) and restart the worker: open candidates with provisional deadlines are then counted again`
  );
}
