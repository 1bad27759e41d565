// Expected wages as candidates type them ("25元/小时", "200/天", "面议") turned into CNY per hour,
// the unit of job config and prescreen rules. The rules (README, "Board intake"):
// - per hour: the number; per day: divided by an 8-hour working day (HOURS_PER_WORKING_DAY);
// - a range ("20-25元/小时") counts by its lower end: the least the candidate asks for;
// - a bare number ≤ 100 is read as per hour (the boards' wage fields are hourly for part-time jobs);
// - negotiable (面议), per month, per week, per piece, or unreadable: null, with the reason why.

/** The Labour Law's standard day; a day rate is taken to buy this many hours. */
export const HOURS_PER_WORKING_DAY = 8;
/** Above this a unit-less number is more likely a day or month rate than an hourly one. */
export const MAX_BARE_HOURLY = 100;

export const WageNullReason = {
  EMPTY: 'Empty',
  NEGOTIABLE: 'Negotiable',
  MONTHLY: 'MonthlyRate',
  WEEKLY: 'WeeklyRate',
  PIECE_RATE: 'PieceRate',
  AMBIGUOUS: 'AmbiguousUnit',
  UNPARSABLE: 'Unparsable',
} as const;
export type WageNullReason = (typeof WageNullReason)[keyof typeof WageNullReason];

export type WageParse = { hourly: number; reason?: undefined } | { hourly: null; reason: WageNullReason };

const NEGOTIABLE = /面议|面谈|可议|商议|协商|议价|不限|随意|都可以|无所谓|negotiable/i;
const HOUR = /(小时|时|钟|h|hr|hour)/i;
const DAY = /(天|日|d|day)/i;
const MONTH = /(月|month|mo)/i;
const WEEK = /(周|星期|礼拜|week|wk)/i;
const PIECE = /(单|件|次|个|趟|piece)/i;

/** Rounded to fen, so 200/天 gives 25 and 150/天 gives 18.75. */
const toFen = (n: number) => Math.round(n * 100) / 100;

export function parseHourlyWage(raw: unknown): WageParse {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw <= 0) return { hourly: null, reason: WageNullReason.UNPARSABLE };
    return raw <= MAX_BARE_HOURLY ? { hourly: toFen(raw) } : { hourly: null, reason: WageNullReason.AMBIGUOUS };
  }
  if (typeof raw !== 'string') return { hourly: null, reason: WageNullReason.EMPTY };
  // NFKC: full-width digits, slash and tilde from Chinese keyboards become ASCII.
  const text = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (text === '' || text === '-' || text === '无') return { hourly: null, reason: WageNullReason.EMPTY };
  if (NEGOTIABLE.test(text)) return { hourly: null, reason: WageNullReason.NEGOTIABLE };

  // The first number (or range) and whatever unit text follows or precedes it: "25元/小时",
  // "时薪25", "日薪200元", "20-25元/h", "25~30/小时", "¥25/时", "25 rmb/h".
  const m = /(\d+(?:\.\d+)?)(?:(?:-|~|至|到)(\d+(?:\.\d+)?))?/.exec(text);
  if (!m) return { hourly: null, reason: WageNullReason.UNPARSABLE };
  const low = Number(m[1]);
  if (!Number.isFinite(low) || low <= 0) return { hourly: null, reason: WageNullReason.UNPARSABLE };
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length).replace(/^(块钱|元|块|rmb|cny)/, '');
  // "/小时", "每小时", "一小时", "元时" after the number; "时薪", "日薪", "月薪" before it.
  const unitAfter = /^(\/|每|一|per)?(.*)$/.exec(after)![2]!;
  const unit = (re: RegExp) => new RegExp(`^${re.source}`, 'i').test(unitAfter);
  const prefixed = (word: string) => before.includes(word);

  if (unit(MONTH) || prefixed('月薪') || after.includes('月')) return { hourly: null, reason: WageNullReason.MONTHLY };
  if (unit(WEEK) || prefixed('周薪') || after.includes('周')) return { hourly: null, reason: WageNullReason.WEEKLY };
  if (unit(HOUR) || prefixed('时薪')) return { hourly: toFen(low) };
  if (unit(DAY) || prefixed('日薪')) return { hourly: toFen(low / HOURS_PER_WORKING_DAY) };
  if (unit(PIECE)) return { hourly: null, reason: WageNullReason.PIECE_RATE };
  if (unitAfter === '' && before.replace(/[¥￥]/g, '') === '') {
    return low <= MAX_BARE_HOURLY ? { hourly: toFen(low) } : { hourly: null, reason: WageNullReason.AMBIGUOUS };
  }
  return { hourly: null, reason: WageNullReason.UNPARSABLE };
}
