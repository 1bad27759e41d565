// Deadline arithmetic in Beijing time (Asia/Shanghai): "N working days", "N calendar days" or plain
// hours/minutes/seconds from a moment, plus the reminder instants before a deadline. Pure: no clock,
// no I/O; the calendar is handed in.
// Types only: the units are written as literals so this module pulls in no zod at run time.
import type { DeadlineSpec } from './config-schema';
import { configError, invalidError } from './errors';
import type { WorkdayCalendar } from './workday-calendar';

const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** China has kept UTC+8 all year since 1991, so a fixed offset is exact for any date we handle. */
const BEIJING_OFFSET_MS = 8 * MS.hour;

/**
 * Longest run of days off we accept before concluding the calendar is broken. The real longest is
 * about 9 days (Spring Festival 2026); a calendar that never answers "workday" must not loop forever.
 */
const MAX_DAYS_WITHOUT_WORKDAY = 366;

// An explicit zone is required: without one, Date.parse reads the time in the zone of whichever
// machine runs it, and the same input would give different deadlines on different workers.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `YYYY-MM-DD` names a real day (V8's Date.parse quietly rolls 02-30 over to March). */
function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseInstant(iso: string, what: string): number {
  const ms = INSTANT_PATTERN.test(iso) && isRealDate(iso.slice(0, 10)) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw invalidError('InvalidInstant', `${what} "${iso}" is not an ISO-8601 instant with a zone (e.g. 2026-09-30T10:00:00Z)`, { [what]: iso });
  }
  return ms;
}

/** Days since 1970-01-01 of the Beijing calendar day that contains the instant. */
function beijingDayNumber(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / MS.day);
}

/** The Beijing calendar day `YYYY-MM-DD` for a day number. */
function beijingDate(dayNumber: number): string {
  return new Date(dayNumber * MS.day).toISOString().slice(0, 10);
}

/** The instant at which the given Beijing day ends (24:00 Beijing, 16:00 UTC). */
function endOfBeijingDay(dayNumber: number): number {
  return (dayNumber + 1) * MS.day - BEIJING_OFFSET_MS;
}

/**
 * The deadline `spec` after `fromIso`, as an ISO UTC string.
 *
 * - `workingDays` N: the end (24:00 Beijing) of the N-th working day strictly after the Beijing day
 *   of `from` — told on any day, the clock starts the next day, so "3 working days" always means
 *   three whole working days.
 * - `calendarDays` N: the end of the N-th calendar day after the Beijing day of `from`.
 * - `hours` / `minutes` / `seconds` N: exactly `from` + N of them.
 *
 * Throws CalendarYearNotCovered (from the calendar) when the count runs into a day it cannot answer
 * for; `isDeadlineProvisional` tells whether the days counted were official.
 */
export function computeDeadline(fromIso: string, spec: DeadlineSpec, calendar: WorkdayCalendar): string {
  const from = parseInstant(fromIso, 'from');
  const { amount, unit } = spec;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw configError('InvalidDeadlineSpec', `a deadline amount must be a positive whole number, got ${amount}`, { spec });
  }
  switch (unit) {
    case 'seconds':
      return new Date(from + amount * MS.second).toISOString();
    case 'minutes':
      return new Date(from + amount * MS.minute).toISOString();
    case 'hours':
      return new Date(from + amount * MS.hour).toISOString();
    case 'calendarDays':
      return new Date(endOfBeijingDay(beijingDayNumber(from) + amount)).toISOString();
    case 'workingDays': {
      let day = beijingDayNumber(from);
      let counted = 0;
      let daysOff = 0;
      while (counted < amount) {
        day += 1;
        const date = beijingDate(day);
        if (calendar.isWorkday(date)) {
          counted += 1;
          daysOff = 0;
        } else if (++daysOff > MAX_DAYS_WITHOUT_WORKDAY) {
          throw configError('CalendarHasNoWorkdays', `the working-day calendar has no working day in the ${MAX_DAYS_WITHOUT_WORKDAY} days up to ${date}`);
        }
      }
      return new Date(endOfBeijingDay(day)).toISOString();
    }
    default: {
      const unknown: never = unit;
      throw configError('InvalidDeadlineSpec', `unknown deadline unit "${String(unknown)}"`, { spec });
    }
  }
}

/**
 * Whether a deadline computed by `computeDeadline` with this unit may still move: a working-day
 * count that ended on a provisional calendar day. Provisional days come after all official ones
 * (see WorkdayCalendar), so the last day counted decides: the Beijing day that ends at the deadline.
 * Plain time and calendar days never consult the calendar.
 */
export function isDeadlineProvisional(deadlineIso: string, unit: DeadlineSpec['unit'], calendar: WorkdayCalendar): boolean {
  if (unit !== 'workingDays') return false;
  const lastDay = beijingDayNumber(parseInstant(deadlineIso, 'deadline') - 1);
  return calendar.isProvisional(beijingDate(lastDay));
}

/**
 * The instants at which to remind before a deadline: `deadline − offset` for each offset (ms),
 * keeping only those strictly after `from` (a reminder that would already be due is dropped, not
 * sent late), without duplicates, earliest first, as ISO UTC strings.
 */
export function remindersBefore(deadlineIso: string, offsetsMs: number[], fromIso: string): string[] {
  const deadline = parseInstant(deadlineIso, 'deadline');
  const from = parseInstant(fromIso, 'from');
  const instants = new Set<number>();
  for (const offset of offsetsMs) {
    if (!Number.isFinite(offset) || offset < 0) {
      throw configError('InvalidReminderOffset', `a reminder offset must be a non-negative number of milliseconds, got ${offset}`, { offset });
    }
    const at = deadline - offset;
    if (at > from) instants.add(at);
  }
  return [...instants].sort((a, b) => a - b).map((ms) => new Date(ms).toISOString());
}
