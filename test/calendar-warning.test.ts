// The worker's start-up warning when the calendar's official data ends within reach of deadlines.
import { ChineseWorkdayCalendar } from '../common/chinese-workday-calendar';
import { calendarWarning } from '../workers/calendar-warning';

const packageCalendar = ChineseWorkdayCalendar.withAdditionalYears({});

describe('calendarWarning', () => {
  it('names the provisional year, the first provisional day and what to do, within 60 days of it', () => {
    const warning = calendarWarning(packageCalendar, new Date('2026-12-02T18:00:00Z'));
    expect(warning).toContain('official holiday schedules through 2026');
    expect(warning).toContain('2026-12-25');
    expect(warning).toContain('statutory public holidays of 2027');
    expect(warning).toContain('hub.calendar.additionalYears."2027"');
    expect(warning).toContain('chinese-days');
    // 60 days before the first provisional day, in Beijing: 2026-10-26 reaches 2026-12-25.
    expect(calendarWarning(packageCalendar, new Date('2026-10-26T00:00:00+08:00'))).not.toBeNull();
    expect(calendarWarning(packageCalendar, new Date('2026-10-25T23:59:00+08:00'))).toBeNull();
  });

  it('is silent once the next year is configured, until that year runs out in turn', () => {
    const with2027 = ChineseWorkdayCalendar.withAdditionalYears({ '2027': { holidays: ['2027-01-01'], workdays: [] } });
    expect(calendarWarning(with2027, new Date('2026-12-02T18:00:00Z'))).toBeNull();
    expect(calendarWarning(with2027, new Date('2027-11-20T00:00:00Z'))).toContain('of 2028');
  });

  it('is silent for a calendar without provisional days', () => {
    const official = { isWorkday: () => true, isProvisional: () => false, provisionalFrom: () => null, coveredYears: () => ({ first: 2000, last: 2100 }) };
    expect(calendarWarning(official, new Date())).toBeNull();
  });
});
