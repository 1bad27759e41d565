// What the simulated WeCom sends to the hub (../shared/specs/hr-tools.md §3.1–§3.3, §3.5): the GET
// URL verification with a random numeric echo (answered within 1 s with exactly the echo), and the
// encrypted template_card_event of a button click (answered within 5 s with HTTP 200 and an empty
// body; otherwise WeCom drops the connection and sends the same request again, three times in all).
import { corruptSignature, type AppliedFaults, type CallbackFaults } from '../hr-kit/callback-faults';
import { bizMsgEncrypt, bizMsgSignature } from '../hr-kit/biz-msg-crypt';
import type { CallbackAnswer, CallbackDelivery, CallbackRequest, CallbackSender, JudgeResult } from '../hr-kit/callback-sender';
import { randomDigits } from '../hr-kit/sim-ids';
import { cardButtons } from './wecom-api';
import type { WeComState, WeComTenant } from './wecom-state';

export interface WeComClickOptions {
  /** The card: its msgid or its task_id. */
  msgid?: string;
  taskId?: string;
  /** The clicking user's userid (default: the first recipient). */
  userId?: string;
  /** Button index (0-based), key (approve) or text (通过). */
  button: number | string;
}

export interface WeComCallbackTimings {
  answerDeadlineMs: number;
  verifyDeadlineMs: number;
  /** Deliveries of a click in all (first one included). Default 3. */
  attempts: number;
}

const cdata = (s: string) => `<![CDATA[${s}]]>`;

/** The decrypted XML of a click, field for field as spec vector W2. */
export function templateCardEventXml(e: { corpId: string; userId: string; createTime: number; key: string; taskId: string; cardType: string; responseCode: string; agentId: number }): string {
  return `<xml><ToUserName>${cdata(e.corpId)}</ToUserName><FromUserName>${cdata(e.userId)}</FromUserName><CreateTime>${e.createTime}</CreateTime>`
    + `<MsgType>${cdata('event')}</MsgType><Event>${cdata('template_card_event')}</Event><EventKey>${cdata(e.key)}</EventKey>`
    + `<TaskId>${cdata(e.taskId)}</TaskId><CardType>${cdata(e.cardType)}</CardType><ResponseCode>${cdata(e.responseCode)}</ResponseCode>`
    + `<AgentID>${e.agentId}</AgentID></xml>`;
}

function judgeEmptyAnswer(answer: CallbackAnswer): JudgeResult {
  if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}` };
  if (answer.body !== '') return { ok: false, problem: `answer body must be empty (spec §3.3), got ${JSON.stringify(answer.body.slice(0, 80))}`, answer: answer.body };
  return { ok: true, answer: '' };
}

function judgeEcho(echo: string): (answer: CallbackAnswer) => JudgeResult {
  return (answer) => {
    if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}: WeCom refuses the URL` };
    if (answer.body !== echo) return { ok: false, problem: `answer must be exactly the decrypted echo ${echo} (no quotes, BOM or newline), got ${JSON.stringify(answer.body.slice(0, 80))}`, answer: answer.body };
    return { ok: true, answer: answer.body };
  };
}

export function createWeComCallbacks(deps: { state: WeComState; sender: CallbackSender; faults: CallbackFaults; timings: WeComCallbackTimings; newResponseCode(tenant: WeComTenant, msgid: string, userId: string): string }) {
  const { state, sender, faults, timings } = deps;
  const hookUrl = (tenant: WeComTenant) => {
    if (!tenant.hubUrl) throw new Error(`WeCom simulator: tenant ${tenant.tenantId} has no hubUrl`);
    return `${tenant.hubUrl.replace(/\/$/, '')}/webhooks/wecom/${encodeURIComponent(tenant.tenantId)}`;
  };
  const signed = (tenant: WeComTenant, msg: string, applied: AppliedFaults) => {
    let encrypt = bizMsgEncrypt(tenant.encodingAESKey, tenant.corpId, msg);
    const timestamp = String(Math.floor(Date.now() / 1000) - (applied.staleSeconds ?? 0));
    const nonce = randomDigits(10);
    let signature = bizMsgSignature(tenant.token, timestamp, nonce, encrypt);
    if (applied.missign) signature = corruptSignature(signature);
    if (applied.tamper) encrypt = (encrypt.startsWith('A') ? 'B' : 'A') + encrypt.slice(1); // changed after signing
    return { encrypt, timestamp, nonce, signature };
  };
  const duplicates = (delivery: CallbackDelivery, applied: AppliedFaults) => {
    for (let i = 0; i < applied.copies; i++) sender.repeat(delivery.id, { fault: 'duplicate', unchanged: true, delayMs: applied.delayMs });
  };

  return {
    /** The GET verification WeCom runs when the callback URL is saved. */
    verify(tenantId?: string): Promise<CallbackDelivery> {
      const tenant = state.tenant(tenantId);
      const echo = randomDigits(19);
      const applied = faults.take('url_verification');
      const url = hookUrl(tenant);
      const { delivery, firstAttempt } = sender.enqueue({
        meta: { tool: 'wecom', tenantId: tenant.tenantId, kind: 'url_verification', subject: tenant.corpId, payload: { echo }, faults: applied.names },
        build: () => {
          const s = signed(tenant, echo, applied);
          const query = `msg_signature=${s.signature}&timestamp=${s.timestamp}&nonce=${s.nonce}&echostr=${encodeURIComponent(s.encrypt)}`;
          return { method: 'GET', url: `${url}?${query}`, headers: {} } satisfies CallbackRequest;
        },
        judge: judgeEcho(echo),
        deadlineMs: timings.verifyDeadlineMs,
        scheduleMs: [],
        delayMs: applied.delayMs,
      });
      duplicates(delivery, applied);
      return firstAttempt;
    },

    /** A user clicks a button on their copy of a card; a fresh ResponseCode goes with the event. */
    click(options: WeComClickOptions): Promise<CallbackDelivery> {
      const message = options.msgid ? state.messages.get(options.msgid)
        : [...state.messages.values()].find((m) => m.taskId !== undefined && m.taskId === options.taskId);
      if (!message || !message.taskId) throw new Error(`WeCom simulator: no button card ${options.msgid ?? options.taskId}`);
      const tenant = state.tenant(message.tenantId);
      const userId = options.userId ?? message.touser[0]!;
      const copy = message.copies.find((c) => c.userId === userId);
      if (copy?.replacedButton !== undefined) throw new Error(`WeCom simulator: ${userId}'s card shows "${copy.replacedButton}" now, no buttons`);
      const buttons = cardButtons(copy?.card ?? (message.body.template_card as Record<string, unknown>));
      const b = typeof options.button === 'number' || /^\d+$/.test(options.button)
        ? buttons[Number(options.button)]
        : buttons.find((x) => x.key === options.button || x.text === options.button);
      if (!b) throw new Error(`WeCom simulator: the card has no button ${JSON.stringify(options.button)}`);
      const responseCode = deps.newResponseCode(tenant, message.msgid, userId);
      const xml = templateCardEventXml({
        corpId: tenant.corpId, userId, createTime: Math.floor(Date.now() / 1000), key: b.key, taskId: message.taskId,
        cardType: String((copy?.card ?? {}).card_type ?? 'button_interaction'), responseCode, agentId: tenant.agentId,
      });
      const applied = faults.take('template_card_event');
      const url = hookUrl(tenant);
      // WeCom retries the same request after dropping the connection, so it is built once.
      let request: CallbackRequest | undefined;
      const build = (): CallbackRequest => {
        if (request) return request;
        const s = signed(tenant, xml, applied);
        request = {
          method: 'POST',
          url: `${url}?msg_signature=${s.signature}&timestamp=${s.timestamp}&nonce=${s.nonce}`,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: `<xml><ToUserName>${cdata(tenant.corpId)}</ToUserName><Encrypt>${cdata(s.encrypt)}</Encrypt><AgentID>${cdata(String(tenant.agentId))}</AgentID></xml>`,
        };
        return request;
      };
      const { delivery, firstAttempt } = sender.enqueue({
        meta: { tool: 'wecom', tenantId: tenant.tenantId, kind: 'template_card_event', subject: message.taskId, userId, payload: { xml, responseCode, eventKey: b.key }, faults: applied.names },
        build,
        judge: judgeEmptyAnswer,
        deadlineMs: timings.answerDeadlineMs,
        scheduleMs: Array.from({ length: Math.max(0, timings.attempts - 1) }, () => 0),
        delayMs: applied.delayMs,
      });
      duplicates(delivery, applied);
      return firstAttempt;
    },
  };
}

export type WeComCallbacks = ReturnType<typeof createWeComCallbacks>;
