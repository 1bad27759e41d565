// The rules of notify-providers.md §0 that both SMS providers enforce on template variables (no
// links, short values) and on the whole text (segments), checked by the simulators on their own.

/** A scheme, `www.`, or something shaped like a domain (`hb.example.cn/…`, `t.cn`). */
const URL_LIKE = /(^|[^A-Za-z0-9])((https?|ftp):\/\/|www\.)|[A-Za-z0-9-]+\.(com|cn|net|org|io|cc|co|me|top|xyz|info|site|link|ly|gl)(\/|$|[^A-Za-z0-9])/i;

export function looksLikeUrl(value: string): boolean {
  return URL_LIKE.test(value);
}

/** Characters as a reader counts them (a Chinese character is one). */
export function charLength(value: string): number {
  return [...value].length;
}

/** §0: 70 characters, signature included, is one segment; longer text is billed per 67. */
export function segmentsOf(text: string): number {
  const n = charLength(text);
  return n <= 70 ? 1 : Math.ceil(n / 67);
}

/** Words a provider's keyword filter refuses; the simulators default to the spec's "no passwords". */
export const DEFAULT_BLOCKED_WORDS = ['密码', 'password'];

export function blockedWordIn(value: string, words: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  return words.find((w) => lower.includes(w.toLowerCase()));
}

/** Mainland mobile, bare: 11 digits starting with 1 (§0 "Numbers"). */
export const MAINLAND_BARE = /^1\d{10}$/;
/** Mainland mobile, E.164 as Tencent takes it. */
export const MAINLAND_E164 = /^\+861\d{10}$/;
