// A simulated Feishu/Lark (飞书) for dev and tests, from ../shared/specs/hr-tools.md §1 alone (its
// own crypto; never the hub's connector): the Open Platform API the hub sends cards with, a page
// showing them, and clicks as a given user that post the signed, encrypted card.action.trigger.
//
// Usage (jest):
//   const feishu = await startFeishuSimulator({ hubUrl: hub.url, tenants: [{ tenantId: 't1', appId, appSecret, verificationToken, encryptKey }] });
//   // point the hub's Feishu client at feishu.url (the SDK's `domain` option)
//   await feishu.verifyCallbackUrl('t1');                  // url_verification; .attempts[0].ok
//   const [card] = feishu.messages({ openId: 'ou_…' });     // what the hub sent (uuid-deduped)
//   const d = await feishu.click({ messageId: card.messageId, userId: 'ou_…', button: 'approve' });
//   d.attempts[0].status, .latencyMs, .deadlineMet, .answer  // the hub's answer (toast) and its latency
//   feishu.injectCallbackFault({ kind: 'missign' });       // next callback: wrong X-Lark-Signature
//   feishu.injectCallbackFault({ kind: 'duplicate' });     // next callback sent twice, same event_id
//   feishu.injectFailure({ kind: 'rateLimit', match: 'POST /open-apis/im/v1/messages' });
//   feishu.expireTokens();                                 // next API call: 99991663
//   await feishu.close();
// By hand: http://127.0.0.1:4106/ lists the cards per user with clickable buttons; /_sim/state is the JSON.
import express from 'express';
import { createFailureInjector, type FailureSpec } from '../board-kit/failure-injector';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import { createCallbackFaults, type CallbackFault } from '../hr-kit/callback-faults';
import { createCallbackSender, type CallbackDelivery } from '../hr-kit/callback-sender';
import { createHrSimRoutes } from '../hr-kit/sim-routes';
import { createTokenStore } from '../hr-kit/token-store';
import { listenLoopback } from '../sim-kit/http-listen';
import { createFeishuApi } from './feishu-api';
import { createFeishuCallbacks, type FeishuClickOptions } from './feishu-callbacks';
import { renderFeishuPage } from './feishu-page';
import { devFeishuTenants, FeishuState, type FeishuMessage, type FeishuRequestLog, type FeishuTenant } from './feishu-state';

export type { FeishuClickOptions, FeishuMessage, FeishuTenant };

export interface FeishuSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Callback target for tenants without their own hubUrl. */
  hubUrl?: string;
  /** Apps and their credentials. Default: the dev tenant `demo` (DEMO_FEISHU_* or dev defaults). */
  tenants?: FeishuTenant[];
  clock?: SimClock;
  /** How long Feishu waits for a click's answer. Default 3000 ms. */
  answerDeadlineMs?: number;
  /** How long it waits for the url_verification answer. Default 1000 ms. */
  verifyDeadlineMs?: number;
  /** Redeliveries of a click that failed; Feishu makes none (default []). */
  clickRetryScheduleMs?: number[];
  /** Multiplies clickRetryScheduleMs. Default 1. */
  redeliveryScale?: number;
  /** Sends url_verification for every tenant with a hubUrl once listening. Default false. */
  verifyOnStart?: boolean;
}

export interface FeishuSimulator {
  url: string;
  clock: SimClock;
  close(): Promise<void>;
  /** Messages the hub sent, oldest first. */
  messages(filter?: { tenantId?: string; openId?: string }): FeishuMessage[];
  message(messageId: string): FeishuMessage | undefined;
  /** Clicks a card button; resolves after the first attempt with the hub's answer. */
  click(options: FeishuClickOptions): Promise<CallbackDelivery>;
  verifyCallbackUrl(tenantId?: string, options?: { plaintext?: boolean }): Promise<CallbackDelivery>;
  /** Sends an earlier callback again: unchanged bytes, or freshly encrypted and signed. */
  redeliver(deliveryId: string, options?: { unchanged?: boolean }): Promise<CallbackDelivery>;
  callbacks(): CallbackDelivery[];
  callbacksIdle(timeoutMs?: number): Promise<void>;
  injectCallbackFault(fault: CallbackFault): void;
  /** API-side failures (board-kit shape); `match` is a substring of `METHOD /open-apis/...`. */
  injectFailure(spec: FailureSpec): void;
  clearFaults(): void;
  expireTokens(): void;
  tokensIssued(): number;
  setHubUrl(hubUrl: string | undefined, tenantId?: string): void;
  setRedeliveryScale(scale: number): void;
  requests(): FeishuRequestLog[];
}

export async function startFeishuSimulator(options: FeishuSimulatorOptions = {}): Promise<FeishuSimulator> {
  const clock = options.clock ?? createSimClock();
  const state = new FeishuState((options.tenants ?? devFeishuTenants()).map((t) => ({ ...t, hubUrl: t.hubUrl ?? options.hubUrl })));
  const tokens = createTokenStore(clock, 't-');
  const failures = createFailureInjector();
  const faults = createCallbackFaults();
  const sender = createCallbackSender(options.redeliveryScale ?? 1);
  const callbacks = createFeishuCallbacks({
    state, sender, faults,
    timings: {
      answerDeadlineMs: options.answerDeadlineMs ?? 3000,
      verifyDeadlineMs: options.verifyDeadlineMs ?? 1000,
      clickRetryScheduleMs: options.clickRetryScheduleMs ?? [],
    },
  });
  const verifyAll = async (tenantId?: string) => {
    const targets = tenantId ? [state.tenant(tenantId)] : [...state.tenants.values()].filter((t) => t.hubUrl);
    return Promise.all(targets.map((t) => callbacks.verify(t.tenantId)));
  };

  const sim: Omit<FeishuSimulator, 'url' | 'close'> = {
    clock,
    messages: (filter = {}) => [...state.messages.values()].filter((m) =>
      (filter.tenantId === undefined || m.tenantId === filter.tenantId) && (filter.openId === undefined || m.openId === filter.openId)),
    message: (id) => state.messages.get(id),
    click: async (o) => callbacks.click(o),
    verifyCallbackUrl: async (tenantId, o) => callbacks.verify(tenantId, o),
    redeliver: async (id, o = {}) => sender.repeat(id, { unchanged: o.unchanged }).firstAttempt,
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
    setRedeliveryScale: (scale) => sender.setRedeliveryScale(scale),
    requests: () => state.requests,
  };

  const routes = createHrSimRoutes({
    clock,
    click: (body) => callbacks.click({
      messageId: String(body.messageId ?? ''),
      userId: typeof body.userId === 'string' && body.userId ? body.userId : undefined,
      button: typeof body.button === 'number' || typeof body.button === 'string' ? body.button : 0,
      eventId: typeof body.eventId === 'string' && body.eventId ? body.eventId : undefined,
    }),
    snapshot: () => ({
      now: new Date(clock.now()).toISOString(),
      tenants: [...state.tenants.values()].map((t) => ({ tenantId: t.tenantId, appId: t.appId, tenantKey: t.tenantKey, hubUrl: t.hubUrl ?? null })),
      tokensIssued: tokens.issuedCount(),
      messages: [...state.messages.values()],
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
    setRedeliveryScale: sim.setRedeliveryScale,
    page: (o) => renderFeishuPage(state, sender.deliveries(), o),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/open-apis', createFeishuApi({ state, clock, tokens, failures }));
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
