// Mainland China mobile numbers as boards and CSV exports write them (+86, 86, 0086, spaces,
// dashes, brackets, full-width digits) normalised to E.164, the one form the hub stores.

/** Mainland mobile numbers: 11 digits starting 13–19 (MIIT numbering plan). */
const NATIONAL_MOBILE = /^1[3-9]\d{9}$/;

/**
 * `+8613800138000` for any way of writing a mainland mobile number, or null when the text is not
 * one (landlines, foreign numbers, too few digits). Deterministic and dependency-free.
 */
export function toChinaMobileE164(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  // NFKC turns full-width digits and ＋ into ASCII (common in text typed on Chinese phones).
  let text = String(raw).normalize('NFKC').trim();
  if (!/^[+\d\s\-().]+$/.test(text)) return null;
  const plus = text.startsWith('+');
  text = text.replace(/[\s\-().+]/g, '');
  let national: string;
  if (plus) {
    if (!text.startsWith('86')) return null;
    national = text.slice(2);
  } else if (text.startsWith('0086')) {
    national = text.slice(4);
  } else if (text.length === 13 && text.startsWith('86')) {
    national = text.slice(2);
  } else {
    national = text;
  }
  return NATIONAL_MOBILE.test(national) ? `+86${national}` : null;
}
