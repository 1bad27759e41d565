// WeChat's stable access token (notify-providers.md §4): one token per app, handed out again to
// every caller until it expires (so one process never invalidates another's); force_refresh issues
// a new one and the old one stops working. An unknown token is 40001, an expired one 42001.
// Expiry runs on the simulator's clock, so tests can age tokens.
import { randomBytes } from 'node:crypto';
import type { SimClock } from '../board-kit/sim-clock';

interface IssuedToken { appId: string; expiresAt: number; revoked: boolean }

export interface WechatTokenStore {
  /** The app's current token and its remaining seconds; a new one when none is valid or when forced. */
  stable(appId: string, forceRefresh: boolean): { accessToken: string; expiresIn: number };
  /** The app of a usable token, or the errcode: 40001 unknown or replaced, 42001 expired. */
  check(accessToken: string): { appId: string } | { errcode: 40001 | 42001 };
  /** Ages every token past its expiry (the next use answers 42001). */
  expireAll(): void;
  issued(): number;
}

export function createWechatTokenStore(clock: SimClock, ttlSeconds: number): WechatTokenStore {
  const tokens = new Map<string, IssuedToken>();
  const current = new Map<string, string>(); // appId → token
  let issued = 0;
  return {
    stable(appId, forceRefresh) {
      const now = clock.now();
      const existing = current.get(appId);
      const info = existing ? tokens.get(existing) : undefined;
      if (existing && info && !forceRefresh && info.expiresAt > now) {
        return { accessToken: existing, expiresIn: Math.max(1, Math.floor((info.expiresAt - now) / 1000)) };
      }
      if (info) info.revoked = true;
      // Real tokens are long opaque strings; the length does not matter to a caller.
      const accessToken = `${issued + 1}_${randomBytes(48).toString('base64url')}`;
      issued += 1;
      tokens.set(accessToken, { appId, expiresAt: now + ttlSeconds * 1000, revoked: false });
      current.set(appId, accessToken);
      return { accessToken, expiresIn: ttlSeconds };
    },
    check(accessToken) {
      const info = tokens.get(accessToken);
      if (!info || info.revoked) return { errcode: 40001 };
      if (info.expiresAt <= clock.now()) return { errcode: 42001 };
      return { appId: info.appId };
    },
    expireAll() {
      const past = clock.now() - 1;
      for (const info of tokens.values()) info.expiresAt = Math.min(info.expiresAt, past);
    },
    issued: () => issued,
  };
}
