// Removes personal data from interview text before it leaves the hub for an LLM: the candidate's
// own name (full and given name), names they introduce themselves with, phone numbers, ID card
// numbers, e-mail addresses, bank card numbers and WeChat/QQ handles. Replaced by a marker per kind.

export const REDACTED = {
  NAME: '[姓名]',
  PHONE: '[电话]',
  ID_NUMBER: '[证件号]',
  EMAIL: '[邮箱]',
  CARD: '[卡号]',
  HANDLE: '[账号]',
} as const;

/** Digits may be written with spaces or dashes between groups ("138 0013 8000", "138-0013-8000"). */
const SEP = '[\\s-]?';
const PATTERNS: [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, REDACTED.EMAIL],
  // Resident ID: 18 characters (last may be X) or the old 15 digits; before phones, which are shorter.
  [/(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g, REDACTED.ID_NUMBER],
  [/(?<!\d)\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)/g, REDACTED.ID_NUMBER],
  // Bank cards: 16–19 digits, possibly in groups.
  [/(?<!\d)(?:\d[\s-]?){15,18}\d(?!\d)/g, REDACTED.CARD],
  // Mainland mobiles, with or without +86 / 0086 and separators.
  [new RegExp(`(?:(?:\\+|00)86${SEP})?(?<!\\d)1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}(?!\\d)`, 'g'), REDACTED.PHONE],
  // Landlines: area code 0xx(x) and 7–8 digits.
  [/(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, REDACTED.PHONE],
  // Handles: 微信/WeChat/QQ followed by an ID.
  [/((?:微信号?|wechat|weixin|vx|QQ号?)[\s:：是为]*)[A-Za-z0-9_-]{5,20}/gi, `$1${REDACTED.HANDLE}`],
];

/** "我叫王小明", "我的名字是李雷", "本人张伟": a self-introduction names the candidate even if it is a nickname. */
const SELF_INTRODUCTION = /(我叫|我的名字是|我的名字叫|我名字叫|本人叫|本人是|my name is|I am called)\s*([\u4e00-\u9fa5·]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '呼延', '钟离', '赫连', '澹台', '申屠'];

/** The forms of a name to remove: the full name and, for Chinese names, the given name without the surname. */
function nameForms(name: string | null | undefined): string[] {
  const full = (name ?? '').trim();
  if (!full) return [];
  const forms = new Set<string>([full, full.replace(/\s+/g, '')]);
  const chars = [...full];
  if (/^[\u4e00-\u9fa5·]{3,}$/.test(full)) {
    const surname = COMPOUND_SURNAMES.find((s) => full.startsWith(s) && chars.length >= 4) ?? chars[0]!;
    forms.add(full.slice(surname.length)); // 王小明 → 小明, 欧阳金丝雀 → 金丝雀
  }
  for (const part of full.split(/\s+/)) if (part.length >= 3) forms.add(part); // "Li Lei" → "Lei" is too short to be safe
  return [...forms].filter((f) => [...f].length >= 2).sort((a, b) => b.length - a.length);
}

export interface Redactor {
  redact(text: string): string;
}

/** A redactor for one candidate: their known name plus the generic patterns. */
export function createRedactor(candidateName?: string | null): Redactor {
  const names = nameForms(candidateName);
  const namePattern = names.length ? new RegExp(names.map(escapeRegExp).join('|'), 'gi') : null;
  return {
    redact(text: string): string {
      let out = text;
      if (namePattern) out = out.replace(namePattern, REDACTED.NAME);
      out = out.replace(SELF_INTRODUCTION, (_m, lead: string) => `${lead}${REDACTED.NAME}`);
      for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
      return out;
    },
  };
}
