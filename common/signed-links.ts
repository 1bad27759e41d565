// Signed, expiring tokens for the links a candidate receives (interview page, result lookup).
// A token names the workflow and what it opens; it carries no personal data, and its HMAC
// (keyed by hub.linkSecret) stops anyone from forging or widening it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'interview' | 'result';

export interface LinkClaims {
  workflowId: string;
  purpose: LinkPurpose;
  /** Unix seconds after which the link no longer opens. */
  expiresAt: number;
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function signLink(secret: string, claims: LinkClaims): string {
  const body = Buffer.from(JSON.stringify({ w: claims.workflowId, p: claims.purpose, e: claims.expiresAt })).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose' };

export function verifyLink(secret: string, token: string, purpose: LinkPurpose, nowMs = Date.now()): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let parsed: { w?: unknown; p?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof parsed.w !== 'string' || typeof parsed.e !== 'number' || (parsed.p !== 'interview' && parsed.p !== 'result')) {
    return { ok: false, reason: 'malformed' };
  }
  if (parsed.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (parsed.e * 1000 < nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { workflowId: parsed.w, purpose: parsed.p, expiresAt: parsed.e } };
}
