// The knock-out rules of a job as tables: age (by birth year), weekdays (structured slots or the
// free text a Jianzhimao applicant types), wage, city and health certificate. Reasons name the rule,
// never the candidate's own value; what cannot be read never rejects.
import { readAvailabilityText } from '../common/availability-text';
import { parseConfig } from '../common/config';
import type { JobConfig } from '../common/config-schema';
import { evaluatePrescreen } from '../common/prescreen-rules';
import type { AvailabilitySlot } from '../common/types';
import { normaliseJianzhimaoResume } from '../connectors/jianzhimao/jianzhimao-resume';
import { jianzhimaoResumeExample } from './support/board-payloads';
import { makeApplication } from './support/fixtures';
import { devConfigDocument } from './support/hub-harness';

type Rules = JobConfig['prescreen'];
const TODAY = new Date('2026-11-25T04:00:00Z');
const rules = (r: Partial<Rules>): Rules => ({ requireHealthCertificate: false, ...r });
const slot = (weekday: number): AvailabilitySlot => ({ weekday, from: '09:00', to: '18:00' });

describe('age, by the age reached this year', () => {
  test.each([
    // birthYear, minAge, maxAge, reasons
    [2010, 16, undefined, []], // 16 this year: old enough
    [2011, 16, undefined, ['younger than the minimum age 16']],
    [2008, 18, 45, []],
    [2009, 18, 45, ['younger than the minimum age 18']],
    [1981, 18, 45, []], // 45 this year
    [1980, 18, 45, ['older than the maximum age 45']],
    [1961, undefined, 65, []],
    [1960, undefined, 50, ['older than the maximum age 50']],
    [null, 18, 45, []], // unknown birth year: let through, HR sees the rest
  ] as const)('born %p, min %p, max %p → %j', (birthYear, minAge, maxAge, reasons) => {
    const app = makeApplication({}, { birthYear });
    expect(evaluatePrescreen(app, rules({ minAge, maxAge }), TODAY)).toEqual(reasons);
  });

  test('the year is counted in UTC, as the activity passes it', () => {
    const app = makeApplication({}, { birthYear: 2008 });
    expect(evaluatePrescreen(app, rules({ minAge: 18 }), new Date('2025-12-31T23:59:59Z'))).toEqual(['younger than the minimum age 18']);
    expect(evaluatePrescreen(app, rules({ minAge: 18 }), new Date('2026-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('required weekdays', () => {
  test.each([
    // structured slots, free text, required, reasons
    [[slot(6)], null, [6], []],
    [[slot(6), slot(7)], null, [6, 7], []],
    [[slot(7)], null, [6], ['not available on required weekday(s) 6']],
    [[slot(1), slot(3)], null, [1, 2, 3, 4, 5], ['not available on required weekday(s) 2, 4, 5']],
    [[], null, [6], []], // the candidate did not say: let through
    [[slot(6)], '工作日晚上', [6], []], // the structured slots win over the text
    [[], '周末全天', [6], []],
    [[], '周六全天', [6, 7], ['not available on required weekday(s) 7']],
    [[], '周日下午', [6], ['not available on required weekday(s) 6']],
    [[], '周一到周五晚上', [6], ['not available on required weekday(s) 6']],
    [[], '周一到周五晚上', [1, 5], []],
    [[], '工作日', [6, 7], ['not available on required weekday(s) 6, 7']],
    [[], '随时', [1, 6, 7], []],
    [[], '周三周五晚上和周末', [5, 6], []],
    [[], '除了周六都可以', [6], ['not available on required weekday(s) 6']],
    [[], '看课表再定', [6], []], // unreadable: never a rejection
    [[], '周末不行', [1], []], // a negation it cannot follow: unreadable
    [[], '   ', [6], []],
  ] as const)('slots %j, text %p, required %j → %j', (availability, availabilityText, requiredWeekdays, reasons) => {
    const app = makeApplication({}, { availability: [...availability], availabilityText });
    expect(evaluatePrescreen(app, rules({ requiredWeekdays: [...requiredWeekdays] }), TODAY)).toEqual(reasons);
  });

  test('the reason names the rule, never what the candidate wrote', () => {
    const app = makeApplication({}, { availability: [], availabilityText: '只有周日下午有空' });
    const reasons = evaluatePrescreen(app, rules({ requiredWeekdays: [6] }), TODAY);
    expect(reasons.join(' ')).not.toMatch(/周|下午|有空/);
  });
});

describe('expected hourly wage', () => {
  test.each([
    [25, 30, []],
    [30, 30, []], // at the limit is fine
    [30.5, 30, ['expected hourly wage is above 30']],
    [null, 30, []], // 面议 or unreadable: let through
    [80, undefined, []],
  ] as const)('expects %p, limit %p → %j', (expectedHourlyWage, maxExpectedHourlyWage, reasons) => {
    const app = makeApplication({}, { expectedHourlyWage });
    expect(evaluatePrescreen(app, rules({ maxExpectedHourlyWage }), TODAY)).toEqual(reasons);
  });
});

describe('city and health certificate', () => {
  test.each([
    ['上海', ['上海'], true, false, []],
    ['上海市', ['上海'], true, false, []],
    ['北京市', ['上海'], true, false, ['city is not one of 上海']],
    [null, ['上海'], true, false, []],
    ['上海', undefined, false, true, ['no health certificate']],
    ['上海', undefined, null, true, []], // unknown: HR checks it at onboarding
  ] as const)('city %p in %j, certificate %p (required %p) → %j', (city, cities, hasHealthCertificate, requireHealthCertificate, reasons) => {
    const app = makeApplication({}, { city, hasHealthCertificate });
    expect(evaluatePrescreen(app, rules({ cities: cities ? [...cities] : undefined, requireHealthCertificate }), TODAY)).toEqual(reasons);
  });

  test('every rule that fails is named, in a fixed order', () => {
    const app = makeApplication({}, { birthYear: 2012, city: '杭州', hasHealthCertificate: false, availability: [slot(1)], expectedHourlyWage: 40 });
    expect(evaluatePrescreen(app, rules({ minAge: 16, cities: ['上海'], requireHealthCertificate: true, requiredWeekdays: [6], maxExpectedHourlyWage: 30 }), TODAY)).toEqual([
      'younger than the minimum age 16',
      'city is not one of 上海',
      'no health certificate',
      'not available on required weekday(s) 6',
      'expected hourly wage is above 30',
    ]);
  });
});

describe("a Jianzhimao applicant's work_time_prefer against the dev config's promoter job (Saturdays)", () => {
  const promoter = parseConfig(devConfigDocument(), {}).tenants[0]!.jobs.find((j) => j.code === 'RX-SH-PROMO-001')!;
  const resume = (work_time_prefer: string) => normaliseJianzhimaoResume('demo', { ...jianzhimaoResumeExample(), work_time_prefer });

  test.each([
    ['周末全天', []],
    ['周六全天', []],
    ['时间灵活,随时可以', []],
    ['周日下午', ['not available on required weekday(s) 6']],
    ['工作日晚上', ['not available on required weekday(s) 6']],
    ['周一到周五白天', ['not available on required weekday(s) 6']],
    ['看情况', []],
  ])('%p → %j', (text, reasons) => {
    const app = resume(text);
    expect(app.candidate.availability).toEqual([]);
    expect(evaluatePrescreen(app, promoter.prescreen, TODAY)).toEqual(reasons);
  });
});

describe('reading free-text availability', () => {
  test.each([
    ['周末全天', [6, 7]],
    ['周末', [6, 7]],
    ['双休日', [6, 7]],
    ['周六日', [6, 7]],
    ['星期六、日', [6, 7]],
    ['周末及节假日', [6, 7]],
    ['周末两天', [6, 7]],
    ['周六全天', [6]],
    ['周日下午', [7]],
    ['礼拜天', [7]],
    ['每周一', [1]],
    ['工作日', [1, 2, 3, 4, 5]],
    ['工作日晚上', [1, 2, 3, 4, 5]],
    ['平日晚上6点以后', [1, 2, 3, 4, 5]],
    ['周一到周五晚上', [1, 2, 3, 4, 5]],
    ['周一至周五 9:00-18:00', [1, 2, 3, 4, 5]],
    ['周1-5', [1, 2, 3, 4, 5]],
    ['周２至周４', [2, 3, 4]], // full-width digits
    ['周二至四', [2, 3, 4]],
    ['周五到周一', [1, 5, 6, 7]], // over the weekend
    ['周一三五', [1, 3, 5]],
    ['周一、三、五 9:00-12:00', [1, 3, 5]],
    ['周二和周四', [2, 4]],
    ['周三周五晚上和周末', [3, 5, 6, 7]],
    ['周六9点以后', [6]],
    ['周六5-9点', [6]], // the 5 is an hour, not Friday
    ['随时', [1, 2, 3, 4, 5, 6, 7]],
    ['时间灵活,随时可以', [1, 2, 3, 4, 5, 6, 7]],
    ['每天都可以', [1, 2, 3, 4, 5, 6, 7]],
    ['一周七天都行', [1, 2, 3, 4, 5, 6, 7]],
    ['除了周日都可以', [1, 2, 3, 4, 5, 6]],
    ['除周末外其他时间都可以', [1, 2, 3, 4, 5]],
    ['周日除外', [1, 2, 3, 4, 5, 6]],
    ['周末全天 🙂', [6, 7]],
  ])('%p → %j', (text, weekdays) => {
    expect(readAvailabilityText(text)).toEqual({ weekdays });
  });

  test.each([
    '看课表',
    '时间不定',
    '周末不行', // a negation: a wrong reading could reject
    '周一到周五，除了周三',
    '周末可能没空',
    '寒暑假', // which weekdays is not said
    '全天',
    '每周都可以',
    '周三,五点以后', // 五点 is five o'clock, not Friday: not read rather than misread
    'weekends',
  ])('%p cannot be read', (text) => {
    expect(readAvailabilityText(text)).toEqual({ weekdays: null, reason: 'Unreadable' });
  });

  test.each([null, undefined, '', '  '])('%p is empty', (text) => {
    expect(readAvailabilityText(text)).toEqual({ weekdays: null, reason: 'Empty' });
  });
});
