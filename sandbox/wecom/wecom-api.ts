// The simulated WeCom server API (../shared/specs/hr-tools.md §3.3–§3.5) under /cgi-bin: gettoken,
// message/send (template cards: task_id unique per app and of letters, digits and _-@, ≤ 6 buttons,
// enable_duplicate_check; returns msgid and a response_code) and update_template_card (each
// response code once, within 72 h; a spent one → 60140). WeCom answers HTTP 200 {errcode, errmsg}.
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FailureInjector } from '../board-kit/failure-injector';
import type { SimClock } from '../board-kit/sim-clock';
import { findPersonalData } from '../hr-kit/personal-data';
import { randomAlnum, randomHex } from '../hr-kit/sim-ids';
import type { TokenStore } from '../hr-kit/token-store';
import { dropMidResponse } from '../sim-kit/http-listen';
import type { CardCopy, WeComMessage, WeComState, WeComTenant } from './wecom-state';

const CODE_TTL_MS = 72 * 3600_000;
const TASK_ID = /^[A-Za-z0-9_\-@]{1,128}$/;

export const WECOM_ERRCODES = {
  invalidSecret: 40001,
  invalidCorpId: 40013,
  invalidToken: 40014,
  tokenExpired: 42001,
  invalidAgentId: 40056,
  invalidParameter: 40058,
  noValidRecipient: 81013,
  rateLimited: 45009,
  codeSpent: 60140,
} as const;

class WeComError extends Error {
  constructor(readonly errcode: number, message: string) { super(message); }
}

type AuthedRequest = Request & { tenant?: WeComTenant };
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function cardButtons(card: Json): { text: string; key: string; style?: number }[] {
  return Array.isArray(card.button_list) ? (card.button_list as { text: string; key: string; style?: number }[]) : [];
}

export function createWeComApi(deps: { state: WeComState; clock: SimClock; tokens: TokenStore; failures: FailureInjector }): Router {
  const { state, clock, tokens, failures } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '1mb', type: () => true }));
  const duplicates = new Map<string, { msgid: string; at: number }>();

  const reply = (req: Request, res: Response, body: { errcode: number; errmsg: string; [k: string]: unknown }) => {
    state.requests.push({ at: Date.now(), method: req.method, path: req.baseUrl + req.path, status: 200, errcode: body.errcode });
    res.status(200).json(body);
  };
  const fail = (req: Request, res: Response, err: unknown) => {
    const e = err instanceof WeComError ? err : new WeComError(WECOM_ERRCODES.invalidParameter, err instanceof Error ? err.message : String(err));
    reply(req, res, { errcode: e.errcode, errmsg: `${e.message}, hint: [${randomAlnum(10)}], from ip: 127.0.0.1` });
  };

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const failure = failures.take(`${req.method} ${req.baseUrl}${req.path}`);
    if (!failure) return next();
    if (failure.kind === 'slow') { await new Promise((r) => setTimeout(r, failure.delayMs)); return next(); }
    if (failure.kind === 'drop') return dropMidResponse(res, 'application/json', '{"errcode":0,"err');
    if (failure.kind === 'rateLimit') return reply(req, res, { errcode: WECOM_ERRCODES.rateLimited, errmsg: 'api freq out of limit' });
    return reply(req, res, { errcode: -1, errmsg: 'system busy' });
  });

  router.get('/gettoken', (req, res) => {
    const candidates = state.tenantByCorp(String(req.query.corpid ?? ''));
    if (candidates.length === 0) return fail(req, res, new WeComError(WECOM_ERRCODES.invalidCorpId, 'invalid corpid'));
    const tenant = candidates.find((t) => t.secret === req.query.corpsecret);
    if (!tenant) return fail(req, res, new WeComError(WECOM_ERRCODES.invalidSecret, 'invalid credential'));
    const { token, expiresInSeconds } = tokens.issue(tenant.tenantId);
    reply(req, res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresInSeconds });
  });

  const authed = (req: AuthedRequest, res: Response, next: NextFunction) => {
    const token = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
    const tenantId = tokens.check(token);
    if (!tenantId) {
      return tokens.refusal(token) === 'expired'
        ? fail(req, res, new WeComError(WECOM_ERRCODES.tokenExpired, 'access_token expired'))
        : fail(req, res, new WeComError(WECOM_ERRCODES.invalidToken, 'invalid access_token'));
    }
    req.tenant = state.tenant(tenantId);
    next();
  };

  const checkAgent = (tenant: WeComTenant, agentid: unknown) => {
    if (Number(agentid) !== tenant.agentId) throw new WeComError(WECOM_ERRCODES.invalidAgentId, 'invalid agentid');
  };

  const checkCard = (card: Json) => {
    if (card.card_type !== 'button_interaction') return; // other card types carry no buttons to click here
    if (typeof card.task_id !== 'string' || !TASK_ID.test(card.task_id) || Buffer.byteLength(card.task_id) > 128) {
      throw new WeComError(WECOM_ERRCODES.invalidParameter, 'invalid task_id: ≤ 128 bytes of letters, digits and _-@');
    }
    const buttons = cardButtons(card);
    if (buttons.length === 0 || buttons.length > 6) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'button_list must have 1–6 buttons');
    const keys = new Set<string>();
    for (const b of buttons) {
      if (!isObject(b) || typeof b.text !== 'string' || !b.text || typeof b.key !== 'string' || !b.key || b.key.length > 1024) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'each button needs text and key');
      if (keys.has(b.key)) throw new WeComError(WECOM_ERRCODES.invalidParameter, `duplicate button key ${b.key}`);
      keys.add(b.key);
    }
    if (!isObject(card.main_title) || typeof card.main_title.title !== 'string') throw new WeComError(WECOM_ERRCODES.invalidParameter, 'main_title.title is required');
  };

  router.post('/message/send', authed, (req: AuthedRequest, res) => {
    try {
      const tenant = req.tenant!;
      const body = (req.body ?? {}) as Json;
      checkAgent(tenant, body.agentid);
      if (typeof body.msgtype !== 'string') throw new WeComError(WECOM_ERRCODES.invalidParameter, 'msgtype is required');
      if (typeof body.touser !== 'string' || !body.touser) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'touser is required (userids separated by |)');
      const now = clock.now();
      const contentKey = createHash('sha256').update(`${tenant.tenantId}\n${JSON.stringify(body)}`).digest('hex');
      if (body.enable_duplicate_check === 1) {
        const interval = (typeof body.duplicate_check_interval === 'number' ? body.duplicate_check_interval : 1800) * 1000;
        const seen = duplicates.get(contentKey);
        const earlier = seen && now - seen.at < interval ? state.messages.get(seen.msgid) : undefined;
        if (earlier) {
          earlier.sends += 1; // the same content again within the interval: WeCom does not send it twice
          return reply(req, res, { errcode: 0, errmsg: 'ok', invaliduser: earlier.invalidUsers.join('|'), msgid: earlier.msgid, ...(earlier.responseCode ? { response_code: earlier.responseCode } : {}) });
        }
      }
      const card = body.msgtype === 'template_card' ? body.template_card : undefined;
      if (body.msgtype === 'template_card') {
        if (!isObject(card)) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'template_card is required');
        checkCard(card);
      }
      const taskId = isObject(card) && typeof card.task_id === 'string' ? card.task_id : undefined;
      if (taskId && state.taskIds.has(`${tenant.tenantId}:${taskId}`)) {
        // The errcode for a reused task_id is the simulator's choice; the spec names none.
        throw new WeComError(WECOM_ERRCODES.invalidParameter, `task_id ${taskId} already used by this app`);
      }
      const requested = body.touser === '@all' ? (tenant.users ?? []).map((u) => u.userId) : body.touser.split('|').filter(Boolean);
      const known = tenant.users ? new Set(tenant.users.map((u) => u.userId)) : undefined;
      const valid = known ? requested.filter((u) => known.has(u)) : requested;
      const invalid = requested.filter((u) => !valid.includes(u));
      if (valid.length === 0) throw new WeComError(WECOM_ERRCODES.noValidRecipient, 'All touser & toparty & totag invalid');
      const message: WeComMessage = {
        msgid: randomAlnum(43),
        tenantId: tenant.tenantId,
        agentId: tenant.agentId,
        msgtype: body.msgtype,
        taskId,
        touser: valid,
        invalidUsers: invalid,
        body,
        copies: valid.map((userId): CardCopy => ({ userId, card: structuredClone((card ?? body[body.msgtype as string] ?? {}) as Json) })),
        responseCode: isObject(card) ? `rc_${randomHex(40)}` : undefined,
        sentAt: now,
        sends: 1,
        warnings: findPersonalData(JSON.stringify(body)).map((p) => `${p} in the message`),
      };
      state.messages.set(message.msgid, message);
      if (taskId) state.taskIds.set(`${tenant.tenantId}:${taskId}`, message.msgid);
      if (message.responseCode) state.responseCodes.set(message.responseCode, { code: message.responseCode, tenantId: tenant.tenantId, msgid: message.msgid, origin: 'send', userIds: valid, issuedAt: now });
      duplicates.set(contentKey, { msgid: message.msgid, at: now });
      reply(req, res, { errcode: 0, errmsg: 'ok', invaliduser: invalid.join('|'), msgid: message.msgid, ...(message.responseCode ? { response_code: message.responseCode } : {}) });
    } catch (err) {
      fail(req, res, err);
    }
  });

  router.post('/message/update_template_card', authed, (req: AuthedRequest, res) => {
    try {
      const tenant = req.tenant!;
      const body = (req.body ?? {}) as Json;
      checkAgent(tenant, body.agentid);
      const record = typeof body.response_code === 'string' ? state.responseCodes.get(body.response_code) : undefined;
      if (!record || record.tenantId !== tenant.tenantId) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'invalid response_code');
      if (record.usedAt !== undefined) throw new WeComError(WECOM_ERRCODES.codeSpent, 'response_code has been used');
      if (clock.now() - record.issuedAt > CODE_TTL_MS) throw new WeComError(WECOM_ERRCODES.codeSpent, 'response_code expired (72 h)');
      const hasButton = isObject(body.button) && typeof body.button.replace_name === 'string';
      const hasCard = isObject(body.template_card);
      if (hasButton === hasCard) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'exactly one of button.replace_name or template_card');
      const message = state.messages.get(record.msgid)!;
      const wanted = body.atall === 1 ? record.userIds
        : Array.isArray(body.userids) ? (body.userids as unknown[]).filter((u): u is string => typeof u === 'string') : [];
      if (wanted.length === 0) throw new WeComError(WECOM_ERRCODES.invalidParameter, 'userids (or atall) is required');
      const targets = wanted.filter((u) => record.userIds.includes(u));
      const invalid = wanted.filter((u) => !targets.includes(u));
      if (hasCard && typeof (body.template_card as Json).card_type !== 'string') throw new WeComError(WECOM_ERRCODES.invalidParameter, 'template_card.card_type is required');
      record.usedAt = clock.now();
      for (const copy of message.copies.filter((c) => targets.includes(c.userId))) {
        copy.updatedAt = record.usedAt;
        if (hasCard) { copy.card = structuredClone(body.template_card as Json); copy.replacedButton = undefined; }
        else copy.replacedButton = (body.button as { replace_name: string }).replace_name;
      }
      message.warnings.push(...findPersonalData(JSON.stringify(body)).map((p) => `${p} in an update`));
      reply(req, res, { errcode: 0, errmsg: 'ok', invaliduser: invalid });
    } catch (err) {
      fail(req, res, err);
    }
  });

  router.use((req, res) => reply(req, res, { errcode: 404, errmsg: `simulator: no ${req.method} ${req.baseUrl}${req.path}` }));
  return router;
}
