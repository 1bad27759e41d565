// Finds the hub's signed one-click links in a stored e-mail (`{hub}/hr/d/{token}`, spec §4) and
// reads each token's claims so a test can pick the approve / reject / reinterview link. Reading
// is all it does: it never checks a MAC (that is the hub's job) and never follows a link.
import type { StoredMail } from './mail-store';

export interface SignedLink {
  url: string;
  token: string;
  /** The decoded claims (v, kid, tid, aid, act, rev, iat, exp, jti), when the payload is JSON. */
  claims?: Record<string, unknown>;
  act?: string;
}

const LINK_PATH = /\/hr\/d\/([^/?#\s]+)/;

export function signedLinks(mail: StoredMail): SignedLink[] {
  return mail.links.flatMap((url) => {
    const match = LINK_PATH.exec(url);
    if (!match) return [];
    const token = decodeURIComponent(match[1]!);
    let claims: Record<string, unknown> | undefined;
    const payload = token.split('.')[1];
    if (payload) {
      try { claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>; } catch { claims = undefined; }
    }
    return [{ url, token, claims, act: typeof claims?.act === 'string' ? claims.act : undefined }];
  });
}
