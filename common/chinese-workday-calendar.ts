// The Chinese working-day calendar (public holidays and 调休 make-up workdays), read from the data
// of the `chinese-days` package. After that data ends it answers provisionally, on the statutory
// holidays alone (./statutory-holidays.ts); before it, it fails closed.
import bundledData from 'chinese-days/dist/chinese-days.json';
import { configError, invalidError } from './errors';
import { FIRST_STATUTORY_YEAR, LAST_STATUTORY_YEAR, statutoryDaysOff } from './statutory-holidays';
import type { CalendarDate, WorkdayCalendar } from './workday-calendar';

/** The shape of `chinese-days/dist/chinese-days.json`: dates `YYYY-MM-DD` → "English,中文,days". */
export interface ChineseDaysData {
  /** Days off: public holidays and the weekend/in-lieu days folded into them. */
  holidays: Record<string, string>;
  /** 调休 make-up workdays: weekend days on which people work. */
  workdays: Record<string, string>;
  /** Weekdays given off in lieu (also listed in `holidays`); not needed to tell work from rest. */
  inLieuDays: Record<string, string>;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One year's official schedule as an operator enters it: days off, and 调休 weekend days worked. */
export interface AdditionalYear {
  holidays: string[];
  workdays: string[];
}

/**
 * From this day of December, the last covered year depends on the next year's schedule too: the
 * next New Year's holiday can reach back into late December (2018-12-31 off and 2018-12-29 worked
 * were set by the 2019 notice; 2007-12-29, 2006-12-30/31 and 2011-12-31 likewise). A week's margin
 * before the earliest such day seen (Dec 29) covers any weekend adjacent to New Year.
 */
const NEXT_YEAR_DECIDES_FROM_DECEMBER_DAY = 25;

function parseCalendarDate(date: CalendarDate): { year: number; month: number; day: number; weekday: number } {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // Date.UTC, not the local zone: the weekday of a calendar date must not depend on the TZ of the
    // process (the package's own isWorkday reads such strings as UTC midnight but takes the weekday
    // in local time, so west of UTC it answers for the day before).
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) {
      return { year, month, day, weekday: utc.getUTCDay() };
    }
  }
  throw invalidError('InvalidCalendarDate', `"${date}" is not a calendar date written YYYY-MM-DD`, { date });
}

export class ChineseWorkdayCalendar implements WorkdayCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly first: number;
  private readonly last: number;
  /** Statutory days off of the years after the data, computed on first use. */
  private readonly statutory = new Map<number, ReadonlySet<CalendarDate>>();

  /**
   * @param data the package's data by default; a newer official schedule can be handed in the same
   *   shape before the package ships it.
   * @param source named in errors, so a person knows which data lacks the year.
   */
  constructor(
    private readonly data: ChineseDaysData = bundledData as ChineseDaysData,
    private readonly source = 'chinese-days',
  ) {
    // A year is covered when its schedule is in the data, which always lists that year's public
    // holidays. Every year has some (New Year's Day at least), so a year with none is unknown: the
    // package itself would silently treat it as plain Monday–Friday weeks.
    const years = new Set(Object.keys(data.holidays).map((date) => parseCalendarDate(date).year));
    if (years.size === 0) throw configError('CalendarDataEmpty', `${source} lists no public holidays`);
    const sorted = [...years].sort((a, b) => a - b);
    this.first = sorted[0]!;
    this.last = sorted[sorted.length - 1]!;
    for (let year = this.first; year <= this.last; year++) {
      // A gap would make coveredYears() claim a year the data does not have.
      if (!years.has(year)) {
        throw configError('CalendarDataIncomplete', `${source} has holidays for ${this.first}–${this.last} but none for ${year}`, { year });
      }
    }
    this.years = years;
  }

  /**
   * The package's data plus years an operator entered in the hub config (hub.calendar.additionalYears),
   * for when the State Council has published a year's schedule and the package has not caught up.
   */
  static withAdditionalYears(additional: Record<string, AdditionalYear>): ChineseWorkdayCalendar {
    const base = bundledData as ChineseDaysData;
    if (Object.keys(additional).length === 0) return new ChineseWorkdayCalendar(base);
    const data: ChineseDaysData = { holidays: { ...base.holidays }, workdays: { ...base.workdays }, inLieuDays: { ...base.inLieuDays } };
    for (const [year, schedule] of Object.entries(additional)) {
      for (const date of [...schedule.holidays, ...schedule.workdays]) {
        // A year's notice may also set days in late December before it (its New Year arrangement).
        if (!date.startsWith(`${year}-`) && !isLateDecemberBefore(date, Number(year))) {
          throw configError('CalendarDateOutsideYear', `hub.calendar.additionalYears.${year}: ${date} is neither in ${year} nor in the last week of ${Number(year) - 1}`);
        }
        parseCalendarDate(date);
      }
      schedule.holidays.forEach((date) => (data.holidays[date] = 'hub config'));
      schedule.workdays.forEach((date) => (data.workdays[date] = 'hub config'));
    }
    return new ChineseWorkdayCalendar(data, `chinese-days + hub.calendar.additionalYears (${Object.keys(additional).join(', ')})`);
  }

  coveredYears(): { first: number; last: number } {
    return { first: this.first, last: this.last };
  }

  /** From late December of the last covered year: the next year's notice can still move those days. */
  provisionalFrom(): CalendarDate {
    return `${this.last}-12-${NEXT_YEAR_DECIDES_FROM_DECEMBER_DAY}`;
  }

  isProvisional(date: CalendarDate): boolean {
    parseCalendarDate(date);
    // Same-width YYYY-MM-DD strings compare as the dates they name.
    return date >= this.provisionalFrom();
  }

  isWorkday(date: CalendarDate): boolean {
    const { year, weekday } = parseCalendarDate(date);
    // Before the data, or after it in a year the statutory rule does not describe: no answer.
    if (year < this.first || year > LAST_STATUTORY_YEAR || (year > this.last && year < FIRST_STATUTORY_YEAR)) this.notCovered(year, date);
    // The same rule as the package, on its data: a make-up workday is worked whatever the weekday;
    // otherwise Monday–Friday are worked unless listed as a holiday. Late December of the last
    // covered year is answered from the data too (no statutory holiday falls in it), provisionally.
    if (year <= this.last) {
      if (this.data.workdays[date] !== undefined) return true;
      return weekday >= 1 && weekday <= 5 && this.data.holidays[date] === undefined;
    }
    // A year after the data: the statutory holidays and their in-lieu weekdays, no 调休 (only the
    // year's notice places those).
    return weekday >= 1 && weekday <= 5 && !this.statutoryDaysOff(year).has(date);
  }

  private statutoryDaysOff(year: number): ReadonlySet<CalendarDate> {
    let days = this.statutory.get(year);
    if (!days) {
      days = new Set(statutoryDaysOff(year).map((h) => h.date));
      this.statutory.set(year, days);
    }
    return days;
  }

  private notCovered(year: number, date: string): never {
    throw configError(
      'CalendarYearNotCovered',
      `the working-day calendar (${this.source}) cannot answer for ${year}, needed for ${date}: ` +
        `its official data covers ${this.first}–${this.last}, and after that it answers provisionally on the statutory holidays of ${FIRST_STATUTORY_YEAR}–${LAST_STATUTORY_YEAR}`,
      { year, date, first: this.first, last: this.last },
    );
  }
}

/** Whether `date` (YYYY-MM-DD) is in the window of December before `year` that its notice may set. */
function isLateDecemberBefore(date: string, year: number): boolean {
  return date.startsWith(`${year - 1}-12-`) && Number(date.slice(8, 10)) >= NEXT_YEAR_DECIDES_FROM_DECEMBER_DAY;
}
