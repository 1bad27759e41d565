// What the simulated Feishu posts to the hub (../shared/specs/hr-tools.md §1.2, §1.4): the
// encrypted url_verification when a tenant sets the request URL, and the 2.0 card.action.trigger
// callback when a user clicks a card button, each signed with X-Lark-* headers. An answer counts
// when it is HTTP 200 JSON within the deadline (1 s for the challenge, 3 s for a click).
import { randomUUID } from 'node:crypto';
import { corruptSignature, type AppliedFaults, type CallbackFaults } from '../hr-kit/callback-faults';
import type { CallbackAnswer, CallbackDelivery, CallbackRequest, CallbackSender, JudgeResult } from '../hr-kit/callback-sender';
import { randomDigits, randomHex } from '../hr-kit/sim-ids';
import { findButton, parseCard, viewCard } from './feishu-card';
import { feishuBody, feishuEncrypt, feishuSignature } from './feishu-crypto';
import type { FeishuState, FeishuTenant } from './feishu-state';

export interface FeishuClickOptions {
  messageId: string;
  /** The clicking user's open_id (default: the card's recipient). */
  userId?: string;
  /** Button index (0-based), its text (通过), or its value's act (approve). */
  button: number | string;
  /** A fixed header.event_id, for duplicate tests (default: random). */
  eventId?: string;
}

export interface FeishuCallbackTimings {
  answerDeadlineMs: number;
  verifyDeadlineMs: number;
  /** Redeliveries of an unanswered click; Feishu makes none by default (spec §1.2). */
  clickRetryScheduleMs: readonly number[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const TOAST_TYPES = new Set(['success', 'info', 'warning', 'error']);

function judgeClickAnswer(answer: CallbackAnswer): JudgeResult {
  if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}: Feishu shows the user an error` };
  let json: unknown;
  try { json = JSON.parse(answer.body); } catch { return { ok: false, problem: 'answer is not JSON' }; }
  if (!isObject(json)) return { ok: false, problem: 'answer is not a JSON object' };
  if (!answer.contentType.includes('application/json')) return { ok: false, problem: `answer content-type is ${answer.contentType || 'missing'}, not application/json`, answer: json };
  if ('card' in json) return { ok: false, problem: 'answer carries a card (the hub never returns one, spec §1.2)', answer: json };
  if (json.toast !== undefined) {
    const toast = json.toast;
    if (!isObject(toast) || !TOAST_TYPES.has(String(toast.type)) || typeof toast.content !== 'string') {
      return { ok: false, problem: 'toast must be {type: success|info|warning|error, content: string}', answer: json };
    }
  }
  return { ok: true, answer: json };
}

function judgeChallengeAnswer(challenge: string): (answer: CallbackAnswer) => JudgeResult {
  return (answer) => {
    if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}: Feishu refuses the request URL` };
    try {
      const json = JSON.parse(answer.body) as { challenge?: unknown };
      return json.challenge === challenge ? { ok: true, answer: json } : { ok: false, problem: 'challenge not echoed', answer: json };
    } catch {
      return { ok: false, problem: 'answer is not JSON' };
    }
  };
}

/** The encrypted, signed POST as Feishu sends it; faults change the signature, timestamp or body. */
function signedRequest(tenant: FeishuTenant, url: string, plaintext: string, faults: AppliedFaults): CallbackRequest {
  let body = feishuBody(feishuEncrypt(tenant.encryptKey, plaintext));
  const timestamp = String(Math.floor(Date.now() / 1000) - (faults.staleSeconds ?? 0));
  const nonce = randomDigits(10);
  let signature = feishuSignature(timestamp, nonce, tenant.encryptKey, body);
  if (faults.missign) signature = corruptSignature(signature);
  if (faults.tamper) body = body.replace('{"encrypt":', '{"encrypt" :'); // as vector F3: changed after signing
  return {
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Feishu-Sim/1.0',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
    body,
  };
}

export function createFeishuCallbacks(deps: { state: FeishuState; sender: CallbackSender; faults: CallbackFaults; timings: FeishuCallbackTimings }) {
  const { state, sender, faults, timings } = deps;

  const hookUrl = (tenant: FeishuTenant): string => {
    if (!tenant.hubUrl) throw new Error(`Feishu simulator: tenant ${tenant.tenantId} has no hubUrl`);
    return `${tenant.hubUrl.replace(/\/$/, '')}/webhooks/feishu/${encodeURIComponent(tenant.tenantId)}`;
  };

  const withDuplicates = (delivery: CallbackDelivery, applied: AppliedFaults) => {
    for (let i = 0; i < applied.copies; i++) sender.repeat(delivery.id, { fault: 'duplicate', delayMs: applied.delayMs });
  };

  return {
    /** Sends the url_verification challenge (encrypted; `plaintext` for a tenant without an Encrypt Key yet). */
    verify(tenantId: string | undefined, options: { plaintext?: boolean } = {}): Promise<CallbackDelivery> {
      const tenant = state.tenant(tenantId);
      const url = hookUrl(tenant);
      const challenge = randomUUID();
      const payload = { challenge, token: tenant.verificationToken, type: 'url_verification' };
      const applied = faults.take('url_verification');
      const plaintext = JSON.stringify(payload);
      const { delivery, firstAttempt } = sender.enqueue({
        meta: { tool: 'feishu', tenantId: tenant.tenantId, kind: 'url_verification', subject: tenant.appId, payload, faults: applied.names },
        build: () => (options.plaintext
          ? { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: plaintext }
          : signedRequest(tenant, url, plaintext, applied)),
        judge: judgeChallengeAnswer(challenge),
        deadlineMs: timings.verifyDeadlineMs,
        scheduleMs: [],
        delayMs: applied.delayMs,
      });
      withDuplicates(delivery, applied);
      return firstAttempt;
    },

    /** A user clicks a button on a card: the card.action.trigger callback, answered within 3 s. */
    click(options: FeishuClickOptions): Promise<CallbackDelivery> {
      const message = state.messages.get(options.messageId);
      if (!message) throw new Error(`Feishu simulator: no message ${options.messageId}`);
      if (message.msgType !== 'interactive') throw new Error(`Feishu simulator: message ${options.messageId} is not a card`);
      const tenant = state.tenant(message.tenantId);
      const button = findButton(viewCard(parseCard(message.content)), options.button);
      if (!button) throw new Error(`Feishu simulator: the card ${options.messageId} has no button ${JSON.stringify(options.button)} (now)`);
      const user = state.user(tenant, options.userId ?? message.openId);
      const payload = {
        schema: '2.0',
        header: {
          event_id: options.eventId ?? randomHex(32),
          token: tenant.verificationToken,
          create_time: String(Date.now()),
          event_type: 'card.action.trigger',
          tenant_key: tenant.tenantKey,
          app_id: tenant.appId,
        },
        event: {
          operator: { tenant_key: tenant.tenantKey, ...(user.userId ? { user_id: user.userId } : {}), open_id: user.openId, ...(user.unionId ? { union_id: user.unionId } : {}) },
          token: `c-${randomHex(32)}`,
          action: { value: button.value, tag: 'button' },
          host: 'im_message',
          context: { open_message_id: message.messageId, open_chat_id: message.chatId },
        },
      };
      const plaintext = JSON.stringify(payload);
      const applied = faults.take('card.action.trigger');
      const url = hookUrl(tenant);
      const { delivery, firstAttempt } = sender.enqueue({
        meta: { tool: 'feishu', tenantId: tenant.tenantId, kind: 'card.action.trigger', subject: message.messageId, userId: user.openId, payload, faults: applied.names },
        build: () => signedRequest(tenant, url, plaintext, applied),
        judge: (answer) => {
          const verdict = judgeClickAnswer(answer);
          const toast = isObject(verdict.answer) && isObject(verdict.answer.toast) ? verdict.answer.toast as { type?: string; content?: string } : undefined;
          message.toasts.push({ at: Date.now(), userId: user.openId, deliveryId: delivery.id, toast });
          return verdict;
        },
        deadlineMs: timings.answerDeadlineMs,
        scheduleMs: timings.clickRetryScheduleMs,
        delayMs: applied.delayMs,
      });
      withDuplicates(delivery, applied);
      return firstAttempt;
    },
  };
}

export type FeishuCallbacks = ReturnType<typeof createFeishuCallbacks>;
