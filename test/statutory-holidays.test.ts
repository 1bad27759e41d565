// The statutory public holidays (全国年节及纪念日放假办法, 2025 revision) and the lunar and solar-term
// conversions under them. Expected dates are written out by hand, or checked against the official
// State Council schedules the chinese-days package encodes, never recomputed with the code under test.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import packageData from 'chinese-days/dist/chinese-days.json';
import type { ChineseDaysData } from '../common/chinese-workday-calendar';
import { inLieuDays, movableFestivals, statutoryDaysOff, statutoryHolidays } from '../common/statutory-holidays';

const official = packageData as ChineseDaysData;
const ROOT = join(__dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const datesOf = (year: number) => statutoryHolidays(year).map((h) => h.date);

/** Off in the official schedule: listed as a holiday, or a weekend day not worked (the data leaves
 * out some weekend days inside a holiday, e.g. Saturday 2012-06-23, 端午 itself). */
function offOfficially(date: string): boolean {
  if (official.holidays[date] !== undefined) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday === 0 || weekday === 6) && official.workdays[date] === undefined;
}

describe('statutoryHolidays', () => {
  it('gives the 13 statutory days of 2026, which the official 2026 schedule all has off', () => {
    expect(datesOf(2026)).toEqual([
      '2026-01-01', // 元旦
      '2026-02-16', // 除夕 (the 12th month of 乙巳 has 29 days)
      '2026-02-17',
      '2026-02-18',
      '2026-02-19', // 初一 to 初三
      '2026-04-05', // 清明 (a Sunday: the notice gave Monday off in lieu)
      '2026-05-01',
      '2026-05-02',
      '2026-06-19', // 端午
      '2026-09-25', // 中秋
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
    ]);
    for (const date of datesOf(2026)) expect([date, official.holidays[date] !== undefined]).toEqual([date, true]);
  });

  it('gives the statutory days of 2025, the first year of the revision, all off in its official schedule', () => {
    expect(datesOf(2025)).toEqual([
      '2025-01-01',
      '2025-01-28', // 除夕
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-04', // 清明
      '2025-05-01',
      '2025-05-02',
      '2025-05-31', // 端午
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06', // 中秋
    ]);
    for (const date of datesOf(2025)) expect([date, official.holidays[date] !== undefined]).toEqual([date, true]);
  });

  it('puts 春节 2027 on Saturday 6 February, so 除夕 is Friday 5 February, the 29th of the 12th month', () => {
    const days = statutoryHolidays(2027);
    expect(days.filter((d) => d.name.startsWith('春节'))).toEqual([
      { date: '2027-02-05', name: '春节 (除夕)' },
      { date: '2027-02-06', name: '春节 (初一)' },
      { date: '2027-02-07', name: '春节 (初二)' },
      { date: '2027-02-08', name: '春节 (初三)' },
    ]);
    expect(datesOf(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });

  it('takes 除夕 as the last day of the 12th month also when that month has 30 days (2030: 初一 on 3 February)', () => {
    expect(movableFestivals(2030)).toMatchObject({ chuxi: '2030-02-02', chunjie: '2030-02-03' });
  });

  it('lists 中秋 once when it falls on 国庆 (1 October 2031)', () => {
    const days = statutoryHolidays(2031);
    expect(days).toHaveLength(12);
    expect(days.filter((d) => d.date === '2031-10-01')).toEqual([{ date: '2031-10-01', name: '中秋节' }]);
  });

  it('refuses years the 2025 revision or the lunar tables do not describe', () => {
    for (const year of [2024, 2100, 2026.5]) expect(() => statutoryHolidays(year)).toThrow(expect.objectContaining({ kind: 'config', code: 'StatutoryYearUnsupported' }));
  });
});

describe('movableFestivals', () => {
  it('agrees with every official schedule since 2008: 春节 初一 and 初二, 清明, 端午 and 中秋 are days off', () => {
    // 2008 is the first year with 清明, 端午 and 中秋 as public holidays; 初一 and 初二 were off under
    // every version of the regulation since. 19 years of conversions checked against published days.
    const missing: string[] = [];
    for (let year = 2008; year <= 2026; year++) {
      const f = movableFestivals(year);
      const second = new Date(Date.parse(f.chunjie) + 86_400_000).toISOString().slice(0, 10);
      for (const [name, date] of [['初一', f.chunjie], ['初二', second], ['清明', f.qingming], ['端午', f.duanwu], ['中秋', f.zhongqiu]] as const) {
        if (!offOfficially(date)) missing.push(`${year} ${name} ${date}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('does not depend on the time zone of the process', () => {
    // The package reads and writes dates in the local zone in places; west of UTC it would answer
    // 清明 a day early. jest gives each file its own process.env, so each zone is a child process.
    const script = `
      import { statutoryHolidays } from './common/statutory-holidays';
      const out = [];
      for (let y = 2025; y <= 2099; y++) out.push(...statutoryHolidays(y).map((h) => h.date));
      process.stdout.write(JSON.stringify(out));`;
    const inZone = (zone: string) => JSON.parse(execFileSync(TSX, ['-e', script], { cwd: ROOT, env: { ...process.env, TZ: zone }, encoding: 'utf8' })) as string[];
    const shanghai = inZone('Asia/Shanghai');
    expect(shanghai.length).toBeGreaterThan(75 * 12);
    expect(shanghai.slice(13, 26)).toEqual(datesOf(2026));
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Etc/GMT+12']) expect(inZone(zone)).toEqual(shanghai);
  });
});

describe('inLieuDays (article 6: a holiday on a weekend is given back on a working day)', () => {
  it('gives 2027 back its weekend holidays on the following free weekdays', () => {
    expect(inLieuDays(statutoryHolidays(2027))).toEqual([
      { date: '2027-02-09', name: '春节 (初一) 补假' },
      { date: '2027-02-10', name: '春节 (初二) 补假' },
      { date: '2027-05-03', name: '劳动节 补假' },
      { date: '2027-05-04', name: '劳动节 补假' },
      { date: '2027-10-04', name: '国庆节 补假' },
      { date: '2027-10-05', name: '国庆节 补假' },
    ]);
  });

  it('gives nothing back for holidays on weekdays, and every day it gives is a weekday that was not off', () => {
    for (let year = 2027; year <= 2040; year++) {
      const holidays = statutoryHolidays(year);
      const weekendHolidays = holidays.filter((h) => [0, 6].includes(new Date(h.date).getUTCDay()));
      const given = inLieuDays(holidays);
      expect(given).toHaveLength(weekendHolidays.length);
      for (const day of given) {
        expect([1, 2, 3, 4, 5]).toContain(new Date(day.date).getUTCDay());
        expect(holidays.map((h) => h.date)).not.toContain(day.date);
      }
      expect(new Set(given.map((d) => d.date)).size).toBe(given.length);
      expect(statutoryDaysOff(year)).toHaveLength(holidays.length + given.length);
    }
  });
});
