// Tencent Cloud TC3-HMAC-SHA256 as the simulator checks it, written from
// ../shared/specs/notify-providers.md §2.2 and never shared with the hub's connector.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TC3 = 'TC3-HMAC-SHA256';

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** §2.2.3: the UTC date of the timestamp (not the Beijing date). */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export interface Tc3CanonicalInput {
  method?: string;
  path?: string;
  query?: string;
  /** name (lowercase) → value, in SignedHeaders order. */
  headers: [string, string][];
  body: string | Buffer;
}

/** §2.2.2 */
export function tc3CanonicalRequest(input: Tc3CanonicalInput): string {
  const canonical = input.headers.map(([n, v]) => `${n}:${v}\n`).join('');
  return [
    input.method ?? 'POST',
    input.path ?? '/',
    input.query ?? '',
    canonical,
    input.headers.map(([n]) => n).join(';'),
    sha256Hex(input.body),
  ].join('\n');
}

/** §2.2.4 */
export function tc3StringToSign(timestamp: number, service: string, canonicalRequest: string): string {
  return `${TC3}\n${timestamp}\n${tc3Date(timestamp)}/${service}/tc3_request\n${sha256Hex(canonicalRequest)}`;
}

/** §2.2.5: the derived keys (kept apart so tests can compare each with the spec's vectors). */
export function tc3Keys(secretKey: string, date: string, service: string): { kDate: Buffer; kService: Buffer; kSigning: Buffer } {
  const kDate = hmac(`TC3${secretKey}`, date);
  const kService = hmac(kDate, service);
  return { kDate, kService, kSigning: hmac(kService, 'tc3_request') };
}

export function tc3Signature(secretKey: string, timestamp: number, service: string, stringToSign: string): string {
  return hmac(tc3Keys(secretKey, tc3Date(timestamp), service).kSigning, stringToSign).toString('hex');
}

export interface Tc3Authorization { secretId: string; date: string; service: string; signedHeaders: string[]; signature: string }

/** §2.2.6: `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`. */
export function parseTc3Authorization(header: string | undefined): Tc3Authorization | undefined {
  const m = /^TC3-HMAC-SHA256\s+(.*)$/.exec(header?.trim() ?? '');
  if (!m) return undefined;
  const fields = new Map(m[1]!.split(',').map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as [string, string];
  }));
  const credential = /^([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request$/.exec(fields.get('Credential') ?? '');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  return { secretId: credential[1]!, date: credential[2]!, service: credential[3]!, signedHeaders: signedHeaders.split(';'), signature };
}

export function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
