// Jianzhimao's MD5 signature (specs/job-boards.md, "Jianzhimao"): every top-level field but `sign`,
// empty ones dropped, sorted by name (ASCII), `name=value` joined by `&`, then `&key=<appSecret>`,
// MD5 in uppercase hex. The same scheme signs our gateway calls and its webhooks to us.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Webhook timestamps (unix seconds) further than this from our clock are refused (spec: ±600 s). */
export const JIANZHIMAO_TIMESTAMP_TOLERANCE_MS = 600_000;

/** How a field's value is written into the string to sign; objects (never sent by the board) as JSON. */
function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** The string Jianzhimao hashes, with the secret appended; exported for tests and debugging only. */
export function jianzhimaoStringToSign(fields: Record<string, unknown>, appSecret: string): string {
  const pairs = Object.entries(fields)
    .filter(([name]) => name !== 'sign')
    .map(([name, value]) => [name, fieldText(value)] as const)
    .filter(([, text]) => text !== '')
    // ASCII order = code-unit order; localeCompare would sort by the machine's locale.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${pairs.map(([n, v]) => `${n}=${v}`).join('&')}&key=${appSecret}`;
}

export function jianzhimaoSign(fields: Record<string, unknown>, appSecret: string): string {
  return createHash('md5').update(jianzhimaoStringToSign(fields, appSecret), 'utf8').digest('hex').toUpperCase();
}

/** True when `fields.sign` matches; constant-time, and case-insensitive on the hex digits. */
export function verifyJianzhimaoSign(fields: Record<string, unknown>, appSecret: string): boolean {
  const given = typeof fields.sign === 'string' ? fields.sign.trim() : '';
  if (!/^[0-9a-fA-F]{32}$/.test(given)) return false;
  const expected = Buffer.from(jianzhimaoSign(fields, appSecret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** True when a unix-seconds timestamp string is within ±600 s of `nowMs`. */
export function jianzhimaoTimestampFresh(timestamp: unknown, nowMs = Date.now()): boolean {
  if (typeof timestamp !== 'string' || !/^\d{9,11}$/.test(timestamp)) return false;
  return Math.abs(nowMs - Number(timestamp) * 1000) <= JIANZHIMAO_TIMESTAMP_TOLERANCE_MS;
}
