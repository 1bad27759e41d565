// Access tokens the simulated HR tools hand out (Feishu tenant_access_token, DingTalk accessToken,
// WeCom access_token): each valid for its lifetime on the simulator's clock, all revocable at once
// so a test can make the hub meet an expired token and refresh.
import { randomBytes } from 'node:crypto';
import type { SimClock } from '../board-kit/sim-clock';

export interface TokenStore {
  issue(subject: string): { token: string; expiresInSeconds: number };
  /** The subject (app / tenant) the token was issued to, while it is valid. */
  check(token: string | undefined): string | undefined;
  /** Why a token is refused: it expired (or was expired by `expireAll`), or it was never issued. */
  refusal(token: string | undefined): 'expired' | 'invalid';
  /** Expires every token issued so far. */
  expireAll(): void;
  issuedCount(): number;
}

export function createTokenStore(clock: SimClock, prefix: string, lifetimeSeconds = 7200): TokenStore {
  const tokens = new Map<string, { subject: string; expiresAt: number }>();
  const expired = new Set<string>();
  let issued = 0;
  return {
    issue(subject) {
      const token = `${prefix}${randomBytes(16).toString('hex')}`;
      tokens.set(token, { subject, expiresAt: clock.now() + lifetimeSeconds * 1000 });
      issued += 1;
      return { token, expiresInSeconds: lifetimeSeconds };
    },
    check(token) {
      const entry = token ? tokens.get(token) : undefined;
      if (!entry) return undefined;
      if (clock.now() >= entry.expiresAt) {
        tokens.delete(token!);
        expired.add(token!);
        return undefined;
      }
      return entry.subject;
    },
    refusal: (token) => (token && expired.has(token) ? 'expired' : 'invalid'),
    expireAll() {
      for (const token of tokens.keys()) expired.add(token);
      tokens.clear();
    },
    issuedCount: () => issued,
  };
}
