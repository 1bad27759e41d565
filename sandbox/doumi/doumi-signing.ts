// Doumi's two signatures, written from the spec (never shared with the hub's connector):
// request signing (HMAC-SHA256 over METHOD, PATH, CANONICAL_QUERY, TIMESTAMP, NONCE, body hash)
// and webhook signing (HMAC-SHA256 over TIMESTAMP + "." + rawBody).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding: encodeURIComponent leaves !'()* alone, RFC 3986 does not. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decoded query pairs from a raw query string (`+` is a literal plus, as in RFC 3986). */
export function parseRawQuery(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return rawQuery.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    return [decodeURIComponent(name), decodeURIComponent(value)];
  });
}

export function canonicalQuery(pairs: [string, string][]): string {
  return [...pairs]
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${rfc3986(n)}=${rfc3986(v)}`)
    .join('&');
}

export function requestStringToSign(method: string, path: string, query: string, timestamp: string, nonce: string, body: Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), path, query, timestamp, nonce, bodyHash].join('\n');
}

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

export function webhookSignature(webhookSecret: string, timestamp: string, rawBody: string): string {
  return hmacHex(webhookSecret, `${timestamp}.${rawBody}`);
}

export function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
