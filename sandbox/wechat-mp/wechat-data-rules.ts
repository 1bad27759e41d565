// The `data` of a WeChat template or subscription notice (notify-providers.md §4): exactly the
// template's keys, each `{value: string}`, each value within its key type's limits (thing ≤ 20
// characters, …). A bad one is refused with 47003, naming the key as WeChat does.

const CHINESE = /[\u3400-\u9fff]/;
const len = (s: string) => [...s].length;

/** Key type (the key without its trailing number) → whether a value is acceptable. */
const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => len(v) >= 1 && len(v) <= 20,
  character_string: (v) => len(v) >= 1 && len(v) <= 32 && !CHINESE.test(v),
  number: (v) => len(v) <= 32 && /^[-+]?\d+(\.\d+)?$/.test(v),
  letter: (v) => len(v) <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => len(v) >= 1 && len(v) <= 5 && !/[A-Za-z0-9\u3400-\u9fff]/.test(v),
  amount: (v) => /^[¥￥]?\d{1,11}(\.\d{1,2})?元?$/.test(v),
  time: (v) => isTimeText(v),
  date: (v) => isTimeText(v),
  phone_number: (v) => len(v) <= 17 && /^[+\d\-() ]+$/.test(v),
  car_number: (v) => len(v) >= 1 && len(v) <= 8,
  name: (v) => len(v) >= 1 && (CHINESE.test(v) ? len(v) <= 10 : len(v) <= 20),
  phrase: (v) => len(v) >= 1 && len(v) <= 5 && /^[\u3400-\u9fff]+$/.test(v),
  const: (v) => len(v) >= 1 && len(v) <= 20,
};

/** `2026-11-25 09:30`, `2026年11月25日`, `09:30`, or a range of those with `~`. */
function isTimeText(v: string): boolean {
  const one = /^(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?)?\s*(\d{1,2}:\d{2}(:\d{2})?)?$/;
  const parts = v.split('~').map((p) => p.trim());
  return parts.length <= 2 && parts.every((p) => p !== '' && one.test(p));
}

export function keyType(key: string): string {
  return key.replace(/\d+$/, '');
}

/** undefined when the data is acceptable, else the errmsg detail (e.g. `data.thing1.value invalid`). */
export function wechatDataProblem(keys: string[], data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data invalid';
  const given = data as Record<string, unknown>;
  for (const key of Object.keys(given)) if (!keys.includes(key)) return `data.${key} not in template`;
  for (const key of keys) {
    const entry = given[key] as { value?: unknown } | undefined;
    if (!entry || typeof entry !== 'object' || typeof entry.value !== 'string') return `data.${key}.value missing`;
    // Keys of older templates (first, keyword1, remark) have no type: only a generous length.
    const rule = RULES[keyType(key)] ?? ((v: string) => len(v) <= 200);
    if (!rule(entry.value)) return `data.${key}.value invalid`;
  }
  return undefined;
}
