// The simulated Feishu Open Platform API (../shared/specs/hr-tools.md §1.1, §1.2, §1.4) under
// /open-apis: tenant_access_token/internal (checks app_id/app_secret), message send (checks the
// Bearer token, honours `uuid` for 1 h), GET and PATCH of a message (shared card before and after,
// ≤ 14 days, 5 updates/s per message). Business errors come as HTTP 400 {code,msg}, as Feishu's do.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FailureInjector } from '../board-kit/failure-injector';
import type { SimClock } from '../board-kit/sim-clock';
import { findPersonalData } from '../hr-kit/personal-data';
import { randomHex } from '../hr-kit/sim-ids';
import type { TokenStore } from '../hr-kit/token-store';
import { dropMidResponse } from '../sim-kit/http-listen';
import { isSharedCard, parseCard } from './feishu-card';
import type { FeishuMessage, FeishuState, FeishuTenant } from './feishu-state';

const UUID_WINDOW_MS = 3600_000;
const MAX_AGE_MS = 14 * 24 * 3600_000;
const MAX_CARD_BYTES = 30 * 1024;
const UPDATES_PER_SECOND = 5;

export const FEISHU_CODES = {
  invalidParam: 10003,
  appSecretInvalid: 10014,
  missingToken: 99991661,
  tokenInvalid: 99991663,
  rateLimited: 99991400,
  fieldValidation: 99992402,
  badRequest: 230001,
  rateLimitedMessage: 230020,
  contentTooLong: 230025,
  contentAudit: 230028,
  tooOldToEdit: 230031,
  cardFailed: 230099,
  noAvailability: 230013,
} as const;

class FeishuError extends Error {
  constructor(readonly code: number, message: string, readonly status = 400) { super(message); }
}

type AuthedRequest = Request & { tenant?: FeishuTenant };

export function createFeishuApi(deps: { state: FeishuState; clock: SimClock; tokens: TokenStore; failures: FailureInjector }): Router {
  const { state, clock, tokens, failures } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '1mb', type: () => true }));
  const updateTimes = new Map<string, number[]>();

  const log = (req: Request, status: number, code: number) => {
    state.requests.push({ at: Date.now(), method: req.method, path: req.baseUrl + req.path, status, code });
  };
  const reply = (req: Request, res: Response, body: { code: number; [k: string]: unknown }, status = 200) => {
    log(req, status, body.code);
    res.status(status).json(body);
  };
  const fail = (req: Request, res: Response, err: unknown) => {
    if (err instanceof FeishuError) reply(req, res, { code: err.code, msg: err.message }, err.status);
    else reply(req, res, { code: FEISHU_CODES.fieldValidation, msg: err instanceof Error ? err.message : String(err) }, 400);
  };

  // Injected failures first, as a real outage would come before any checks.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const failure = failures.take(`${req.method} ${req.baseUrl}${req.path}`);
    if (!failure) return next();
    if (failure.kind === 'slow') { await new Promise((r) => setTimeout(r, failure.delayMs)); return next(); }
    if (failure.kind === 'drop') { log(req, 200, -1); return dropMidResponse(res, 'application/json', '{"code":0,"msg":"succ'); }
    if (failure.kind === 'rateLimit') {
      res.setHeader('x-ogw-ratelimit-limit', '50');
      res.setHeader('x-ogw-ratelimit-reset', String(failure.retryAfterSeconds));
      return reply(req, res, { code: FEISHU_CODES.rateLimited, msg: 'request trigger frequency limit' }, 429);
    }
    return reply(req, res, { code: 1, msg: 'simulated internal error' }, 500);
  });

  router.post('/auth/v3/tenant_access_token/internal', (req, res) => {
    const body = (req.body ?? {}) as { app_id?: unknown; app_secret?: unknown };
    const tenant = typeof body.app_id === 'string' ? state.tenantByApp(body.app_id) : undefined;
    if (!tenant) return reply(req, res, { code: FEISHU_CODES.invalidParam, msg: 'invalid param' }, 400);
    if (body.app_secret !== tenant.appSecret) return reply(req, res, { code: FEISHU_CODES.appSecretInvalid, msg: 'app secret invalid' }, 400);
    const { token, expiresInSeconds } = tokens.issue(tenant.tenantId);
    reply(req, res, { code: 0, msg: 'ok', tenant_access_token: token, expire: expiresInSeconds });
  });

  const authed = (req: AuthedRequest, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) return reply(req, res, { code: FEISHU_CODES.missingToken, msg: 'Missing access token for authorization. Please make a request with token attached.' }, 400);
    const tenantId = tokens.check(match[1]);
    if (!tenantId) return reply(req, res, { code: FEISHU_CODES.tokenInvalid, msg: 'Invalid access token for authorization. Please make a request with token attached.' }, 400);
    req.tenant = state.tenant(tenantId);
    next();
  };

  const checkContent = (msgType: string, content: string): string[] => {
    const warnings: string[] = [];
    if (msgType === 'interactive') {
      if (Buffer.byteLength(content, 'utf8') > MAX_CARD_BYTES) throw new FeishuError(FEISHU_CODES.contentTooLong, 'The length of the message content reaches its limit (card ≤ 30 KB).');
      let card: Record<string, unknown>;
      try { card = parseCard(content); } catch (err) { throw new FeishuError(FEISHU_CODES.cardFailed, `Failed to create card content: ${(err as Error).message}`); }
      if (!isSharedCard(card)) warnings.push('card is not shared (config.update_multi is not true): it can never be updated');
    } else {
      try { JSON.parse(content); } catch { throw new FeishuError(FEISHU_CODES.badRequest, 'content is not valid JSON'); }
    }
    const personal = findPersonalData(content);
    // Feishu's DLP audit refuses plain phone numbers; the spec allows none on a review card anyway.
    if (personal.length) throw new FeishuError(FEISHU_CODES.contentAudit, `The messages do NOT pass the audit: ${personal.join(', ')} in the content.`);
    return warnings;
  };

  const messageData = (m: FeishuMessage) => ({
    message_id: m.messageId,
    msg_type: m.msgType,
    create_time: String(m.createdAt),
    update_time: String(m.updatedAt),
    deleted: false,
    updated: m.updates.length > 0,
    chat_id: m.chatId,
    sender: { id: m.appId, id_type: 'app_id', sender_type: 'app', tenant_key: state.tenant(m.tenantId).tenantKey },
    body: { content: m.content },
  });

  router.post('/im/v1/messages', authed, (req: AuthedRequest, res) => {
    try {
      const tenant = req.tenant!;
      const idType = String(req.query.receive_id_type ?? '');
      if (!['open_id', 'user_id', 'union_id'].includes(idType)) throw new FeishuError(FEISHU_CODES.fieldValidation, 'field validation failed: receive_id_type must be open_id, user_id or union_id in this simulator');
      const body = (req.body ?? {}) as { receive_id?: unknown; msg_type?: unknown; content?: unknown; uuid?: unknown };
      if (typeof body.receive_id !== 'string' || !body.receive_id) throw new FeishuError(FEISHU_CODES.fieldValidation, 'field validation failed: receive_id is required');
      if (typeof body.msg_type !== 'string') throw new FeishuError(FEISHU_CODES.fieldValidation, 'field validation failed: msg_type is required');
      if (typeof body.content !== 'string') throw new FeishuError(FEISHU_CODES.fieldValidation, 'field validation failed: content must be a JSON string');
      if (body.uuid !== undefined && (typeof body.uuid !== 'string' || body.uuid.length === 0 || body.uuid.length > 50)) {
        throw new FeishuError(FEISHU_CODES.fieldValidation, 'field validation failed: uuid must be 1–50 characters');
      }
      const uuidKey = typeof body.uuid === 'string' ? `${tenant.appId}:${body.uuid}` : undefined;
      const earlier = uuidKey ? state.messages.get(state.byUuid.get(uuidKey) ?? '') : undefined;
      if (earlier && clock.now() - earlier.createdAt < UUID_WINDOW_MS) {
        earlier.sends += 1; // same uuid within 1 h: the same message, not a second one
        return reply(req, res, { code: 0, msg: 'success', data: messageData(earlier) });
      }
      const user = idType === 'open_id'
        ? state.user(tenant, body.receive_id)
        : tenant.users?.find((u) => (idType === 'user_id' ? u.userId : u.unionId) === body.receive_id);
      if (!user) throw new FeishuError(FEISHU_CODES.noAvailability, 'Bot has NO availability to this user.');
      const warnings = checkContent(body.msg_type, body.content);
      const now = clock.now();
      const message: FeishuMessage = {
        messageId: `om_${randomHex(32)}`,
        tenantId: tenant.tenantId,
        appId: tenant.appId,
        openId: user.openId,
        chatId: state.chatIdFor(tenant, user.openId),
        msgType: body.msg_type,
        content: body.content,
        uuid: typeof body.uuid === 'string' ? body.uuid : undefined,
        createdAt: now,
        updatedAt: now,
        sends: 1,
        updates: [],
        warnings,
        toasts: [],
      };
      state.messages.set(message.messageId, message);
      if (uuidKey) state.byUuid.set(uuidKey, message.messageId);
      reply(req, res, { code: 0, msg: 'success', data: messageData(message) });
    } catch (err) {
      fail(req, res, err);
    }
  });

  const ownMessage = (req: AuthedRequest): FeishuMessage => {
    const m = state.messages.get(String(req.params.message_id));
    if (!m || m.tenantId !== req.tenant!.tenantId) throw new FeishuError(FEISHU_CODES.badRequest, 'Your request contains an invalid request parameter: unknown message_id.');
    return m;
  };

  router.get('/im/v1/messages/:message_id', authed, (req: AuthedRequest, res) => {
    try {
      reply(req, res, { code: 0, msg: 'success', data: { items: [messageData(ownMessage(req))] } });
    } catch (err) {
      fail(req, res, err);
    }
  });

  router.patch('/im/v1/messages/:message_id', authed, (req: AuthedRequest, res) => {
    try {
      const message = ownMessage(req);
      const content = (req.body as { content?: unknown } | undefined)?.content;
      if (typeof content !== 'string') throw new FeishuError(FEISHU_CODES.fieldValidation, 'field validation failed: content must be a JSON string');
      if (message.msgType !== 'interactive') throw new FeishuError(FEISHU_CODES.badRequest, 'Your request contains an invalid request parameter: only cards can be updated.');
      if (clock.now() - message.createdAt > MAX_AGE_MS) throw new FeishuError(FEISHU_CODES.tooOldToEdit, 'Message can only be modified within 14 days after sending.');
      const wall = Date.now();
      const recent = (updateTimes.get(message.messageId) ?? []).filter((t) => wall - t < 1000);
      if (recent.length >= UPDATES_PER_SECOND) throw new FeishuError(FEISHU_CODES.rateLimitedMessage, 'This operation triggers the frequency limit (5 updates/s per message).');
      checkContent('interactive', content);
      if (!isSharedCard(parseCard(message.content)) || !isSharedCard(parseCard(content))) {
        throw new FeishuError(FEISHU_CODES.cardFailed, 'Failed to create card content: config.update_multi must be true on the card before and after the update.');
      }
      recent.push(wall);
      updateTimes.set(message.messageId, recent);
      message.content = content;
      message.updatedAt = clock.now();
      message.updates.push({ at: message.updatedAt, content });
      reply(req, res, { code: 0, msg: 'success', data: {} });
    } catch (err) {
      fail(req, res, err);
    }
  });

  router.use((req, res) => reply(req, res, { code: 404, msg: `simulator: no ${req.method} ${req.baseUrl}${req.path}` }, 404));
  return router;
}
