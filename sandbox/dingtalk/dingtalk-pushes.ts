// What the simulated DingTalk pushes to the hub (../shared/specs/hr-tools.md §2.2, §2.3, §2.5):
// check_url at registration and the approval events, each encrypted with a fresh random prefix
// and signed, with ms timestamps, to {hub}/webhooks/dingtalk/{tenantId}?msg_signature=…. An answer
// counts when it is HTTP 200 with the encrypted word `success` (signature, ownerKey checked) in 1.5 s.
import { corruptSignature, type AppliedFaults, type CallbackFaults } from '../hr-kit/callback-faults';
import { bizMsgDecrypt, bizMsgEncrypt, bizMsgSignature } from '../hr-kit/biz-msg-crypt';
import type { CallbackAnswer, CallbackDelivery, CallbackRequest, CallbackSender, JudgeResult } from '../hr-kit/callback-sender';
import { randomAlnum, randomHex } from '../hr-kit/sim-ids';
import type { ApprovalEvent } from './dingtalk-approval';
import type { DingTalkState, DingTalkTenant } from './dingtalk-state';

export interface DingTalkPushTimings {
  answerDeadlineMs: number;
  scheduleMs: readonly number[];
}

/** Checks the hub's answer: {msg_signature, timeStamp, nonce, encrypt} that decrypts to `success`. */
export function judgeSuccessAnswer(tenant: DingTalkTenant): (answer: CallbackAnswer) => JudgeResult {
  return (answer) => {
    if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}` };
    let json: Record<string, unknown>;
    try { json = JSON.parse(answer.body) as Record<string, unknown>; } catch { return { ok: false, problem: 'answer is not JSON' }; }
    const signature = json.msg_signature;
    const timeStamp = json.timeStamp ?? json.timestamp;
    const { nonce, encrypt } = json;
    if (typeof signature !== 'string' || typeof timeStamp !== 'string' || typeof nonce !== 'string' || typeof encrypt !== 'string') {
      return { ok: false, problem: 'answer must be {msg_signature, timeStamp, nonce, encrypt} strings', answer: json };
    }
    if (bizMsgSignature(tenant.token, timeStamp, nonce, encrypt) !== signature) return { ok: false, problem: 'answer signature does not verify', answer: json };
    try {
      const plain = bizMsgDecrypt(tenant.aesKey, encrypt);
      if (plain.ownerKey !== tenant.ownerKey) return { ok: false, problem: `answer is bound to ${plain.ownerKey}, not the ownerKey ${tenant.ownerKey}`, answer: plain.msg };
      if (plain.msg !== 'success') return { ok: false, problem: `answer decrypts to ${JSON.stringify(plain.msg)}, not "success"`, answer: plain.msg };
      return { ok: true, answer: plain.msg };
    } catch (err) {
      return { ok: false, problem: `answer does not decrypt: ${(err as Error).message}`, answer: json };
    }
  };
}

/** The push body in the tenant's format; the current format carries eventId (the hub's dedupe key). */
export function pushPayload(tenant: DingTalkTenant, event: ApprovalEvent, legacy: boolean): Record<string, unknown> {
  const i = event.instance;
  const common = {
    processInstanceId: i.instanceId,
    processCode: i.processCode,
    type: event.type,
    ...(event.result ? { result: event.result } : {}),
    ...(event.remark !== undefined ? { remark: event.remark } : {}),
    staffId: event.staffId,
  };
  const tail = {
    title: i.title,
    createTime: event.task ? event.task.createTime : i.createTime,
    ...(event.type === 'finish' || event.type === 'terminate' || event.type === 'cancel' ? { finishTime: event.task?.finishTime ?? i.finishTime ?? event.at } : {}),
    businessId: i.businessId,
    ...(event.EventType === 'bpms_instance_change' ? { url: `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${tenant.corpId}#/approval?procInstId=${i.instanceId}` } : {}),
  };
  if (legacy) return { EventType: event.EventType, ...common, corpId: tenant.corpId, ...tail };
  return {
    EventType: event.EventType, EventTime: event.at, CorpId: tenant.corpId, BizId: String(event.at), eventId: randomHex(32),
    ...common, ...(event.task ? { taskId: event.task.taskId } : {}), ...tail,
  };
}

function signedPush(tenant: DingTalkTenant, url: string, msg: string, faults: AppliedFaults, spelling: 'msg_signature' | 'signature'): CallbackRequest {
  const encrypt = bizMsgEncrypt(tenant.aesKey, tenant.ownerKey!, msg);
  // DingTalk checks no timestamp window (dedupe only), so `stale` just sends an old one.
  const timestamp = String(Date.now() - (faults.staleSeconds ?? 0) * 1000);
  const nonce = randomAlnum(8);
  let signature = bizMsgSignature(tenant.token, timestamp, nonce, encrypt);
  if (faults.missign) signature = corruptSignature(signature);
  let body = JSON.stringify({ encrypt });
  if (faults.tamper) body = JSON.stringify({ encrypt: encrypt.slice(0, -4) + (encrypt.endsWith('AAAA') ? 'BBBB' : 'AAAA') });
  const query = spelling === 'signature'
    ? `signature=${signature}&timeStamp=${timestamp}&nonce=${nonce}`
    : `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
  return { method: 'POST', url: `${url}?${query}`, headers: { 'content-type': 'application/json' }, body };
}

export function createDingTalkPushes(deps: { state: DingTalkState; sender: CallbackSender; faults: CallbackFaults; timings: DingTalkPushTimings }) {
  const { state, sender, faults, timings } = deps;
  const hookUrl = (tenant: DingTalkTenant) => {
    if (!tenant.hubUrl) throw new Error(`DingTalk simulator: tenant ${tenant.tenantId} has no hubUrl`);
    return `${tenant.hubUrl.replace(/\/$/, '')}/webhooks/dingtalk/${encodeURIComponent(tenant.tenantId)}`;
  };

  const push = (tenant: DingTalkTenant, kind: string, subject: string, payload: Record<string, unknown>, options: { userId?: string; spelling?: 'msg_signature' | 'signature'; scheduleMs?: readonly number[] } = {}) => {
    const applied = faults.take(kind);
    const msg = JSON.stringify(payload);
    const url = hookUrl(tenant);
    const spelling = options.spelling ?? tenant.querySpelling ?? 'msg_signature';
    const { delivery, firstAttempt } = sender.enqueue({
      meta: { tool: 'dingtalk', tenantId: tenant.tenantId, kind, subject, userId: options.userId, payload, faults: applied.names },
      build: () => signedPush(tenant, url, msg, applied, spelling),
      judge: judgeSuccessAnswer(tenant),
      deadlineMs: timings.answerDeadlineMs,
      scheduleMs: options.scheduleMs ?? timings.scheduleMs,
      delayMs: applied.delayMs,
    });
    for (let i = 0; i < applied.copies; i++) sender.repeat(delivery.id, { fault: 'duplicate', delayMs: applied.delayMs });
    return firstAttempt;
  };

  return {
    /** check_url, as DingTalk sends it when the callback URL is registered. Not redelivered. */
    checkUrl(tenantId?: string): Promise<CallbackDelivery> {
      const tenant = state.tenant(tenantId);
      return push(tenant, 'check_url', tenant.appKey, { EventType: 'check_url' }, { scheduleMs: [] });
    },
    /** Sends the events one after another (each after the previous one's first answer). */
    async approvalEvents(tenant: DingTalkTenant, events: ApprovalEvent[], options: { legacy?: boolean; spelling?: 'msg_signature' | 'signature' } = {}): Promise<CallbackDelivery[]> {
      const sent: CallbackDelivery[] = [];
      for (const event of events) {
        const payload = pushPayload(tenant, event, options.legacy ?? tenant.pushFormat === 'legacy');
        sent.push(await push(tenant, event.EventType, event.instance.instanceId, payload, { userId: event.task ? event.staffId : undefined, spelling: options.spelling }));
      }
      return sent;
    },
  };
}

export type DingTalkPushes = ReturnType<typeof createDingTalkPushes>;
