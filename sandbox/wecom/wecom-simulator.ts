// A simulated WeCom (企业微信) for dev and tests, from ../shared/specs/hr-tools.md §3 alone (its own
// crypto; never the hub's connector): gettoken, template-card send and update with single-use
// response codes, a page showing each person's cards, and clicks as a given user that send the
// encrypted, signed template_card_event to the hub and wait 5 s for its empty answer.
//
// Usage (jest):
//   const wecom = await startWeComSimulator({ hubUrl: hub.url, tenants: [{ tenantId: 't1', corpId, agentId: 1000005, secret, token, encodingAESKey }] });
//   // the hub's WeCom client: base wecom.url instead of https://qyapi.weixin.qq.com
//   await wecom.verifyCallbackUrl('t1');                // GET with a random numeric echostr; .attempts[0].ok
//   const [card] = wecom.messages({ userId: 'LiNa' });  // what the hub sent, with each recipient's copy
//   const d = await wecom.click({ taskId: card.taskId, userId: 'LiNa', button: 'reject' });
//   d.attempts[0].status / .latencyMs / .deadlineMet     // empty 200 within 5 s? (else resent, 3 times in all)
//   wecom.responseCodes();                               // which codes the hub spent (update_template_card)
//   wecom.injectCallbackFault({ kind: 'stale' });        // next callback: timestamp 600 s old
//   await wecom.close();
// By hand: http://127.0.0.1:4108/ lists each person's cards with clickable buttons.
import express from 'express';
import { createFailureInjector, type FailureSpec } from '../board-kit/failure-injector';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import { createCallbackFaults, type CallbackFault } from '../hr-kit/callback-faults';
import { createCallbackSender, type CallbackDelivery } from '../hr-kit/callback-sender';
import { randomHex } from '../hr-kit/sim-ids';
import { createHrSimRoutes } from '../hr-kit/sim-routes';
import { createTokenStore } from '../hr-kit/token-store';
import { listenLoopback } from '../sim-kit/http-listen';
import { createWeComApi } from './wecom-api';
import { createWeComCallbacks, type WeComClickOptions } from './wecom-callbacks';
import { renderWeComPage } from './wecom-page';
import { devWeComTenants, WeComState, type ResponseCodeRecord, type WeComMessage, type WeComRequestLog, type WeComTenant } from './wecom-state';

export type { WeComClickOptions, WeComMessage, WeComTenant };

export interface WeComSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Callback target for tenants without their own hubUrl. */
  hubUrl?: string;
  /** Apps and their credentials. Default: the dev tenant `demo` (DEMO_WECOM_* or dev defaults). */
  tenants?: WeComTenant[];
  clock?: SimClock;
  /** How long WeCom waits for a click's answer before it drops the connection. Default 5000 ms. */
  answerDeadlineMs?: number;
  /** How long it waits for the GET verification's echo. Default 1000 ms. */
  verifyDeadlineMs?: number;
  /** Deliveries of an unanswered click in all. Default 3. */
  clickAttempts?: number;
  /** Runs the GET verification for every tenant with a hubUrl once listening. Default false. */
  verifyOnStart?: boolean;
}

export interface WeComSimulator {
  url: string;
  clock: SimClock;
  close(): Promise<void>;
  messages(filter?: { tenantId?: string; userId?: string; taskId?: string }): WeComMessage[];
  message(msgid: string): WeComMessage | undefined;
  /** Clicks a button as a user; resolves after the first attempt with the hub's answer. */
  click(options: WeComClickOptions): Promise<CallbackDelivery>;
  verifyCallbackUrl(tenantId?: string): Promise<CallbackDelivery>;
  /** Sends an earlier callback again as a new delivery (a click's request is built once: always the same bytes, as WeCom's retries). */
  redeliver(deliveryId: string, options?: { unchanged?: boolean }): Promise<CallbackDelivery>;
  responseCodes(filter?: { msgid?: string }): ResponseCodeRecord[];
  callbacks(): CallbackDelivery[];
  callbacksIdle(timeoutMs?: number): Promise<void>;
  injectCallbackFault(fault: CallbackFault): void;
  /** API-side failures (board-kit shape); `match` is a substring of `METHOD /cgi-bin/...`. */
  injectFailure(spec: FailureSpec): void;
  clearFaults(): void;
  /** Expires every access token: the next call gets errcode 42001. */
  expireTokens(): void;
  tokensIssued(): number;
  setHubUrl(hubUrl: string | undefined, tenantId?: string): void;
  requests(): WeComRequestLog[];
}

export async function startWeComSimulator(options: WeComSimulatorOptions = {}): Promise<WeComSimulator> {
  const clock = options.clock ?? createSimClock();
  const state = new WeComState((options.tenants ?? devWeComTenants()).map((t) => ({ ...t, hubUrl: t.hubUrl ?? options.hubUrl })));
  const tokens = createTokenStore(clock, '');
  const failures = createFailureInjector();
  const faults = createCallbackFaults();
  const sender = createCallbackSender(1);
  const callbacks = createWeComCallbacks({
    state, sender, faults,
    timings: { answerDeadlineMs: options.answerDeadlineMs ?? 5000, verifyDeadlineMs: options.verifyDeadlineMs ?? 1000, attempts: options.clickAttempts ?? 3 },
    newResponseCode(tenant, msgid, userId) {
      const code = `rc_${randomHex(40)}`;
      state.responseCodes.set(code, { code, tenantId: tenant.tenantId, msgid, origin: 'click', userIds: [userId], issuedAt: clock.now() });
      return code;
    },
  });
  const verifyAll = async (tenantId?: string) => {
    const targets = tenantId ? [state.tenant(tenantId)] : [...state.tenants.values()].filter((t) => t.hubUrl);
    return Promise.all(targets.map((t) => callbacks.verify(t.tenantId)));
  };

  const sim: Omit<WeComSimulator, 'url' | 'close'> = {
    clock,
    messages: (filter = {}) => [...state.messages.values()].filter((m) =>
      (filter.tenantId === undefined || m.tenantId === filter.tenantId)
      && (filter.userId === undefined || m.touser.includes(filter.userId))
      && (filter.taskId === undefined || m.taskId === filter.taskId)),
    message: (id) => state.messages.get(id),
    click: async (o) => callbacks.click(o),
    verifyCallbackUrl: async (tenantId) => callbacks.verify(tenantId),
    redeliver: async (id, o = {}) => sender.repeat(id, { unchanged: o.unchanged }).firstAttempt,
    responseCodes: (filter = {}) => [...state.responseCodes.values()].filter((r) => filter.msgid === undefined || r.msgid === filter.msgid),
    callbacks: () => sender.deliveries(),
    callbacksIdle: (timeoutMs) => sender.idle(timeoutMs),
    injectCallbackFault: (f) => faults.add(f),
    injectFailure: (spec) => failures.add(spec),
    clearFaults: () => { faults.clear(); failures.clear(); },
    expireTokens: () => tokens.expireAll(),
    tokensIssued: () => tokens.issuedCount(),
    setHubUrl(hubUrl, tenantId) {
      for (const t of state.tenants.values()) if (tenantId === undefined || t.tenantId === tenantId) t.hubUrl = hubUrl;
    },
    requests: () => state.requests,
  };

  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const routes = createHrSimRoutes({
    clock,
    click: (body) => callbacks.click({
      msgid: str(body.msgid), taskId: str(body.taskId), userId: str(body.userId),
      button: typeof body.button === 'number' || typeof body.button === 'string' ? body.button : 0,
    }),
    snapshot: () => ({
      now: new Date(clock.now()).toISOString(),
      tenants: [...state.tenants.values()].map((t) => ({ tenantId: t.tenantId, corpId: t.corpId, agentId: t.agentId, hubUrl: t.hubUrl ?? null })),
      tokensIssued: tokens.issuedCount(),
      messages: [...state.messages.values()],
      responseCodes: [...state.responseCodes.values()],
      callbacks: sender.deliveries(),
      faultsPending: faults.pending(),
      requests: state.requests.length,
    }),
    verify: verifyAll,
    redeliver: sim.redeliver,
    addCallbackFault: sim.injectCallbackFault,
    addApiFailure: sim.injectFailure,
    clearFaults: sim.clearFaults,
    expireTokens: sim.expireTokens,
    // WeCom's retries follow the 5 s drop immediately; there is no schedule to scale.
    setRedeliveryScale: () => undefined,
    page: (o) => renderWeComPage(state, sender.deliveries(), o),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/cgi-bin', createWeComApi({ state, clock, tokens, failures }));
  app.use('/_sim', routes.control);
  app.use(routes.page);
  const server = await listenLoopback(app, options.port ?? 0);
  if (options.verifyOnStart) void verifyAll().catch(() => undefined);
  return Object.assign(sim, {
    url: server.url,
    async close() {
      sender.close();
      await server.close();
    },
  });
}
