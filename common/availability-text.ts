// Free-text availability as candidates type it on the boards ("周末全天", "周一到周五晚上",
// "工作日", "随时") read into weekdays (1 = Monday … 7 = Sunday), so the prescreen's
// requiredWeekdays rule can judge it. Pure. Text is read only when every part of it is understood;
// anything else (看课表, 时间不定, a negation it cannot follow) is unreadable and must not reject.

export const ALL_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];
const WORKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

const PREFIX = '(?:周|星期|礼拜)';
// A day is not the start of a clock time: in 周三,五点以后 and 周六5-9点 the 五 and the 5 are hours.
const DAY = '(?:[一二三四五六日天七](?![点时半])|[1-7](?![0-9:点时半.]|\\s*[-~到至—－]\\s*\\d{1,2}[:点时]))';
const RANGE_TO = '(?:到|至|-|~|—|－)';
const LIST_SEP = '(?:[、,/和及或与跟]|以及|还有)?';

const DAY_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };
const dayOf = (c: string) => DAY_NUMBER[c] ?? Number(c);

function range(from: number, to: number): number[] {
  const days: number[] = [];
  // 周五到周一 wraps over the weekend.
  for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
    days.push(d);
    if (d === to) break;
  }
  return days;
}

/** Day expressions, most specific first; each gives the weekdays it names. */
const DAY_PATTERNS: { re: RegExp; days: (m: string[]) => number[] }[] = [
  { re: /随时|随叫随到|时间灵活|时间自由|时间不限|不限时间|不限|全天候|任何时间|任意时间|每天|天天|全周|一周七天|每周七天|七天|7天/u, days: () => [...ALL_WEEKDAYS] },
  { re: /工作日|平日|周内/u, days: () => WORKDAYS },
  { re: /双休日?|(?:周|星期|礼拜)末|(?:周|星期|礼拜)六(?:、|和|及)?(?:周|星期|礼拜)?[日天]/u, days: () => WEEKEND },
  {
    re: new RegExp(`${PREFIX}(${DAY})${RANGE_TO}${PREFIX}?(${DAY})`, 'u'),
    days: (m) => range(dayOf(m[1]!), dayOf(m[2]!)),
  },
  {
    // 周一、三、五 / 周二和四 / 周三周五 (the second 周 starts its own match).
    re: new RegExp(`${PREFIX}(${DAY}(?:${LIST_SEP}${DAY})*)`, 'u'),
    days: (m) => [...m[1]!.matchAll(/[一二三四五六日天七1-7]/gu)].map((d) => dayOf(d[0])),
  },
];

/** Words that say when in the day, or that they can, but name no weekday. */
const FILLER = new RegExp(
  [
    // clock times: 9:00-18:00, 9点到18点半, 18点以后
    '\\d{1,2}(?:[:：]\\d{2})?(?:点半?|时)?(?:\\s*(?:到|至|-|~|—|－)\\s*\\d{1,2}(?:[:：]\\d{2})?(?:点半?|时)?)?',
    '全天|整天|一整天|白天|白班|夜班|晚班|早班|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|晚间',
    '以后|之后|以前|之前|左右|前后|后|前',
    '节假日|法定假日|节日|两天',
    '都可以|都行|都有空|均可|皆可|可以|能够|有空|有时间|空闲|方便|上班|工作|兼职',
    '每周|每个|每|全|和|及|以及|或者|或|还有|也|都|能|可|的|时间|偶尔|一般|通常|基本上?',
  ].join('|'),
  'gu',
);

export type AvailabilityReading = { weekdays: number[] } | { weekdays: null; reason: 'Empty' | 'Unreadable' };

function readDays(text: string): Set<number> | null {
  const days = new Set<number>();
  let rest = text;
  for (const { re, days: of } of DAY_PATTERNS) {
    // Each match is taken out of the text, so what is left at the end is what was not understood.
    rest = rest.replace(new RegExp(re.source, 'gu'), (...match: string[]) => {
      of(match).forEach((d) => days.add(d));
      return ' ';
    });
  }
  rest = rest.replace(FILLER, ' ').replace(/[\p{P}\p{S}\p{Z}\s]/gu, '');
  return rest === '' && days.size > 0 ? days : null;
}

/**
 * The weekdays the text offers, or null with why it could not be read. "除了周日" / "周日除外"
 * (all but) is understood; any other negation is not, because a wrong reading could reject.
 */
export function readAvailabilityText(raw: string | null | undefined): AvailabilityReading {
  const text = (raw ?? '').normalize('NFKC').trim().toLowerCase();
  if (!text) return { weekdays: null, reason: 'Empty' };
  const except = /^(?:除了?(.+?)(?:以外|之外|外)?|(.+?)除外)(?:[,、]?(?:其他|其余|别的)?(?:时间|日子)?(?:都|均|皆)?(?:可以|行|有空|ok)?)?$/u.exec(text);
  if (except) {
    const excluded = readDays(except[1] ?? except[2]!);
    if (!excluded) return { weekdays: null, reason: 'Unreadable' };
    return { weekdays: ALL_WEEKDAYS.filter((d) => !excluded.has(d)) };
  }
  const days = readDays(text);
  return days ? { weekdays: [...days].sort((a, b) => a - b) } : { weekdays: null, reason: 'Unreadable' };
}
