// Aliyun signature V3 (ACS3-HMAC-SHA256) as the simulator checks it, written from
// ../shared/specs/notify-providers.md §1.2 and never shared with the hub's connector.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ACS3 = 'ACS3-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** §1.2.1: RFC 3986 over the UTF-8 bytes; only A–Z a–z 0–9 - _ . ~ stay. */
export function acsEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decoded pairs of a raw query string. `+` is a literal plus: the spec sends spaces as %20. */
export function parseRawQuery(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return rawQuery.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [decodeURIComponent(part), ''] : [decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))];
  });
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** §1.2.2: sorted by name in byte order, each encode(name)=encode(value), joined by &. */
export function canonicalQuery(pairs: [string, string][]): string {
  return [...pairs]
    .sort(([an, av], [bn, bv]) => byteOrder(an, bn) || byteOrder(av, bv))
    .map(([n, v]) => `${acsEncode(n)}=${acsEncode(v)}`)
    .join('&');
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** §1.2.4: `headers` maps lowercase names to values; only the names in `signedHeaders` are used. */
export function canonicalHeaders(headers: Record<string, string>, signedHeaders: string[]): string {
  return signedHeaders.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
}

export interface AcsCanonicalInput {
  method?: string;
  path?: string;
  query: [string, string][];
  /** Lowercase header names → values as sent. */
  headers: Record<string, string>;
  /** Lowercase, sorted. Default: host, content-type if present, every x-acs-* header. */
  signedHeaders?: string[];
  hashedPayload: string;
}

export function defaultSignedHeaders(headers: Record<string, string>): string[] {
  return Object.keys(headers).filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-')).sort();
}

/** §1.2.5 */
export function acsCanonicalRequest(input: AcsCanonicalInput): string {
  const signed = input.signedHeaders ?? defaultSignedHeaders(input.headers);
  return [
    input.method ?? 'POST',
    input.path ?? '/',
    canonicalQuery(input.query),
    canonicalHeaders(input.headers, signed),
    signed.join(';'),
    input.hashedPayload,
  ].join('\n');
}

/** §1.2.6 */
export const acsStringToSign = (canonicalRequest: string): string => `${ACS3}\n${sha256Hex(canonicalRequest)}`;

/** §1.2.7 */
export const acsSignature = (accessKeySecret: string, stringToSign: string): string =>
  createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');

export interface AcsAuthorization { accessKeyId: string; signedHeaders: string[]; signature: string }

/** §1.2.8: `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`; undefined when malformed. */
export function parseAcsAuthorization(header: string | undefined): AcsAuthorization | undefined {
  const m = /^ACS3-HMAC-SHA256\s+(.*)$/.exec(header?.trim() ?? '');
  if (!m) return undefined;
  const fields = new Map(m[1]!.split(',').map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as [string, string];
  }));
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
