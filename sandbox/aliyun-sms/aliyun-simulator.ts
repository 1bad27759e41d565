// A simulated Aliyun SMS (dysmsapi 2017-05-25) for dev and tests, from notify-providers.md §0–§1
// alone: SendSms and QuerySendDetails behind a V3-signature gateway, delivery reports pushed to the
// hub, failure injection, and the outbox page.
//
// Usage (jest):
//   const aliyun = await startAliyunSmsSimulator({ accounts: [ACCOUNT], hubUrl: receiver.url, receiptDelayMs: 20 });
//   // point @alicloud/dysmsapi20170525 at it: new Client({ endpoint: aliyun.host, protocol: 'http', accessKeyId, accessKeySecret })
//   aliyun.messages();                                     // every accepted message, full numbers
//   await aliyun.receiptsIdle();                            // every report made and pushed (or dropped)
//   aliyun.injectFailure({ code: 'isv.BUSINESS_LIMIT_CONTROL', count: 1, match: '13800138000' });
//   aliyun.injectFailure({ kind: 'dropAfterAccept' });      // accepted, but the connection is cut
//   aliyun.setUndeliverable('13900139000');                 // its report says success: false
//   await aliyun.downFor(2000);                             // connections refused for 2 s
//   await aliyun.close();
// Over HTTP: GET /_sim (page), GET /_sim/state, GET /_sim/outbox, POST|DELETE /_sim/failures,
// POST /_sim/clock, POST /_sim/down, POST /_sim/undeliverable {phone, undeliverable?, errCode?},
// POST /_sim/templates {tenantId?, code, content, kind?, approved?}, POST /_sim/balance {tenantId?, balance}.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import type { Delivery } from '../board-kit/webhook-sender';
import { createNotifyFailureInjector, type NotifyFailureSpec } from '../notify-kit/notify-failures';
import { serveNotifySimulator } from '../notify-kit/notify-sim-server';
import type { SandboxOutboxEntry } from '../notify-kit/outbox-entry';
import { createPerNumberLimiter, type FrequencyWindow } from '../notify-kit/per-number-limiter';
import { createReceiptPusher } from '../notify-kit/receipt-pusher';
import { DEFAULT_BLOCKED_WORDS } from '../notify-kit/sms-variable-rules';
import { aliyunReply, createAliyunGateway, type AliyunCall } from './aliyun-gateway';
import {
  ALIYUN_CODES, ALIYUN_VERIFICATION_LIMITS, devAliyunAccounts, type AliyunAccount, type AliyunMessage, type AliyunTemplate,
} from './aliyun-model';
import { querySendDetails } from './aliyun-query-send-details';
import { isAliyunReceiptAck, scheduleAliyunReports } from './aliyun-receipts';
import { sendSms } from './aliyun-send-sms';
import { AliyunState, type AliyunRequestLogEntry } from './aliyun-state';

export interface AliyunSmsSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Default: the demo tenant's dev account (devAliyunAccounts()). */
  accounts?: AliyunAccount[];
  /** Receipts go to {hubUrl}/webhooks/sms/aliyun/{tenantId}/{receiptSecret}; none when unset. */
  hubUrl?: string;
  /** From acceptance to the handset's report. Default 1000 ms. */
  receiptDelayMs?: number;
  /** Multiplies the receipt retry schedule (10 s, 1 min, 5 min). Default 1. */
  receiptRetryScale?: number;
  /** Numbers whose report says success: false. */
  undeliverable?: string[];
  /** Per-number limits for verification templates. Default §0: 1/minute, 5/hour, 10/day. */
  verificationLimits?: FrequencyWindow[];
  /** Per-number limits for notification templates. Default none (the spec gives none). */
  notificationLimits?: FrequencyWindow[];
  /** Longest variable value, in characters. Default 12 (§0). */
  maxParamLength?: number;
  /** Default 密码, password. */
  blockedWords?: string[];
  clock?: SimClock;
}

export interface AliyunSmsSimulator {
  url: string;
  /** `127.0.0.1:<port>`: the SDK's `endpoint`. */
  host: string;
  port: number;
  clock: SimClock;
  messages(filter?: { tenantId?: string; phone?: string; outId?: string }): AliyunMessage[];
  outbox(): SandboxOutboxEntry[];
  requests(): AliyunRequestLogEntry[];
  receipts(): Delivery[];
  receiptsIdle(timeoutMs?: number): Promise<void>;
  injectFailure(spec: NotifyFailureSpec): void;
  clearFailures(): void;
  setUndeliverable(phone: string, undeliverable?: boolean, report?: { errCode?: string; errMsg?: string }): void;
  setTemplate(code: string, template: AliyunTemplate, tenantId?: string): void;
  setBalance(balance: number | undefined, tenantId?: string): void;
  setOutOfService(outOfService: boolean, tenantId?: string): void;
  setHubUrl(hubUrl: string | undefined): void;
  setReceiptDelay(ms: number): void;
  downFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startAliyunSmsSimulator(options: AliyunSmsSimulatorOptions = {}): Promise<AliyunSmsSimulator> {
  const clock = options.clock ?? createSimClock();
  const state = new AliyunState(options.accounts ?? devAliyunAccounts());
  for (const phone of options.undeliverable ?? []) state.undeliverable.set(phone, { errCode: 'UNDELIV', errMsg: '用户接收失败' });
  const failures = createNotifyFailureInjector(Object.keys(ALIYUN_CODES));
  const pusher = createReceiptPusher({ isAck: isAliyunReceiptAck, retryScale: options.receiptRetryScale });
  let hubUrl = options.hubUrl;
  let receiptDelayMs = options.receiptDelayMs ?? 1000;
  const deps = {
    state,
    clock,
    rules: { maxParamLength: options.maxParamLength ?? 12, blockedWords: options.blockedWords ?? DEFAULT_BLOCKED_WORDS },
    verificationLimiter: createPerNumberLimiter(clock, options.verificationLimits ?? ALIYUN_VERIFICATION_LIMITS),
    notificationLimiter: createPerNumberLimiter(clock, options.notificationLimits ?? []),
    onAccepted: (messages: AliyunMessage[]) => scheduleAliyunReports(messages, { state, clock, pusher, delayMs: () => receiptDelayMs, hubUrl: () => hubUrl }),
  };

  const api = express.Router();
  api.use(express.raw({ type: () => true, limit: '1mb' }));
  api.use(createAliyunGateway({ state, failures }));
  api.use((req: Request, res: Response) => {
    const call = res.locals.call as AliyunCall;
    try {
      const outcome = call.action === 'SendSms' ? sendSms(call, deps) : querySendDetails(call, state);
      aliyunReply(req, res, outcome.code, outcome.message, outcome.extra);
    } catch {
      aliyunReply(req, res, 'isp.SYSTEM_ERROR');
    }
  });

  const sim: Omit<AliyunSmsSimulator, 'url' | 'host' | 'port' | 'downFor' | 'close'> = {
    clock,
    messages: (filter = {}) => state.messages.filter((m) => (filter.tenantId === undefined || m.tenantId === filter.tenantId)
      && (filter.phone === undefined || m.phone === filter.phone) && (filter.outId === undefined || m.outId === filter.outId)),
    outbox: () => state.messages.map((m) => state.toOutbox(m)),
    requests: () => state.requests,
    receipts: () => pusher.deliveries(),
    receiptsIdle: (timeoutMs) => pusher.idle(timeoutMs),
    injectFailure: (spec) => failures.add(spec),
    clearFailures: () => failures.clear(),
    setUndeliverable(phone, undeliverable = true, report = {}) {
      if (undeliverable) state.undeliverable.set(phone, { errCode: report.errCode ?? 'UNDELIV', errMsg: report.errMsg ?? '用户接收失败' });
      else state.undeliverable.delete(phone);
    },
    setTemplate: (code, template, tenantId) => { state.account(tenantId).templates[code] = template; },
    setBalance: (balance, tenantId) => { state.account(tenantId).balance = balance; },
    setOutOfService: (outOfService, tenantId) => { state.account(tenantId).outOfService = outOfService; },
    setHubUrl: (url) => { hubUrl = url; },
    setReceiptDelay: (ms) => { receiptDelayMs = ms; },
  };

  const server = await serveNotifySimulator({
    title: 'Aliyun SMS simulator (dysmsapi 2017-05-25)',
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
        const b = z.object({ phone: z.string(), undeliverable: z.boolean().optional(), errCode: z.string().optional(), errMsg: z.string().optional() }).parse(body);
        sim.setUndeliverable(b.phone, b.undeliverable ?? true, b);
      },
      templates: (body) => {
        const b = z.object({ tenantId: z.string().optional(), code: z.string(), content: z.string(), kind: z.enum(['notification', 'verification']).optional(), approved: z.boolean().optional() }).parse(body);
        sim.setTemplate(b.code, { content: b.content, kind: b.kind, approved: b.approved }, b.tenantId);
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
