// The public holidays the national holiday regulation fixes for every year (全国年节及纪念日放假办法,
// as revised with effect from 1 January 2025), for years whose State Council schedule is not known yet.
// Pure: lunar dates and the 清明 solar term come from the chinese-days package's conversions.
import { getLunarDate, getSolarTermDate } from 'chinese-days';
import { configError } from './errors';
import type { CalendarDate } from './workday-calendar';

export interface StatutoryHoliday {
  date: CalendarDate;
  name: string;
}

/** The 2025 revision (两天劳动节, 除夕 off) applies from this year; earlier years had other rules. */
export const FIRST_STATUTORY_YEAR = 2025;
/** The package's lunar tables end with 2100; the last Gregorian year whose festivals they all reach. */
export const LAST_STATUTORY_YEAR = 2099;

const DAY_MS = 86_400_000;

const isoOf = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

/**
 * The Gregorian days of a year on which a (non-leap) lunar month and day fall. The package reads a
 * `YYYY-MM-DD` string as UTC midnight and counts whole days from a fixed instant, so its lunar
 * fields do not depend on the process's time zone (its `date` field does, and is not used).
 */
function lunarDaysOf(year: number): Map<string, CalendarDate> {
  const byLunar = new Map<string, CalendarDate>();
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += DAY_MS) {
    const date = isoOf(ms);
    const lunar = getLunarDate(date);
    if (!lunar.isLeap) byLunar.set(`${lunar.lunarMon}-${lunar.lunarDay}`, date);
  }
  return byLunar;
}

/**
 * 清明: the day of the Pure Brightness solar term in April. The package computes the day of the
 * month, writes it as UTC midnight and formats that in local time, so west of UTC it answers the day
 * before. Mapping its answer back through the same conversion recovers the day in any zone.
 */
function qingmingOf(year: number): CalendarDate {
  const answered = getSolarTermDate(year, 4, 'pure_brightness');
  for (let day = 1; day <= 30; day++) {
    const local = new Date(Date.UTC(year, 3, day));
    const asPackageFormats = [local.getFullYear(), local.getMonth() + 1, local.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    if (asPackageFormats === answered) return isoOf(Date.UTC(year, 3, day));
  }
  throw configError('SolarTermUnavailable', `the calendar package gave no April day for 清明 ${year} (answered "${answered}")`, { year });
}

function required(byLunar: Map<string, CalendarDate>, month: number, day: number, name: string, year: number): CalendarDate {
  const date = byLunar.get(`${month}-${day}`);
  if (!date) throw configError('LunarDateUnavailable', `the calendar package found no ${name} (lunar ${month}/${day}) in ${year}`, { year });
  return date;
}

/** The festivals that move with the lunar calendar or the solar terms, in one Gregorian year. */
export interface MovableFestivals {
  /** 除夕: the last day of the twelfth lunar month (the 29th or the 30th). */
  chuxi: CalendarDate;
  /** 春节: the first day of the first lunar month (初一). */
  chunjie: CalendarDate;
  /** 清明: the day of the Pure Brightness solar term. */
  qingming: CalendarDate;
  /** 端午: lunar 5/5. */
  duanwu: CalendarDate;
  /** 中秋: lunar 8/15. */
  zhongqiu: CalendarDate;
}

/** The package's tables reach 1900–2100; 1901 is the first year whose 除夕 they hold. */
const FIRST_CONVERTIBLE_YEAR = 1901;

/** For any year 1901–2099 (the regulation's rules aside), from the package's conversions. */
export function movableFestivals(year: number): MovableFestivals {
  if (!Number.isInteger(year) || year < FIRST_CONVERTIBLE_YEAR || year > LAST_STATUTORY_YEAR) {
    throw configError('StatutoryYearUnsupported', `lunar festivals are known for ${FIRST_CONVERTIBLE_YEAR}–${LAST_STATUTORY_YEAR}, not ${year}`, { year });
  }
  const byLunar = lunarDaysOf(year);
  const chunjie = required(byLunar, 1, 1, '春节', year);
  return {
    // Simply the day before 初一, whatever the length of the twelfth month. 初一 always falls between
    // 21 January and 20 February, so both are in the same Gregorian year.
    chuxi: isoOf(Date.parse(chunjie) - DAY_MS),
    chunjie,
    qingming: qingmingOf(year),
    duanwu: required(byLunar, 5, 5, '端午节', year),
    zhongqiu: required(byLunar, 8, 15, '中秋节', year),
  };
}

/**
 * The holidays every citizen has by the regulation in `year`, earliest first: 元旦, 春节 from 除夕
 * to 初三 (4 days), 清明, 劳动节 (1–2 May), 端午, 中秋 and 国庆 (1–3 October). The in-lieu weekdays
 * for those on a weekend are `inLieuDays`; the 调休 make-up workdays only each year's notice places.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_STATUTORY_YEAR || year > LAST_STATUTORY_YEAR) {
    throw configError('StatutoryYearUnsupported', `statutory holidays are known for ${FIRST_STATUTORY_YEAR}–${LAST_STATUTORY_YEAR}, not ${year}`, { year });
  }
  const f = movableFestivals(year);
  const chunjie = Date.parse(f.chunjie);
  const days: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    { date: f.chuxi, name: '春节 (除夕)' },
    { date: f.chunjie, name: '春节 (初一)' },
    { date: isoOf(chunjie + DAY_MS), name: '春节 (初二)' },
    { date: isoOf(chunjie + 2 * DAY_MS), name: '春节 (初三)' },
    { date: f.qingming, name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: f.duanwu, name: '端午节' },
    { date: f.zhongqiu, name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  // 中秋 can fall on a 国庆 day (3 Oct 2028, 1 Oct 2031): listed once. Whether such a year gets a day
  // off elsewhere instead is, like in-lieu days, for its notice to say.
  const unique = new Map<string, StatutoryHoliday>();
  for (const day of days) if (!unique.has(day.date)) unique.set(day.date, day);
  return [...unique.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const weekdayOf = (date: CalendarDate) => new Date(Date.parse(date)).getUTCDay();
const isWeekend = (date: CalendarDate) => weekdayOf(date) === 0 || weekdayOf(date) === 6;

/**
 * The regulation's article 6: a holiday that falls on a Saturday or Sunday is given back on a
 * working day (补假). Each is placed on the first Monday–Friday after it that is neither a holiday
 * nor already given back, which is where every State Council notice since 2008 has put them when it
 * did not also move weekends (调休). A provisional year therefore never has fewer days off than the
 * law grants, so a deadline counted on it is never earlier than the official one would be for that reason.
 */
export function inLieuDays(holidays: readonly StatutoryHoliday[]): StatutoryHoliday[] {
  const off = new Set(holidays.map((h) => h.date));
  const given: StatutoryHoliday[] = [];
  for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(holiday.date)) continue;
    let ms = Date.parse(holiday.date) + DAY_MS;
    while (isWeekend(isoOf(ms)) || off.has(isoOf(ms))) ms += DAY_MS;
    off.add(isoOf(ms));
    given.push({ date: isoOf(ms), name: `${holiday.name} 补假` });
  }
  return given;
}

/** Every day off the regulation fixes in `year`: the holidays and the weekdays given back for them. */
export function statutoryDaysOff(year: number): StatutoryHoliday[] {
  const holidays = statutoryHolidays(year);
  return [...holidays, ...inLieuDays(holidays)].sort((a, b) => a.date.localeCompare(b.date));
}
