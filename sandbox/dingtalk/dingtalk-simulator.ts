// A simulated DingTalk (钉钉) for dev and tests, from ../shared/specs/hr-tools.md §2 alone (its own
// crypto; never the hub's connector): access tokens, the OA approval (审批) the hub starts per
// review, work notifications, a page showing them, and approver actions that push the encrypted,
// signed bpms_task_change / bpms_instance_change events to the hub and check its `success` answer.
//
// Usage (jest):
//   const ding = await startDingTalkSimulator({ hubUrl: hub.url, redeliveryScale: 0.001, tenants: [{ tenantId: 't1', appKey, appSecret, agentId, corpId, token, aesKey }] });
//   // the hub's DingTalk client: api base ding.url (instead of https://api.dingtalk.com) and oapi base ding.url
//   await ding.checkUrl('t1');                                  // check_url push; .attempts[0].ok
//   const [inst] = ding.instances();                            // the approval the hub started
//   const pushes = await ding.act({ instanceId: inst.instanceId, userId: '0621371839441234', action: 'agree', remark: '形象好' });
//   // → bpms_task_change start, finish(agree), cancel for other 或签 approvers, bpms_instance_change finish
//   pushes[1].attempts[0].ok / .latencyMs / .deadlineMet       // the hub's encrypted `success` in 1.5 s?
//   await ding.redeliver(pushes[1].id, { unchanged: true });    // the same push again (dedupe tests)
//   ding.injectCallbackFault({ kind: 'missign' });             // next push: wrong signature
//   ding.notifications();                                       // work notifications (identical ones dropped per user per day)
//   ding.clock.advance(15_000);                                 // terminate refuses instances younger than 15 s
//   await ding.close();
// By hand: http://127.0.0.1:4107/ lists each person's approvals and notifications with their buttons.
import express from 'express';
import { createFailureInjector, type FailureSpec } from '../board-kit/failure-injector';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import { createCallbackFaults, type CallbackFault } from '../hr-kit/callback-faults';
import { createCallbackSender, type CallbackDelivery } from '../hr-kit/callback-sender';
import { createHrSimRoutes } from '../hr-kit/sim-routes';
import { createTokenStore } from '../hr-kit/token-store';
import { listenLoopback } from '../sim-kit/http-listen';
import { createDingTalkApi } from './dingtalk-api';
import { ApprovalError, createApprovalEngine, type ApprovalAction } from './dingtalk-approval';
import { renderDingTalkPage } from './dingtalk-page';
import { createDingTalkPushes } from './dingtalk-pushes';
import { devDingTalkTenants, DingTalkState, type DingTalkInstance, type DingTalkRequestLog, type DingTalkTenant, type WorkNotification } from './dingtalk-state';

export type { ApprovalAction, DingTalkInstance, DingTalkTenant, WorkNotification };

/**
 * Waits before each redelivery of a push the hub did not answer with `success` in time. The spec
 * only says pushes are "redelivered later"; this schedule is the simulator's assumption.
 */
export const DINGTALK_REDELIVERY_MS = [60_000, 300_000, 1_800_000, 3_600_000] as const;

export interface DingTalkSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Push target for tenants without their own hubUrl. */
  hubUrl?: string;
  /** Apps and their credentials. Default: the dev tenant `demo` (DEMO_DINGTALK_* or dev defaults). */
  tenants?: DingTalkTenant[];
  clock?: SimClock;
  /** How long DingTalk waits for the encrypted `success`. Default 1500 ms. */
  answerDeadlineMs?: number;
  /** Redelivery waits. Default DINGTALK_REDELIVERY_MS. */
  redeliveryScheduleMs?: number[];
  /** Multiplies the redelivery schedule. Default 1. */
  redeliveryScale?: number;
  /** Terminate refuses instances younger than this (simulated clock). Default 15000 ms. */
  terminateMinAgeMs?: number;
  /** Sends check_url for every tenant with a hubUrl once listening. Default false. */
  verifyOnStart?: boolean;
}

export interface DingTalkActOptions {
  instanceId: string;
  /** The approver acting (their task must be running). */
  userId: string;
  action: ApprovalAction;
  remark?: string;
  /** For `redirect` (转交): the new approver. */
  redirectTo?: string;
  /** Push in the older registered-callback format (no eventId/taskId, `corpId`). */
  legacy?: boolean;
  /** Query names: msg_signature & timestamp, or signature & timeStamp. */
  spelling?: 'msg_signature' | 'signature';
}

export interface DingTalkSimulator {
  url: string;
  clock: SimClock;
  close(): Promise<void>;
  instances(filter?: { tenantId?: string; status?: DingTalkInstance['status'] }): DingTalkInstance[];
  instance(instanceId: string): DingTalkInstance | undefined;
  notifications(filter?: { tenantId?: string; userId?: string }): WorkNotification[];
  /** An approver acts; resolves with each push after its first attempt, in order. */
  act(options: DingTalkActOptions): Promise<CallbackDelivery[]>;
  checkUrl(tenantId?: string): Promise<CallbackDelivery>;
  /** Sends an earlier push again: the same bytes (`unchanged`) or with a new nonce and prefix. */
  redeliver(deliveryId: string, options?: { unchanged?: boolean }): Promise<CallbackDelivery>;
  callbacks(): CallbackDelivery[];
  callbacksIdle(timeoutMs?: number): Promise<void>;
  injectCallbackFault(fault: CallbackFault): void;
  /** API-side failures (board-kit shape); `match` is a substring of `METHOD /v1.0/...` or `/topapi/...`. */
  injectFailure(spec: FailureSpec): void;
  clearFaults(): void;
  expireTokens(): void;
  tokensIssued(): number;
  setHubUrl(hubUrl: string | undefined, tenantId?: string): void;
  setRedeliveryScale(scale: number): void;
  requests(): DingTalkRequestLog[];
}

export async function startDingTalkSimulator(options: DingTalkSimulatorOptions = {}): Promise<DingTalkSimulator> {
  const clock = options.clock ?? createSimClock();
  const state = new DingTalkState((options.tenants ?? devDingTalkTenants()).map((t) => ({ ...t, hubUrl: t.hubUrl ?? options.hubUrl })));
  const tokens = createTokenStore(clock, '');
  const failures = createFailureInjector();
  const faults = createCallbackFaults();
  const sender = createCallbackSender(options.redeliveryScale ?? 1);
  const approvals = createApprovalEngine(state, clock);
  const pushes = createDingTalkPushes({
    state, sender, faults,
    timings: { answerDeadlineMs: options.answerDeadlineMs ?? 1500, scheduleMs: options.redeliveryScheduleMs ?? DINGTALK_REDELIVERY_MS },
  });
  const checkAll = async (tenantId?: string) => {
    const targets = tenantId ? [state.tenant(tenantId)] : [...state.tenants.values()].filter((t) => t.hubUrl);
    return Promise.all(targets.map((t) => pushes.checkUrl(t.tenantId)));
  };

  const act = async (o: DingTalkActOptions): Promise<CallbackDelivery[]> => {
    const instance = state.instances.get(o.instanceId);
    if (!instance) throw new ApprovalError(`DingTalk simulator: no approval instance ${o.instanceId}`);
    const tenant = state.tenant(instance.tenantId);
    const events = approvals.act(instance, o.userId, o.action, { remark: o.remark, redirectTo: o.redirectTo });
    return pushes.approvalEvents(tenant, events, { legacy: o.legacy, spelling: o.spelling });
  };

  const sim: Omit<DingTalkSimulator, 'url' | 'close'> = {
    clock,
    instances: (filter = {}) => [...state.instances.values()].filter((i) =>
      (filter.tenantId === undefined || i.tenantId === filter.tenantId) && (filter.status === undefined || i.status === filter.status)),
    instance: (id) => state.instances.get(id),
    notifications: (filter = {}) => state.notifications.filter((n) =>
      (filter.tenantId === undefined || n.tenantId === filter.tenantId) && (filter.userId === undefined || n.userIds.includes(filter.userId))),
    act,
    checkUrl: async (tenantId) => pushes.checkUrl(tenantId),
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

  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const routes = createHrSimRoutes({
    clock,
    click: (body) => {
      const action = str(body.action);
      if (action !== 'agree' && action !== 'refuse' && action !== 'redirect' && action !== 'comment') throw new Error('action must be agree, refuse, redirect or comment');
      return act({
        instanceId: str(body.instanceId) ?? '', userId: str(body.userId) ?? '', action, remark: str(body.remark), redirectTo: str(body.redirectTo),
        legacy: body.legacy === true || body.legacy === 'true', spelling: body.spelling === 'signature' ? 'signature' : undefined,
      });
    },
    snapshot: () => ({
      now: new Date(clock.now()).toISOString(),
      tenants: [...state.tenants.values()].map((t) => ({ tenantId: t.tenantId, appKey: t.appKey, corpId: t.corpId, agentId: t.agentId, ownerKey: t.ownerKey, hubUrl: t.hubUrl ?? null })),
      tokensIssued: tokens.issuedCount(),
      instances: [...state.instances.values()],
      notifications: state.notifications,
      callbacks: sender.deliveries(),
      faultsPending: faults.pending(),
      requests: state.requests.length,
    }),
    verify: checkAll,
    redeliver: sim.redeliver,
    addCallbackFault: sim.injectCallbackFault,
    addApiFailure: sim.injectFailure,
    clearFaults: sim.clearFaults,
    expireTokens: sim.expireTokens,
    setRedeliveryScale: sim.setRedeliveryScale,
    page: (o) => renderDingTalkPage(state, sender.deliveries(), o),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/_sim', routes.control);
  app.use(routes.page);
  app.use(createDingTalkApi({
    state, clock, tokens, failures, approvals,
    terminateMinAgeMs: options.terminateMinAgeMs ?? 15_000,
    onEvents: (tenant, events) => { if (tenant.hubUrl) void pushes.approvalEvents(tenant, events).catch(() => undefined); },
  }));
  const server = await listenLoopback(app, options.port ?? 0);
  if (options.verifyOnStart) void checkAll().catch(() => undefined);
  return Object.assign(sim, {
    url: server.url,
    async close() {
      sender.close();
      await server.close();
    },
  });
}
