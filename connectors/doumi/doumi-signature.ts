// Doumi's two signature schemes (specs/job-boards.md, "Doumi"): HMAC-SHA256 over
// `TIMESTAMP.rawBody` for webhooks it sends us, and over a canonical request for calls we make.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerdict } from '../board-contract';

/** Webhook and request timestamps more than this far from our clock are refused (spec: ±300 s). */
export const DOUMI_TIMESTAMP_TOLERANCE_MS = 300_000;

/** Lowercase hex HMAC-SHA256(webhookSecret, TIMESTAMP + "." + rawBody), over the body's exact bytes. */
export function doumiWebhookSignature(webhookSecret: string, timestampMs: string, rawBody: Buffer | string): string {
  return createHmac('sha256', webhookSecret)
    .update(`${timestampMs}.`, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

/**
 * Checks a webhook delivery: the timestamp is unix ms within ±300 s of `nowMs`, and the signature
 * matches. The comparison is constant-time; a signature of the wrong length or not hex fails without
 * comparing. `reason` is for logs and says which check failed, never the expected value.
 */
export function verifyDoumiWebhook(input: {
  secret: string;
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  rawBody: Buffer | string;
  nowMs?: number;
}): WebhookVerdict {
  const { secret, timestampHeader, signatureHeader, rawBody } = input;
  const nowMs = input.nowMs ?? Date.now();
  // Only a well-formed timestamp outside the window is the clock's fault (Doumi's 40102).
  const refused = (reason: string, staleClock = false): WebhookVerdict => ({ ok: false, reason, staleClock });
  if (!timestampHeader) return refused('missing X-Dm-Timestamp');
  if (!/^\d{10,16}$/.test(timestampHeader)) return refused('X-Dm-Timestamp is not unix milliseconds');
  if (Math.abs(nowMs - Number(timestampHeader)) > DOUMI_TIMESTAMP_TOLERANCE_MS) {
    return refused('X-Dm-Timestamp is outside ±300 s of the hub clock', true);
  }
  if (!signatureHeader) return refused('missing X-Dm-Signature');
  const given = signatureHeader.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return refused('X-Dm-Signature is not 64 hex characters');
  const expected = Buffer.from(doumiWebhookSignature(secret, timestampHeader, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return refused('X-Dm-Signature does not match');
  return { ok: true };
}

/** RFC 3986 percent-encoding: encodeURIComponent leaves !'()* alone, which RFC 3986 reserves. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type DoumiQuery = Record<string, string | number | boolean | null | undefined | ReadonlyArray<string | number>>;

/**
 * The query as Doumi signs it: parameters sorted by name, each `name=value` RFC 3986-encoded, joined
 * with `&`; '' without parameters. Undefined/null values are left out (they are not sent). A repeated
 * parameter keeps one pair per value, sorted by value too, so the order the caller listed them in
 * does not change the signature. Names sort by their encoded form, i.e. by code unit (ASCII).
 */
export function canonicalQuery(query: DoumiQuery | URLSearchParams | undefined): string {
  if (!query) return '';
  const pairs: Array<[string, string]> = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    pairs.push([rfc3986(name), rfc3986(String(value))]);
  };
  if (query instanceof URLSearchParams) {
    for (const [name, value] of query) add(name, value);
  } else {
    for (const [name, value] of Object.entries(query)) {
      if (Array.isArray(value)) value.forEach((v) => add(name, v));
      else add(name, value);
    }
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

const sha256Hex = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

/** What a call to Doumi is signed over. */
export interface DoumiSignedRequest {
  method: string;
  path: string;
  query?: DoumiQuery | URLSearchParams;
  timestampMs: string;
  nonce: string;
  body?: Buffer | string;
}

/** The stringToSign of a call to Doumi; exported so tests and logs can show what was signed. */
export function doumiStringToSign(input: DoumiSignedRequest): string {
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    input.timestampMs,
    input.nonce,
    sha256Hex(input.body ?? ''),
  ].join('\n');
}

/** X-Dm-Signature of a call to Doumi: lowercase hex HMAC-SHA256(appSecret, stringToSign). */
export function doumiRequestSignature(input: DoumiSignedRequest & { appSecret: string }): string {
  return createHmac('sha256', input.appSecret).update(doumiStringToSign(input), 'utf8').digest('hex');
}
