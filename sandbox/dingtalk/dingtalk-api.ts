// The simulated DingTalk APIs (../shared/specs/hr-tools.md §2.1, §2.4, §2.5), both hosts on one
// origin: api.dingtalk.com's /v1.0 (accessToken; approval create, get, terminate; token in
// x-acs-dingtalk-access-token; errors HTTP 400/401 {code,message,requestid}) and oapi.dingtalk.com's
// /gettoken and work notification asyncsend_v2 (token in ?access_token; errors HTTP 200 {errcode}).
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FailureInjector } from '../board-kit/failure-injector';
import type { SimClock } from '../board-kit/sim-clock';
import { findPersonalData } from '../hr-kit/personal-data';
import { randomAlnum, randomHex } from '../hr-kit/sim-ids';
import type { TokenStore } from '../hr-kit/token-store';
import { dropMidResponse } from '../sim-kit/http-listen';
import type { ApprovalEngine, ApprovalEvent } from './dingtalk-approval';
import type { ApproverEntry, DingTalkInstance, DingTalkState, DingTalkTenant } from './dingtalk-state';

/** The approval template's text fields (spec §2.4). */
export const REVIEW_FORM_FIELDS = ['候选人', '岗位', 'AI评分', '复核详情'] as const;
const DAY_MS = 24 * 3600_000;

class V1Error extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) { super(message); }
}

type AuthedRequest = Request & { tenant?: DingTalkTenant };

export interface DingTalkApiDeps {
  state: DingTalkState;
  clock: SimClock;
  tokens: TokenStore;
  failures: FailureInjector;
  approvals: ApprovalEngine;
  /** How soon after creation an instance may be terminated (15 s). */
  terminateMinAgeMs: number;
  /** Sends the terminate push (when the tenant has a hub URL). */
  onEvents(tenant: DingTalkTenant, events: ApprovalEvent[]): void;
}

const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString().replace(/:\d\d\.\d+Z$/, 'Z'));

export function instanceView(i: DingTalkInstance) {
  return {
    title: i.title,
    createTime: iso(i.createTime),
    finishTime: iso(i.finishTime),
    originatorUserId: i.originatorUserId,
    originatorDeptId: String(i.deptId),
    status: i.status,
    result: i.result ?? '',
    businessId: i.businessId,
    approverUserIds: [...new Set(i.tasks.map((t) => t.userId))],
    formComponentValues: i.formComponentValues.map((f) => ({ name: f.name, value: f.value, componentType: 'TextField' })),
    operationRecords: i.operationRecords.map((r) => ({ userId: r.userId, date: iso(r.date), type: r.type, result: r.result, ...(r.remark !== undefined ? { remark: r.remark } : {}) })),
    tasks: i.tasks.map((t) => ({
      taskId: t.taskId, userId: t.userId, status: t.status,
      result: t.result === 'agree' ? 'AGREE' : t.result === 'refuse' ? 'REFUSE' : t.result === 'redirect' ? 'REDIRECTED' : 'NONE',
      createTime: iso(t.createTime), finishTime: iso(t.finishTime),
    })),
  };
}

export function createDingTalkApi(deps: DingTalkApiDeps): Router {
  const { state, clock, tokens, failures, approvals } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '1mb', type: () => true }));

  const log = (req: Request, status: number, code: string | number) => {
    state.requests.push({ at: Date.now(), method: req.method, path: req.path, status, code });
  };
  const v1 = (req: Request, res: Response, body: unknown, status = 200) => {
    log(req, status, status === 200 ? 0 : (body as { code: string }).code);
    res.status(status).json(body);
  };
  const v1Error = (req: Request, res: Response, err: unknown) => {
    const e = err instanceof V1Error ? err : new V1Error('invalidParameter', err instanceof Error ? err.message : String(err));
    v1(req, res, { requestid: randomHex(32).toUpperCase(), code: e.code, message: e.message }, e.status);
  };
  const oapi = (req: Request, res: Response, body: { errcode: number; errmsg: string; [k: string]: unknown }) => {
    log(req, 200, body.errcode);
    res.status(200).json({ ...body, request_id: randomAlnum(12).toLowerCase() });
  };
  const isOapi = (req: Request) => !req.path.startsWith('/v1.0/');

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const failure = failures.take(`${req.method} ${req.path}`);
    if (!failure) return next();
    if (failure.kind === 'slow') { await new Promise((r) => setTimeout(r, failure.delayMs)); return next(); }
    if (failure.kind === 'drop') { log(req, 200, 'drop'); return dropMidResponse(res, 'application/json', '{"instan'); }
    if (failure.kind === 'rateLimit') {
      if (isOapi(req)) return oapi(req, res, { errcode: 90018, errmsg: '当前企业调用该接口超过频率限制' });
      return v1(req, res, { requestid: randomHex(32), code: 'Forbidden.AccessDenied.QpsLimitForApi', message: '调用该接口超过频率限制' }, 429);
    }
    if (isOapi(req)) return oapi(req, res, { errcode: -1, errmsg: '系统繁忙' });
    return v1(req, res, { requestid: randomHex(32), code: 'ServiceUnavailable', message: 'simulated internal error' }, 500);
  });

  // ---- api.dingtalk.com ----
  router.post('/v1.0/oauth2/accessToken', (req, res) => {
    const { appKey, appSecret } = (req.body ?? {}) as { appKey?: unknown; appSecret?: unknown };
    const tenant = typeof appKey === 'string' ? state.tenantByAppKey(appKey) : undefined;
    if (!tenant || appSecret !== tenant.appSecret) return v1Error(req, res, new V1Error('invalidClientIdOrSecret', '无效的clientId或者clientSecret'));
    const { token, expiresInSeconds } = tokens.issue(tenant.tenantId);
    v1(req, res, { accessToken: token, expireIn: expiresInSeconds });
  });

  const v1Authed = (req: AuthedRequest, res: Response, next: NextFunction) => {
    const tenantId = tokens.check(req.get('x-acs-dingtalk-access-token'));
    if (!tenantId) return v1Error(req, res, new V1Error('InvalidAuthentication', '不合法的access_token', 401));
    req.tenant = state.tenant(tenantId);
    next();
  };

  const parseApprovers = (raw: unknown): ApproverEntry[] => {
    if (!Array.isArray(raw) || raw.length === 0) throw new V1Error('invalidParameter', 'approvers 不能为空');
    if (raw.length > 20) throw new V1Error('invalidParameter', 'approvers 最多 20 个');
    return raw.map((entry: unknown, n) => {
      const e = (entry ?? {}) as { actionType?: unknown; userIds?: unknown };
      if (e.actionType !== 'OR' && e.actionType !== 'AND' && e.actionType !== 'NONE') throw new V1Error('invalidParameter', `approvers[${n}].actionType must be OR, AND or NONE`);
      if (!Array.isArray(e.userIds) || e.userIds.length === 0 || !e.userIds.every((u) => typeof u === 'string' && u)) throw new V1Error('invalidParameter', `approvers[${n}].userIds must be user ids`);
      if (e.actionType === 'NONE' && e.userIds.length !== 1) throw new V1Error('invalidParameter', `approvers[${n}]: NONE takes exactly one approver`);
      return { actionType: e.actionType, userIds: e.userIds as string[] };
    });
  };

  router.post('/v1.0/workflow/processInstances', v1Authed, (req: AuthedRequest, res) => {
    try {
      const tenant = req.tenant!;
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body.originatorUserId !== 'string' || !body.originatorUserId) throw new V1Error('invalidParameter', 'originatorUserId 不能为空');
      if (typeof body.processCode !== 'string' || !tenant.processCodes!.includes(body.processCode)) throw new V1Error('invalidParameter', `processCode 不存在: ${String(body.processCode)}`);
      // Documented as optional with approvers, yet calls fail without it in practice (spec §2.4).
      if (typeof body.deptId !== 'number') throw new V1Error('invalidParameter', 'deptId 不能为空');
      const approvers = parseApprovers(body.approvers);
      const form = body.formComponentValues;
      if (!Array.isArray(form) || !form.every((f) => f && typeof f.name === 'string' && typeof f.value === 'string')) throw new V1Error('invalidParameter', 'formComponentValues must be [{name, value}] strings');
      const values = form as { name: string; value: string }[];
      const unknown = values.filter((f) => !(REVIEW_FORM_FIELDS as readonly string[]).includes(f.name));
      if (unknown.length) throw new V1Error('invalidParameter', `表单中没有组件: ${unknown.map((f) => f.name).join(', ')}`);
      const missing = REVIEW_FORM_FIELDS.filter((name) => !values.some((f) => f.name === name && f.value !== ''));
      if (missing.length) throw new V1Error('invalidParameter', `必填组件为空: ${missing.join(', ')}`);
      const personal = findPersonalData(values.map((f) => f.value).join('\n'));
      const instance = approvals.create(tenant, {
        originatorUserId: body.originatorUserId, processCode: body.processCode, deptId: body.deptId, approvers, formComponentValues: values,
        warnings: personal.map((p) => `${p} in the approval form`),
      });
      v1(req, res, { instanceId: instance.instanceId });
    } catch (err) {
      v1Error(req, res, err);
    }
  });

  const ownInstance = (req: AuthedRequest, id: unknown): DingTalkInstance => {
    const instance = typeof id === 'string' ? state.instances.get(id) : undefined;
    if (!instance || instance.tenantId !== req.tenant!.tenantId) throw new V1Error('invalidParameter', '审批实例不存在');
    return instance;
  };

  router.get('/v1.0/workflow/processInstances', v1Authed, (req: AuthedRequest, res) => {
    try {
      v1(req, res, { success: true, result: instanceView(ownInstance(req, req.query.processInstanceId)) });
    } catch (err) {
      v1Error(req, res, err);
    }
  });

  router.post('/v1.0/workflow/processInstances/terminate', v1Authed, (req: AuthedRequest, res) => {
    try {
      const body = (req.body ?? {}) as { processInstanceId?: unknown; isSystem?: unknown; remark?: unknown; operatingUserId?: unknown };
      const instance = ownInstance(req, body.processInstanceId);
      if (instance.status !== 'RUNNING') throw new V1Error('invalidParameter', `只能撤销审批中的实例 (status ${instance.status})`);
      if (clock.now() - instance.createTime < deps.terminateMinAgeMs) throw new V1Error('invalidParameter', '实例创建15秒内不允许撤销，请稍后重试');
      const isSystem = body.isSystem === true;
      if (!isSystem && typeof body.operatingUserId !== 'string') throw new V1Error('invalidParameter', 'operatingUserId 不能为空 (or isSystem: true)');
      const events = approvals.terminate(instance, {
        isSystem, remark: typeof body.remark === 'string' ? body.remark : undefined, operatingUserId: typeof body.operatingUserId === 'string' ? body.operatingUserId : undefined,
      });
      v1(req, res, { success: true, result: true });
      deps.onEvents(req.tenant!, events);
    } catch (err) {
      v1Error(req, res, err);
    }
  });

  // ---- oapi.dingtalk.com ----
  router.get('/gettoken', (req, res) => {
    const tenant = typeof req.query.appkey === 'string' ? state.tenantByAppKey(req.query.appkey) : undefined;
    if (!tenant || req.query.appsecret !== tenant.appSecret) return oapi(req, res, { errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
    const { token, expiresInSeconds } = tokens.issue(tenant.tenantId);
    oapi(req, res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresInSeconds });
  });

  let nextNoticeTask = 256_271_660_000 + Math.floor(Math.random() * 10_000);
  router.post('/topapi/message/corpconversation/asyncsend_v2', (req, res) => {
    const tenantId = tokens.check(typeof req.query.access_token === 'string' ? req.query.access_token : undefined);
    if (!tenantId) return oapi(req, res, { errcode: 40014, errmsg: '不合法的access_token' });
    const tenant = state.tenant(tenantId);
    const body = (req.body ?? {}) as { agent_id?: unknown; userid_list?: unknown; msg?: unknown };
    // The errcode for a foreign agent_id is the simulator's choice; the spec names none.
    if (Number(body.agent_id) !== tenant.agentId) return oapi(req, res, { errcode: 40056, errmsg: '不合法的agentid' });
    const userIds = typeof body.userid_list === 'string' ? body.userid_list.split(',').map((u) => u.trim()).filter(Boolean) : [];
    if (userIds.length === 0 || userIds.length > 100) return oapi(req, res, { errcode: 40035, errmsg: '不合法的参数: userid_list (1–100 userids, comma separated)' });
    let msg: unknown = body.msg;
    if (typeof msg === 'string') { try { msg = JSON.parse(msg); } catch { msg = undefined; } }
    if (!msg || typeof msg !== 'object' || typeof (msg as { msgtype?: unknown }).msgtype !== 'string') return oapi(req, res, { errcode: 40035, errmsg: '不合法的参数: msg.msgtype' });
    const now = clock.now();
    const contentHash = createHash('sha256').update(JSON.stringify(msg)).digest('hex');
    const deliveredTo: string[] = [];
    const droppedFor: string[] = [];
    for (const userId of userIds) {
      const key = `${tenant.tenantId}:${userId}:${contentHash}`;
      const last = state.notified.get(key);
      // DingTalk drops identical content to the same user within a day (the call still succeeds).
      if (last !== undefined && now - last < DAY_MS) droppedFor.push(userId);
      else { deliveredTo.push(userId); state.notified.set(key, now); }
    }
    const taskId = ++nextNoticeTask;
    const personal = findPersonalData(JSON.stringify(msg));
    state.notifications.push({
      taskId, requestId: randomAlnum(12).toLowerCase(), tenantId: tenant.tenantId, agentId: tenant.agentId, userIds,
      msg: msg as Record<string, unknown>, deliveredTo, droppedFor, sentAt: now, warnings: personal.map((p) => `${p} in the notification`),
    });
    oapi(req, res, { errcode: 0, errmsg: 'ok', task_id: taskId });
  });

  router.use((req, res) => {
    if (isOapi(req)) oapi(req, res, { errcode: 404, errmsg: `simulator: no ${req.method} ${req.path}` });
    else v1(req, res, { requestid: randomHex(32), code: 'NotFound', message: `simulator: no ${req.method} ${req.path}` }, 404);
  });
  return router;
}
