// The Chinese working-day calendar and deadline arithmetic. Expected values are written out by hand
// from the State Council schedules (as the chinese-days package encodes them), never recomputed
// with the code under test.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import packageData from 'chinese-days/dist/chinese-days.json';
import { ChineseWorkdayCalendar, type ChineseDaysData } from '../common/chinese-workday-calendar';
import { createDeadlineActivities } from '../activities/deadline-activities';
import { computeDeadline, isDeadlineProvisional, remindersBefore } from '../common/deadlines';
import { HubError } from '../common/errors';
import type { WorkdayCalendar } from '../common/workday-calendar';

const calendar = new ChineseWorkdayCalendar();
const data = packageData as ChineseDaysData;
const HOUR = 3_600_000;
const ROOT = join(__dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Stdout of a program run with the given TZ, from the project root. */
function inZone(zone: string, program: string, args: string[]): string {
  return execFileSync(program, args, { cwd: ROOT, env: { ...process.env, TZ: zone }, encoding: 'utf8' });
}

/** The error a call throws, so its kind, code and details can be checked. */
function thrown(fn: () => unknown): HubError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    return error as HubError;
  }
  throw new Error('expected the call to throw');
}

describe('the package data', () => {
  it('covers exactly 2004–2026: every year in it has holidays, make-up workdays and in-lieu days', () => {
    const yearsOf = (map: Record<string, string>) => [...new Set(Object.keys(map).map((d) => Number(d.slice(0, 4))))].sort();
    const expected = Array.from({ length: 23 }, (_, i) => 2004 + i);
    expect(yearsOf(data.holidays)).toEqual(expected);
    expect(yearsOf(data.workdays)).toEqual(expected);
    expect(yearsOf(data.inLieuDays)).toEqual(expected);
    expect(calendar.coveredYears()).toEqual({ first: 2004, last: 2026 });
  });

  it('encodes the 2026 National Day schedule: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked', () => {
    for (const day of ['01', '02', '03', '04', '05', '06', '07']) expect(data.holidays[`2026-10-${day}`]).toMatch(/国庆节/);
    expect(data.workdays['2026-09-20']).toMatch(/国庆节/);
    expect(data.workdays['2026-10-10']).toMatch(/国庆节/);
    // 中秋 Sep 25–27 is its own three days off, just before.
    for (const day of ['25', '26', '27']) expect(data.holidays[`2026-09-${day}`]).toMatch(/中秋/);
  });
});

describe('ChineseWorkdayCalendar.isWorkday', () => {
  it('knows the 2026 National Day holiday and its make-up days', () => {
    expect(calendar.isWorkday('2026-09-30')).toBe(true); // Wednesday
    expect(calendar.isWorkday('2026-10-01')).toBe(false); // Thursday, 国庆
    expect(calendar.isWorkday('2026-10-05')).toBe(false); // Monday, 国庆
    expect(calendar.isWorkday('2026-10-07')).toBe(false); // Wednesday, in lieu
    expect(calendar.isWorkday('2026-10-08')).toBe(true); // Thursday
    expect(calendar.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休
    expect(calendar.isWorkday('2026-10-11')).toBe(false); // Sunday
    expect(calendar.isWorkday('2026-09-20')).toBe(true); // Sunday, 调休
  });

  it('treats an ordinary week as Monday–Friday', () => {
    expect(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'].map((d) => calendar.isWorkday(d))).toEqual([true, true, true, true, true]);
    expect(calendar.isWorkday('2026-03-14')).toBe(false); // Saturday
    expect(calendar.isWorkday('2026-03-15')).toBe(false); // Sunday
  });

  it('agrees with the package on every covered day, where the package itself is right', () => {
    // The package builds its tables and reads dates in the process's local zone, so it is only
    // right at or east of UTC; ask it in a child process on Beijing time, whatever zone this runs in
    // (jest gives each test file its own copy of process.env, so TZ cannot be switched in-process).
    const script = `
      const { isWorkday } = require('chinese-days');
      const worked = [];
      for (let d = new Date(2004, 0, 1); d < new Date(2026, 11, 25); d.setDate(d.getDate() + 1)) {
        if (isWorkday(new Date(d))) worked.push([d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-'));
      }
      process.stdout.write(JSON.stringify(worked));`;
    const pkgWorked = new Set<string>(JSON.parse(inZone('Asia/Shanghai', process.execPath, ['-e', script])));
    expect(pkgWorked.size).toBeGreaterThan(5000);
    const disagreements: string[] = [];
    for (let ms = Date.UTC(2004, 0, 1); ms < Date.UTC(2026, 11, 25); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (calendar.isWorkday(iso) !== pkgWorked.has(iso)) disagreements.push(iso);
    }
    expect(disagreements).toEqual([]);
  });

  it('does not depend on the time zone of the process', () => {
    const script = `
      import { ChineseWorkdayCalendar } from './common/chinese-workday-calendar';
      import { computeDeadline } from './common/deadlines';
      const c = new ChineseWorkdayCalendar();
      process.stdout.write(JSON.stringify([c.isWorkday('2026-10-12'), c.isWorkday('2026-10-11'),
        computeDeadline('2026-09-30T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, c),
        c.isWorkday('2027-04-05'), c.isWorkday('2027-04-06')]));`;
    // West of UTC the package itself answers for the day before (Mon Oct 12 reads as a Sunday), and
    // its solar terms would put 清明 2027 (Mon Apr 5, statutory rule) on the Sunday.
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      expect(JSON.parse(inZone(zone, TSX, ['-e', script]))).toEqual([true, false, '2026-10-10T16:00:00.000Z', false, true]);
    }
  });

  it('answers a year the data lacks on the statutory holidays and their in-lieu weekdays, without 调休 (春节 2027: 除夕 Fri Feb 5 to 初三 Mon Feb 8, 初一 and 初二 given back Tue 9 and Wed 10)', () => {
    expect(calendar.isWorkday('2027-01-01')).toBe(false); // Friday, 元旦
    expect(calendar.isWorkday('2027-01-04')).toBe(true); // Monday
    expect(calendar.isWorkday('2027-02-04')).toBe(true); // Thursday
    expect(calendar.isWorkday('2027-02-05')).toBe(false); // Friday, 除夕
    expect(calendar.isWorkday('2027-02-08')).toBe(false); // Monday, 初三
    expect(calendar.isWorkday('2027-02-09')).toBe(false); // Tuesday, 初一 (a Saturday) given back (article 6)
    expect(calendar.isWorkday('2027-02-10')).toBe(false); // Wednesday, 初二 (a Sunday) given back
    expect(calendar.isWorkday('2027-02-11')).toBe(true); // Thursday
    expect(calendar.isWorkday('2027-05-03')).toBe(false); // Monday, 劳动节 on Saturday given back
    expect(calendar.isWorkday('2027-05-06')).toBe(true); // Thursday
    expect(calendar.isWorkday('2027-02-06')).toBe(false); // Saturday: no 调休 make-up workday is guessed
    expect(calendar.isWorkday('2027-10-02')).toBe(false); // Saturday (国庆), weekends as ever
    expect(calendar.isWorkday('2027-10-04')).toBe(false); // Monday, 国庆 on Saturday given back
    expect(calendar.isWorkday('2027-10-06')).toBe(true);
  });

  it('still fails closed before the data and after the lunar tables, naming the year', () => {
    const before = thrown(() => calendar.isWorkday('2003-06-02'));
    expect(before).toMatchObject({ kind: 'config', code: 'CalendarYearNotCovered', details: { year: 2003 } });
    expect(before.message).toContain('2003');
    expect(thrown(() => calendar.isWorkday('2100-03-01'))).toMatchObject({ code: 'CalendarYearNotCovered', details: { year: 2100 } });
  });

  it('answers the last days of December 2026 from the 2026 data, provisionally: 2027\'s New Year arrangement can still move them', () => {
    expect(calendar.isWorkday('2026-12-24')).toBe(true); // Thursday
    expect(calendar.isProvisional('2026-12-24')).toBe(false);
    expect(calendar.isWorkday('2026-12-28')).toBe(true); // Monday
    expect(calendar.isWorkday('2026-12-26')).toBe(false); // Saturday
    expect(calendar.provisionalFrom()).toBe('2026-12-25');
    for (const date of ['2026-12-25', '2026-12-31', '2027-01-04', '2099-12-31']) expect([date, calendar.isProvisional(date)]).toEqual([date, true]);
    for (const date of ['2004-01-01', '2026-10-10']) expect([date, calendar.isProvisional(date)]).toEqual([date, false]);
  });

  it('turns a year official once its schedule is in hub.calendar.additionalYears, late December before it included', () => {
    // The shape of the 2019 notice: 2018-12-30 to 2019-01-01 off, Saturday 2018-12-29 worked.
    const extended = ChineseWorkdayCalendar.withAdditionalYears({
      '2027': { holidays: ['2026-12-31', '2027-01-01', '2027-02-05', '2027-02-09'], workdays: ['2026-12-26'] },
    });
    expect(extended.coveredYears()).toEqual({ first: 2004, last: 2027 });
    expect(extended.provisionalFrom()).toBe('2027-12-25');
    expect(extended.isProvisional('2026-12-28')).toBe(false);
    expect(extended.isProvisional('2027-12-27')).toBe(true);
    expect(extended.isWorkday('2026-12-26')).toBe(true); // Saturday, 调休
    expect(extended.isWorkday('2026-12-31')).toBe(false); // Thursday, off by the 2027 notice
    expect(extended.isWorkday('2027-02-09')).toBe(false); // Tuesday, off by the notice
    expect(extended.isWorkday('2027-02-08')).toBe(true); // the statutory rule no longer applies to 2027
    expect(thrown(() => ChineseWorkdayCalendar.withAdditionalYears({ '2027': { holidays: ['2026-12-20'], workdays: [] } }))).toMatchObject({
      kind: 'config',
      code: 'CalendarDateOutsideYear',
    });
  });

  it('rejects something that is not a YYYY-MM-DD date', () => {
    for (const bad of ['2026-9-1', '2026-02-30', '2026-10-01T00:00:00Z', '']) {
      expect(thrown(() => calendar.isWorkday(bad))).toMatchObject({ kind: 'invalid', code: 'InvalidCalendarDate' });
    }
  });

  it('accepts newer data in the same shape, and refuses data with a gap in its years', () => {
    const with2027: ChineseDaysData = {
      holidays: { ...data.holidays, '2027-01-01': "New Year's Day,元旦,1" },
      workdays: data.workdays,
      inLieuDays: data.inLieuDays,
    };
    const extended = new ChineseWorkdayCalendar(with2027, 'test data');
    expect(extended.coveredYears()).toEqual({ first: 2004, last: 2027 });
    expect(extended.isWorkday('2026-12-28')).toBe(true); // Monday
    expect(extended.isWorkday('2027-01-01')).toBe(false);

    const gap: ChineseDaysData = { holidays: { '2024-01-01': 'x', '2026-01-01': 'x' }, workdays: {}, inLieuDays: {} };
    expect(thrown(() => new ChineseWorkdayCalendar(gap))).toMatchObject({ code: 'CalendarDataIncomplete', details: { year: 2025 } });
  });
});

describe('computeDeadline', () => {
  it('counts working days over the National Day holiday, ending on the 调休 Saturday', () => {
    // Told on Wed 2026-09-30: Oct 1–7 are off, then Thu Oct 8, Fri Oct 9, Sat Oct 10 (worked).
    expect(computeDeadline('2026-09-30T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, calendar)).toBe('2026-10-10T16:00:00.000Z');
    // Late in the evening counts as the same Beijing day.
    expect(computeDeadline('2026-09-30T15:30:00Z', { amount: 3, unit: 'workingDays' }, calendar)).toBe('2026-10-10T16:00:00.000Z');
  });

  it('takes the Beijing day of `from`, not the UTC one', () => {
    // 17:00Z on Oct 9 is 01:00 on Sat Oct 10 in Beijing; the next working day is Mon Oct 12.
    expect(computeDeadline('2026-10-09T17:00:00Z', { amount: 1, unit: 'workingDays' }, calendar)).toBe('2026-10-12T16:00:00.000Z');
  });

  it('counts a Sunday make-up day as a working day', () => {
    // Told Fri Sep 18: Sat 19 off, Sun 20 worked (调休), Mon 21.
    expect(computeDeadline('2026-09-18T09:00:00+08:00', { amount: 2, unit: 'workingDays' }, calendar)).toBe('2026-09-21T16:00:00.000Z');
  });

  it('counts an ordinary week', () => {
    // Told Mon 2026-03-09: Tue 10, Wed 11, Thu 12.
    expect(computeDeadline('2026-03-09T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, calendar)).toBe('2026-03-12T16:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Told Fri 2026-03-13: Mon 16, Tue 17, Wed 18.
    expect(computeDeadline('2026-03-13T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, calendar)).toBe('2026-03-18T16:00:00.000Z');
    // Told on Saturday: the next working day is Monday.
    expect(computeDeadline('2026-03-14T10:00:00+08:00', { amount: 1, unit: 'workingDays' }, calendar)).toBe('2026-03-16T16:00:00.000Z');
  });

  it('counts calendar days regardless of holidays', () => {
    expect(computeDeadline('2026-09-30T10:00:00+08:00', { amount: 3, unit: 'calendarDays' }, calendar)).toBe('2026-10-03T16:00:00.000Z');
    // 20:00Z on Sep 30 is already Oct 1 in Beijing.
    expect(computeDeadline('2026-09-30T20:00:00Z', { amount: 1, unit: 'calendarDays' }, calendar)).toBe('2026-10-02T16:00:00.000Z');
  });

  it('adds plain seconds, minutes and hours, holidays or not', () => {
    expect(computeDeadline('2026-09-30T02:00:00.000Z', { amount: 90, unit: 'seconds' }, calendar)).toBe('2026-09-30T02:01:30.000Z');
    expect(computeDeadline('2026-09-30T02:00:00.000Z', { amount: 15, unit: 'minutes' }, calendar)).toBe('2026-09-30T02:15:00.000Z');
    expect(computeDeadline('2026-09-30T10:00:00+08:00', { amount: 36, unit: 'hours' }, calendar)).toBe('2026-10-01T14:00:00.000Z');
  });

  it('counts across New Year 2027 on the statutory rule, and says the deadline is provisional', () => {
    const spec = { amount: 3, unit: 'workingDays' } as const;
    // Told Wed 2026-12-30: Thu Dec 31, (元旦 Fri, weekend), Mon Jan 4, Tue Jan 5.
    const dueAt = computeDeadline('2026-12-30T10:00:00+08:00', spec, calendar);
    expect(dueAt).toBe('2027-01-05T16:00:00.000Z');
    expect(isDeadlineProvisional(dueAt, 'workingDays', calendar)).toBe(true);
    // Told Mon 2026-12-21: Tue 22, Wed 23, Thu 24, all official; one day later reaches Fri Dec 25.
    const official = computeDeadline('2026-12-21T10:00:00+08:00', spec, calendar);
    expect(official).toBe('2026-12-24T16:00:00.000Z');
    expect(isDeadlineProvisional(official, 'workingDays', calendar)).toBe(false);
    expect(isDeadlineProvisional(computeDeadline('2026-12-22T10:00:00+08:00', spec, calendar), 'workingDays', calendar)).toBe(true);
  });

  it('counts across 春节 2027: told Thu Feb 4, the days are Thu 11, Fri 12 and Mon 15 February', () => {
    const dueAt = computeDeadline('2027-02-04T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, calendar);
    expect(dueAt).toBe('2027-02-15T16:00:00.000Z');
    expect(isDeadlineProvisional(dueAt, 'workingDays', calendar)).toBe(true);
  });

  it('never calls plain time or calendar days provisional, nor counts beyond 2099', () => {
    expect(computeDeadline('2027-03-01T10:00:00+08:00', { amount: 1, unit: 'hours' }, calendar)).toBe('2027-03-01T03:00:00.000Z');
    expect(isDeadlineProvisional('2027-03-01T03:00:00.000Z', 'hours', calendar)).toBe(false);
    expect(isDeadlineProvisional('2027-03-05T16:00:00.000Z', 'calendarDays', calendar)).toBe(false);
    const beyond = thrown(() => computeDeadline('2099-12-30T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, calendar));
    expect(beyond).toMatchObject({ code: 'CalendarYearNotCovered', details: { year: 2100 } });
  });

  it('the computeDeadline activity returns the provisional flag with the deadline', async () => {
    const { computeDeadline: activity } = createDeadlineActivities({ calendar });
    const spec = { amount: 3, unit: 'workingDays' } as const;
    await expect(activity({ from: '2026-12-30T02:00:00Z', spec, remindBeforeMs: [24 * HOUR] })).resolves.toEqual({
      dueAt: '2027-01-05T16:00:00.000Z',
      reminders: ['2027-01-04T16:00:00.000Z'],
      provisional: true,
    });
    await expect(activity({ from: '2026-09-30T02:00:00Z', spec, remindBeforeMs: [] })).resolves.toMatchObject({ provisional: false });
  });

  it('rejects instants without a zone, impossible dates and bad amounts', () => {
    const spec = { amount: 1, unit: 'workingDays' } as const;
    expect(thrown(() => computeDeadline('2026-09-30T10:00:00', spec, calendar))).toMatchObject({ kind: 'invalid', code: 'InvalidInstant' });
    expect(thrown(() => computeDeadline('2026-02-30T10:00:00Z', spec, calendar))).toMatchObject({ code: 'InvalidInstant' });
    expect(thrown(() => computeDeadline('yesterday', spec, calendar))).toMatchObject({ code: 'InvalidInstant' });
    expect(thrown(() => computeDeadline('2026-09-30T10:00:00Z', { amount: 0, unit: 'hours' }, calendar))).toMatchObject({ kind: 'config', code: 'InvalidDeadlineSpec' });
    expect(thrown(() => computeDeadline('2026-09-30T10:00:00Z', { amount: 1.5, unit: 'hours' }, calendar))).toMatchObject({ code: 'InvalidDeadlineSpec' });
  });

  it('gives up on a calendar without working days instead of looping', () => {
    const neverWorks: WorkdayCalendar = { isWorkday: () => false, isProvisional: () => false, provisionalFrom: () => null, coveredYears: () => ({ first: 2000, last: 2100 }) };
    expect(thrown(() => computeDeadline('2026-09-30T10:00:00Z', { amount: 1, unit: 'workingDays' }, neverWorks))).toMatchObject({ code: 'CalendarHasNoWorkdays' });
  });
});

describe('remindersBefore', () => {
  const deadline = '2026-10-10T16:00:00.000Z';
  const from = '2026-09-30T02:00:00.000Z';

  it('returns deadline − offset, earliest first, without duplicates', () => {
    expect(remindersBefore(deadline, [24 * HOUR, 2 * HOUR, 72 * HOUR, 24 * HOUR], from)).toEqual([
      '2026-10-07T16:00:00.000Z',
      '2026-10-09T16:00:00.000Z',
      '2026-10-10T14:00:00.000Z',
    ]);
  });

  it('drops reminders that would not fall after `from`', () => {
    // 30 days before is long before `from`; 254 h before is exactly `from`.
    expect(remindersBefore(deadline, [30 * 24 * HOUR, 254 * HOUR, 24 * HOUR], from)).toEqual(['2026-10-09T16:00:00.000Z']);
    expect(remindersBefore(deadline, [], from)).toEqual([]);
  });

  it('accepts instants with an offset and rejects negative offsets', () => {
    expect(remindersBefore('2026-10-11T00:00:00+08:00', [HOUR], '2026-10-10T00:00:00+08:00')).toEqual(['2026-10-10T15:00:00.000Z']);
    expect(thrown(() => remindersBefore(deadline, [-HOUR], from))).toMatchObject({ kind: 'config', code: 'InvalidReminderOffset' });
  });
});
