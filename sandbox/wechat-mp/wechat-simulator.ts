// A simulated WeChat official account (服务号) for dev and tests, from notify-providers.md §4 alone:
// the stable access token, template messages and subscription notices with their errcodes,
// failure injection and the outbox page. §4 defines no delivery receipt or event, so none is sent.
//
// Usage (jest):
//   const wechat = await startWechatMpSimulator({ apps: [APP] });   // APP.users: [{ openid, subscriptions: { sub_id: 1 } }]
//   // the hub calls ${wechat.url}/cgi-bin/stable_token, …/cgi-bin/message/template/send?access_token=…
//   wechat.messages();                                   // every message sent (full openids)
//   wechat.injectFailure({ code: '43101' });             // the next send: user refused the template
//   wechat.expireTokens();                               // the next use of any token answers 42001
//   wechat.subscribe(openid, 'sub_hb_result_ready', 1);  // one more consented notice
//   wechat.setFollows(openid, false);                    // template messages now answer 43004
//   await wechat.close();
// Over HTTP: GET /_sim (page), GET /_sim/state, GET /_sim/outbox, POST|DELETE /_sim/failures,
// POST /_sim/clock, POST /_sim/down, POST /_sim/users {tenantId?, openid, follows?, subscriptions?},
// POST /_sim/subscribe {tenantId?, openid, templateId, count?|always?}, POST /_sim/expire-tokens.
import { z } from 'zod';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import { createNotifyFailureInjector, type NotifyFailureSpec } from '../notify-kit/notify-failures';
import { serveNotifySimulator } from '../notify-kit/notify-sim-server';
import type { SandboxOutboxEntry } from '../notify-kit/outbox-entry';
import { createWechatApi } from './wechat-api';
import { devWechatApps, WECHAT_ERRCODES, type WechatApp, type WechatMessage, type WechatUser } from './wechat-model';
import { WechatState, type UnknownOpenidPolicy, type WechatRequestLogEntry } from './wechat-state';
import { createWechatTokenStore } from './wechat-tokens';

export interface WechatMpSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Default: the demo tenant's dev app (devWechatApps()). */
  apps?: WechatApp[];
  /** Default 'refuse' (40003). 'follower': a plausible unknown openid follows and consents to every subscription template (dev). */
  unknownOpenids?: UnknownOpenidPolicy;
  /** Access token lifetime, seconds. Default 7200. */
  tokenTtlSeconds?: number;
  /** Sends per template per app per day before 45009. Default 100 000. */
  dailyQuota?: number;
  /**
   * Same openid + client_msg_id within this many ms: the first msgid again, no second message.
   * Default 0 (off): §4 does not say WeChat dedupes, so the hub must not rely on it.
   */
  dedupeClientMsgIdMs?: number;
  clock?: SimClock;
}

export interface WechatMpSimulator {
  url: string;
  port: number;
  clock: SimClock;
  messages(filter?: { tenantId?: string; openid?: string; clientMsgId?: string }): WechatMessage[];
  outbox(): SandboxOutboxEntry[];
  requests(): WechatRequestLogEntry[];
  /** Tokens issued so far (a refresh storm shows here). */
  tokensIssued(): number;
  injectFailure(spec: NotifyFailureSpec): void;
  clearFailures(): void;
  expireTokens(): void;
  addUser(user: WechatUser, tenantId?: string): void;
  subscribe(openid: string, templateId: string, count?: number | 'always', tenantId?: string): void;
  setFollows(openid: string, follows: boolean, tenantId?: string): void;
  setDailyQuota(quota: number): void;
  downFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWechatMpSimulator(options: WechatMpSimulatorOptions = {}): Promise<WechatMpSimulator> {
  const clock = options.clock ?? createSimClock();
  const state = new WechatState(options.apps ?? devWechatApps(), options.unknownOpenids ?? 'refuse');
  const tokens = createWechatTokenStore(clock, options.tokenTtlSeconds ?? 7200);
  const failures = createNotifyFailureInjector(Object.keys(WECHAT_ERRCODES));
  let dailyQuota = options.dailyQuota ?? 100_000;

  const userOf = (openid: string, tenantId?: string): WechatUser => {
    const user = state.user(state.app(tenantId), openid);
    if (!user) throw new Error(`WeChat simulator: no user ${openid}`);
    return user;
  };

  const sim: Omit<WechatMpSimulator, 'url' | 'port' | 'downFor' | 'close'> = {
    clock,
    messages: (filter = {}) => state.messages.filter((m) => (filter.tenantId === undefined || m.tenantId === filter.tenantId)
      && (filter.openid === undefined || m.openid === filter.openid) && (filter.clientMsgId === undefined || m.clientMsgId === filter.clientMsgId)),
    outbox: () => state.messages.map((m) => state.toOutbox(m)),
    requests: () => state.requests,
    tokensIssued: () => tokens.issued(),
    injectFailure: (spec) => failures.add(spec),
    clearFailures: () => failures.clear(),
    expireTokens: () => tokens.expireAll(),
    addUser(user, tenantId) {
      const app = state.app(tenantId);
      app.users = app.users.filter((u) => u.openid !== user.openid).concat(structuredClone(user));
    },
    subscribe(openid, templateId, count = 1, tenantId) {
      const user = userOf(openid, tenantId);
      const before = user.subscriptions?.[templateId];
      user.subscriptions = { ...user.subscriptions, [templateId]: count === 'always' || before === 'always' ? 'always' : (before ?? 0) + count };
    },
    setFollows: (openid, follows, tenantId) => { userOf(openid, tenantId).follows = follows; },
    setDailyQuota: (quota) => { dailyQuota = quota; },
  };

  const server = await serveNotifySimulator({
    title: 'WeChat official account simulator (服务号)',
    port: options.port,
    clock,
    failures,
    api: createWechatApi({ state, clock, tokens, failures, dailyQuota: () => dailyQuota, dedupeClientMsgIdMs: options.dedupeClientMsgIdMs ?? 0 }),
    outbox: sim.outbox,
    notes: ['No delivery receipts: notify-providers.md §4 defines none, so WeChat messages stay ACCEPTED.'],
    snapshot: () => ({ apps: state.publicApps(), messages: sim.outbox(), requests: state.requests.length, tokensIssued: tokens.issued() }),
    controls: {
      users: (body) => {
        const b = z.object({
          tenantId: z.string().optional(), openid: z.string(), follows: z.boolean().optional(),
          subscriptions: z.record(z.string(), z.union([z.number().int().min(0), z.literal('always')])).optional(),
        }).parse(body);
        sim.addUser({ openid: b.openid, follows: b.follows, subscriptions: b.subscriptions }, b.tenantId);
      },
      subscribe: (body) => {
        const b = z.object({ tenantId: z.string().optional(), openid: z.string(), templateId: z.string(), count: z.number().int().min(1).optional(), always: z.boolean().optional() }).parse(body);
        sim.subscribe(b.openid, b.templateId, b.always ? 'always' : b.count ?? 1, b.tenantId);
      },
      'expire-tokens': () => { sim.expireTokens(); },
    },
  });

  return Object.assign(sim, { url: server.url, port: server.port, downFor: server.downFor, close: () => server.close() });
}
