// A simulated Tencent Cloud SMS (SendSms 2021-01-11) for dev and tests, from notify-providers.md
// §0 and §2 alone: SendSms and PullSmsSendStatusByPhoneNumber behind a TC3-HMAC-SHA256 gateway,
// status callbacks pushed to the hub, failure injection, and the outbox page.
//
// Usage (jest):
//   const tencent = await startTencentSmsSimulator({ accounts: [ACCOUNT], hubUrl: receiver.url, receiptDelayMs: 20 });
//   tencent.messages();                                    // every accepted message (E.164 numbers)
//   await tencent.receiptsIdle();
//   tencent.injectFailure({ code: 'LimitExceeded.PhoneNumberDailyLimit' });   // per number, in SendStatusSet
//   tencent.injectFailure({ code: 'InternalError.Timeout' });                 // request-level Error
//   tencent.injectFailure({ kind: 'dropAfterAccept' });
//   tencent.setBlacklisted('+8613900139000'); tencent.setUndeliverable('+8613700137000');
//   tencent.clock.advance(30_000);                         // past the 30 s per-number window
//   await tencent.close();
// The SDK (tencentcloud-sdk-nodejs-sms) derives the signing service from the endpoint's first
// label, so `endpoint: tencent.host` would sign for service `127`, which §2.2 refuses: keep the
// endpoint `sms.tencentcloudapi.com` (protocol `http://`) and route it here with
// httpProfile.agent (an http.Agent whose lookup answers 127.0.0.1, URL port = tencent.port), or sign
// yourself. See the README section "Message simulators".
// Over HTTP: GET /_sim (page), GET /_sim/state, GET /_sim/outbox, POST|DELETE /_sim/failures,
// POST /_sim/clock, POST /_sim/down, POST /_sim/undeliverable {phone, undeliverable?},
// POST /_sim/blacklist {phone, blacklisted?}, POST /_sim/templates {tenantId?, id, content, kind?, approved?},
// POST /_sim/balance {tenantId?, balance}.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import type { Delivery } from '../board-kit/webhook-sender';
import { createNotifyFailureInjector, type NotifyFailureSpec } from '../notify-kit/notify-failures';
import { serveNotifySimulator } from '../notify-kit/notify-sim-server';
import type { SandboxOutboxEntry } from '../notify-kit/outbox-entry';
import { createPerNumberLimiter, type FrequencyWindow } from '../notify-kit/per-number-limiter';
import { createReceiptPusher } from '../notify-kit/receipt-pusher';
import { createTencentGateway, tencentError, tencentReply, type TencentCall } from './tencent-gateway';
import {
  devTencentAccounts, TENCENT_CODES, TENCENT_PER_NUMBER_LIMITS, type TencentAccount, type TencentMessage, type TencentTemplate,
} from './tencent-model';
import { pullSmsSendStatusByPhoneNumber } from './tencent-pull-status';
import { isTencentReceiptAck, scheduleTencentReports } from './tencent-receipts';
import { sendTencentSms } from './tencent-send-sms';
import { TencentState, type TencentRequestLogEntry } from './tencent-state';

export interface TencentSmsSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Default: the demo tenant's dev account (devTencentAccounts()). */
  accounts?: TencentAccount[];
  /** Receipts go to {hubUrl}/webhooks/sms/tencent/{tenantId}/{receiptSecret}; none when unset. */
  hubUrl?: string;
  /** From acceptance to the handset's report. Default 1000 ms. */
  receiptDelayMs?: number;
  /** Multiplies the receipt retry schedule (10 s, 1 min, 5 min). Default 1. */
  receiptRetryScale?: number;
  /** E.164 numbers whose report is FAIL. */
  undeliverable?: string[];
  /** E.164 numbers on the do-not-disturb list. */
  blacklist?: string[];
  /** Per-number limits. Default §0: 1 per 30 s, 5/hour, 10/day. */
  perNumberLimits?: FrequencyWindow[];
  /** Longest variable value, in characters. Default 12 (§0). */
  maxParamLength?: number;
  clock?: SimClock;
}

export interface TencentSmsSimulator {
  url: string;
  /** `127.0.0.1:<port>`. */
  host: string;
  port: number;
  clock: SimClock;
  messages(filter?: { tenantId?: string; phone?: string; sessionContext?: string }): TencentMessage[];
  outbox(): SandboxOutboxEntry[];
  requests(): TencentRequestLogEntry[];
  receipts(): Delivery[];
  receiptsIdle(timeoutMs?: number): Promise<void>;
  injectFailure(spec: NotifyFailureSpec): void;
  clearFailures(): void;
  setUndeliverable(phone: string, undeliverable?: boolean, report?: { errmsg?: string; description?: string }): void;
  setBlacklisted(phone: string, blacklisted?: boolean): void;
  setTemplate(id: string, template: TencentTemplate, tenantId?: string): void;
  setBalance(balance: number | undefined, tenantId?: string): void;
  setHubUrl(hubUrl: string | undefined): void;
  setReceiptDelay(ms: number): void;
  downFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTencentSmsSimulator(options: TencentSmsSimulatorOptions = {}): Promise<TencentSmsSimulator> {
  const clock = options.clock ?? createSimClock();
  const state = new TencentState(options.accounts ?? devTencentAccounts());
  for (const phone of options.blacklist ?? []) state.blacklist.add(phone);
  const failReport = { errmsg: 'UNDELIV', description: '用户短信接收失败' };
  for (const phone of options.undeliverable ?? []) state.undeliverable.set(phone, failReport);
  const failures = createNotifyFailureInjector(Object.keys(TENCENT_CODES).filter((c) => c !== 'Ok'));
  const pusher = createReceiptPusher({ isAck: isTencentReceiptAck, retryScale: options.receiptRetryScale });
  let hubUrl = options.hubUrl;
  let receiptDelayMs = options.receiptDelayMs ?? 1000;
  const sendDeps = {
    state,
    clock,
    maxParamLength: options.maxParamLength ?? 12,
    limiter: createPerNumberLimiter(clock, options.perNumberLimits ?? TENCENT_PER_NUMBER_LIMITS),
    onAccepted: (messages: TencentMessage[]) => scheduleTencentReports(messages, { state, clock, pusher, delayMs: () => receiptDelayMs, hubUrl: () => hubUrl }),
  };

  const api = express.Router();
  api.use(express.raw({ type: () => true, limit: '1mb' }));
  api.use(createTencentGateway({ state, failures }));
  api.use((req: Request, res: Response) => {
    const call = res.locals.call as TencentCall;
    try {
      const fields = call.action === 'SendSms' ? sendTencentSms(call, sendDeps) : pullSmsSendStatusByPhoneNumber(call, state);
      const statuses = fields.SendStatusSet as { Code: string }[] | undefined;
      if (statuses) res.locals.code = [...new Set(statuses.map((s) => s.Code))].join(',');
      tencentReply(req, res, fields);
    } catch {
      tencentError(req, res, 'InternalError.SendAndRecvFail');
    }
  });

  const sim: Omit<TencentSmsSimulator, 'url' | 'host' | 'port' | 'downFor' | 'close'> = {
    clock,
    messages: (filter = {}) => state.messages.filter((m) => (filter.tenantId === undefined || m.tenantId === filter.tenantId)
      && (filter.phone === undefined || m.phone === filter.phone) && (filter.sessionContext === undefined || m.sessionContext === filter.sessionContext)),
    outbox: () => state.messages.map((m) => state.toOutbox(m)),
    requests: () => state.requests,
    receipts: () => pusher.deliveries(),
    receiptsIdle: (timeoutMs) => pusher.idle(timeoutMs),
    injectFailure: (spec) => failures.add(spec),
    clearFailures: () => failures.clear(),
    setUndeliverable(phone, undeliverable = true, report = {}) {
      if (undeliverable) state.undeliverable.set(phone, { errmsg: report.errmsg ?? failReport.errmsg, description: report.description ?? failReport.description });
      else state.undeliverable.delete(phone);
    },
    setBlacklisted: (phone, blacklisted = true) => { if (blacklisted) state.blacklist.add(phone); else state.blacklist.delete(phone); },
    setTemplate: (id, template, tenantId) => { state.account(tenantId).templates[id] = template; },
    setBalance: (balance, tenantId) => { state.account(tenantId).balance = balance; },
    setHubUrl: (url) => { hubUrl = url; },
    setReceiptDelay: (ms) => { receiptDelayMs = ms; },
  };

  const server = await serveNotifySimulator({
    title: 'Tencent Cloud SMS simulator (SendSms 2021-01-11)',
    port: options.port,
    clock,
    failures,
    api,
    outbox: sim.outbox,
    notes: [`Receipts to ${hubUrl ?? '(no hub URL)'} after ${receiptDelayMs} ms.`],
    snapshot: () => ({
      accounts: state.publicAccounts(),
      messages: sim.outbox(),
      requests: state.requests.length,
      receipts: pusher.deliveries().map((d) => ({ id: d.id, state: d.state, attempts: d.attempts.length, lastStatus: d.attempts.at(-1)?.status ?? null })),
    }),
    controls: {
      undeliverable: (body) => {
        const b = z.object({ phone: z.string(), undeliverable: z.boolean().optional(), errmsg: z.string().optional(), description: z.string().optional() }).parse(body);
        sim.setUndeliverable(b.phone, b.undeliverable ?? true, { errmsg: b.errmsg, description: b.description });
      },
      blacklist: (body) => {
        const b = z.object({ phone: z.string(), blacklisted: z.boolean().optional() }).parse(body);
        sim.setBlacklisted(b.phone, b.blacklisted ?? true);
      },
      templates: (body) => {
        const b = z.object({ tenantId: z.string().optional(), id: z.string(), content: z.string(), kind: z.enum(['notification', 'verification']).optional(), approved: z.boolean().optional() }).parse(body);
        sim.setTemplate(b.id, { content: b.content, kind: b.kind, approved: b.approved }, b.tenantId);
      },
      balance: (body) => {
        const b = z.object({ tenantId: z.string().optional(), balance: z.number().int().min(0).nullable() }).parse(body);
        sim.setBalance(b.balance ?? undefined, b.tenantId);
      },
    },
  });

  return Object.assign(sim, {
    url: server.url,
    host: `127.0.0.1:${server.port}`,
    port: server.port,
    downFor: server.downFor,
    async close() {
      pusher.close();
      await server.close();
    },
  });
}
