// The simulated WeChat official-account API (notify-providers.md §4): POST /cgi-bin/stable_token,
// /cgi-bin/message/template/send and /cgi-bin/message/subscribe/bizsend, each answering HTTP 200
// `{errcode, errmsg, …}` in WeChat's way: token (40001/42001), openid (40003), follow (43004),
// consent (43101), template (40037), data (47003), daily quota (45009), injected failures.
import express, { type Request, type Response, type Router } from 'express';
import type { SimClock } from '../board-kit/sim-clock';
import type { NotifyFailureInjector } from '../notify-kit/notify-failures';
import { wechatDataProblem } from './wechat-data-rules';
import { WECHAT_ERRCODES, WECHAT_INPUT_ERRCODES, type WechatApp, type WechatMessageKind } from './wechat-model';
import type { WechatState } from './wechat-state';
import type { WechatTokenStore } from './wechat-tokens';

export interface WechatApiDeps {
  state: WechatState;
  clock: SimClock;
  tokens: WechatTokenStore;
  failures: NotifyFailureInjector;
  /** Sends per template per app per Beijing day before 45009. */
  dailyQuota(): number;
  /** Same openid + client_msg_id within this window gives the first msgid again, no second message. 0 = off. */
  dedupeClientMsgIdMs: number;
}

type Fields = Record<string, unknown>;
const ENDPOINTS = {
  '/cgi-bin/stable_token': 'stable_token',
  '/cgi-bin/message/template/send': 'template/send',
  '/cgi-bin/message/subscribe/bizsend': 'subscribe/bizsend',
} as const;

function answer(res: Response, errcode: number, detail?: string, extra: Fields = {}): void {
  res.locals.errcode = errcode;
  const base = errcode === 0 ? 'ok' : WECHAT_ERRCODES[String(errcode)] ?? WECHAT_INPUT_ERRCODES[String(errcode)] ?? 'error';
  // WeChat appends a request id ("rid") to every error message.
  const errmsg = errcode === 0 ? base : `${base}${detail ? ` ${detail}` : ''} rid: ${Math.random().toString(16).slice(2, 10)}`;
  res.status(200).json({ errcode, errmsg, ...extra });
}

export function createWechatApi(deps: WechatApiDeps): Router {
  const { state, clock, tokens } = deps;
  const dedupe = new Map<string, { msgid: number; at: number }>();
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: '1mb' }));

  router.post(Object.keys(ENDPOINTS), async (req: Request, res: Response) => {
    const endpoint = ENDPOINTS[req.path as keyof typeof ENDPOINTS];
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      state.requests.push({ at: Date.now(), endpoint, appId: res.locals.appId as string | undefined, errcode: res.locals.errcode as number | undefined, injected: res.locals.injected as string | undefined });
    };
    res.on('finish', log);
    res.on('close', log);

    let app: WechatApp | undefined;
    if (endpoint !== 'stable_token') {
      const accessToken = typeof req.query.access_token === 'string' ? req.query.access_token : '';
      if (!accessToken) return answer(res, 41001);
      const checked = tokens.check(accessToken);
      if ('errcode' in checked) return answer(res, checked.errcode);
      app = state.apps.get(checked.appId);
      res.locals.appId = checked.appId;
    }

    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    if (!raw.trim()) return answer(res, 44002);
    let body: Fields;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return answer(res, 47001);
      body = parsed as Fields;
    } catch {
      return answer(res, 47001);
    }

    const target = [endpoint, String(body.appid ?? body.touser ?? ''), String(body.template_id ?? ''), String(body.client_msg_id ?? '')].join(' ');
    const failure = deps.failures.take(target);
    if (failure) {
      res.locals.injected = failure.kind === 'refuse' ? failure.code : failure.kind;
      if (failure.kind === 'refuse') return answer(res, Number(failure.code), failure.message);
      if (failure.kind === 'drop') { req.socket.destroy(); return; }
      if (failure.kind === 'slow') await new Promise((r) => setTimeout(r, failure.delayMs));
    }
    const done = (errcode: number, detail?: string, extra: Fields = {}) => {
      if (failure?.kind === 'dropAfterAccept' && errcode === 0) { req.socket.destroy(); return; }
      answer(res, errcode, detail, extra);
    };

    if (endpoint === 'stable_token') {
      if (body.grant_type !== 'client_credential') return done(40002);
      const tokenApp = typeof body.appid === 'string' ? state.apps.get(body.appid) : undefined;
      if (!tokenApp) return done(40013);
      res.locals.appId = tokenApp.appId;
      if (body.secret !== tokenApp.appSecret) return done(40125);
      const issued = tokens.stable(tokenApp.appId, body.force_refresh === true);
      // The token answer carries no errcode on success.
      if (failure?.kind === 'dropAfterAccept') { req.socket.destroy(); return; }
      res.locals.errcode = 0;
      res.status(200).json({ access_token: issued.accessToken, expires_in: issued.expiresIn });
      return;
    }

    const kind: WechatMessageKind = endpoint === 'template/send' ? 'template' : 'subscribe';
    const { touser, template_id: templateId, data } = body;
    if (typeof touser !== 'string' || typeof templateId !== 'string' || data === undefined) return done(47001, 'touser, template_id and data are required');
    const user = state.user(app!, touser);
    if (!user) return done(40003);
    const template = app!.templates[templateId];
    if (!template || template.kind !== kind) return done(40037);
    if (kind === 'template' && user.follows === false) return done(43004);
    const consent = user.subscriptions?.[templateId];
    if (kind === 'subscribe' && !(consent === 'always' || (typeof consent === 'number' && consent > 0))) return done(43101);
    const problem = wechatDataProblem(template.keys, data);
    if (problem) return done(47003, problem);

    const now = clock.now();
    const clientMsgId = typeof body.client_msg_id === 'string' ? body.client_msg_id : undefined;
    const dedupeKey = clientMsgId && `${app!.appId}:${touser}:${clientMsgId}`;
    const earlier = dedupeKey ? dedupe.get(dedupeKey) : undefined;
    if (earlier && deps.dedupeClientMsgIdMs > 0 && now - earlier.at < deps.dedupeClientMsgIdMs) return done(0, undefined, { msgid: earlier.msgid });
    if (state.countToday(app!.appId, templateId, now) >= deps.dailyQuota()) return done(45009);

    if (kind === 'subscribe' && typeof consent === 'number') user.subscriptions![templateId] = consent - 1;
    state.countSend(app!.appId, templateId, now);
    const values = Object.fromEntries(template.keys.map((k) => [k, (data as Record<string, { value: string }>)[k]!.value]));
    const link = kind === 'template' ? body.url : body.page;
    const msgid = state.newMsgid();
    state.messages.push({
      tenantId: app!.tenantId, appId: app!.appId, msgid, kind, openid: touser, templateId, data: values,
      link: typeof link === 'string' ? link : undefined, clientMsgId,
      text: [template.title, ...template.keys.map((k) => `${k}: ${values[k]}`)].join('\n'), acceptedAt: now,
    });
    if (dedupeKey) dedupe.set(dedupeKey, { msgid, at: now });
    done(0, undefined, { msgid });
  });

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ errcode: 48001, errmsg: 'api unauthorized' });
  });
  return router;
}
