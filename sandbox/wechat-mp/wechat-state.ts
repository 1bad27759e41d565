// The simulated WeChat account's memory: apps, their users (openid, follow, consents), every
// message sent, the request log (no openids) and the daily send counts; maps messages to the
// common outbox shape.
import { toBeijingText } from '../board-kit/board-time';
import { maskOpenid, type SandboxOutboxEntry } from '../notify-kit/outbox-entry';
import type { WechatApp, WechatMessage, WechatUser } from './wechat-model';

export interface WechatRequestLogEntry {
  /** Wall-clock ms. */
  at: number;
  endpoint: string;
  appId?: string;
  errcode?: number;
  injected?: string;
}

/** What happens to an openid the app has never seen: refused (40003), or taken as a consenting follower. */
export type UnknownOpenidPolicy = 'refuse' | 'follower';

export class WechatState {
  readonly apps = new Map<string, WechatApp>(); // appId → app
  readonly messages: WechatMessage[] = [];
  readonly requests: WechatRequestLogEntry[] = [];
  private readonly sentPerDay = new Map<string, number>(); // `${appId}:${templateId}:${day}` → count
  private nextMsgid = 2_453_000_000_000_000;

  constructor(apps: WechatApp[], private readonly unknownOpenids: UnknownOpenidPolicy) {
    for (const a of apps) this.apps.set(a.appId, structuredClone(a));
  }

  app(tenantId?: string): WechatApp {
    const all = [...this.apps.values()];
    const found = tenantId === undefined ? all[0] : all.find((a) => a.tenantId === tenantId);
    if (!found) throw new Error(`WeChat simulator: no app${tenantId ? ` for tenant ${tenantId}` : ''}`);
    return found;
  }

  /** The user, created as a consenting follower when the policy says so and the openid looks real. */
  user(app: WechatApp, openid: string): WechatUser | undefined {
    const known = app.users.find((u) => u.openid === openid);
    if (known || this.unknownOpenids === 'refuse' || !/^o[A-Za-z0-9_-]{20,40}$/.test(openid)) return known;
    const subscriptions = Object.fromEntries(Object.entries(app.templates).filter(([, t]) => t.kind === 'subscribe').map(([id]) => [id, 'always' as const]));
    const created: WechatUser = { openid, follows: true, subscriptions };
    app.users.push(created);
    return created;
  }

  newMsgid(): number {
    this.nextMsgid += 1 + Math.floor(Math.random() * 1000);
    return this.nextMsgid;
  }

  /** Sends of this template today (Beijing day) before this one. */
  countToday(appId: string, templateId: string, nowMs: number): number {
    return this.sentPerDay.get(`${appId}:${templateId}:${toBeijingText(nowMs).slice(0, 10)}`) ?? 0;
  }

  countSend(appId: string, templateId: string, nowMs: number): void {
    const key = `${appId}:${templateId}:${toBeijingText(nowMs).slice(0, 10)}`;
    this.sentPerDay.set(key, (this.sentPerDay.get(key) ?? 0) + 1);
  }

  toOutbox(m: WechatMessage): SandboxOutboxEntry {
    return {
      provider: 'wechat-mp',
      channel: 'wechat',
      tenantId: m.tenantId,
      to: maskOpenid(m.openid),
      template: m.templateId,
      params: m.data,
      text: m.text,
      at: new Date(m.acceptedAt).toISOString(),
      // §4 defines no delivery receipt for WeChat: a sent message stays ACCEPTED.
      status: 'ACCEPTED',
      providerMessageId: String(m.msgid),
      idempotencyKey: m.clientMsgId,
    };
  }

  publicApps(): unknown[] {
    return [...this.apps.values()].map((a) => ({
      tenantId: a.tenantId, appId: a.appId, templates: a.templates,
      users: a.users.map((u) => ({ openid: maskOpenid(u.openid), follows: u.follows ?? true, subscriptions: u.subscriptions ?? {} })),
    }));
  }
}
