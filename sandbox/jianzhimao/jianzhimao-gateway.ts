// The simulated Jianzhimao open gateway, POST /api/open/gateway (../shared/specs/job-boards.md,
// "Calls from the hub to Jianzhimao"): MD5 signature and ±600 s timestamp checks, 10 calls/s per
// app_id, the {ret,msg,data} envelope (always HTTP 200), and the resume and job methods.
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { parseBeijingText } from '../board-kit/board-time';
import type { FailureInjector } from '../board-kit/failure-injector';
import { dropMidResponse } from '../sim-kit/http-listen';
import type { RateLimiter } from '../board-kit/rate-limiter';
import type { SimClock } from '../board-kit/sim-clock';
import {
  GatewayRequest, JobCloseBiz, JobPublishBiz, ResumeFeedbackBiz, ResumeGetBiz, ResumeListBiz,
} from './jianzhimao-model';
import { jianzhimaoSign, sameSign } from './jianzhimao-signing';
import type { JianzhimaoState, JianzhimaoTenant } from './jianzhimao-state';

export interface JianzhimaoGatewayDeps {
  state: JianzhimaoState;
  clock: SimClock;
  rateLimiter: RateLimiter;
  failures: FailureInjector;
}

const TIMESTAMP_WINDOW_S = 600;
const MAX_WINDOW_MS = 24 * 3600_000;

class GatewayError extends Error {
  constructor(readonly ret: number, message: string) { super(message); }
}

function problem(error: z.ZodError, prefix: string): string {
  return error.issues.map((i) => `${prefix}${i.path.join('.')}: ${i.message}`).join('; ');
}

function parseBiz<S extends z.ZodType>(schema: S, biz: unknown): z.infer<S> {
  const parsed = schema.safeParse(biz);
  if (!parsed.success) throw new GatewayError(2001, problem(parsed.error, 'biz_content.'));
  return parsed.data;
}

export function createJianzhimaoGateway(deps: JianzhimaoGatewayDeps): Router {
  const { state, clock } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '2mb', type: () => true }));

  const methods: Record<string, (tenant: JianzhimaoTenant, biz: unknown) => unknown> = {
    'resume.list': (tenant, biz) => {
      const q = parseBiz(ResumeListBiz, biz);
      const start = parseBeijingText(q.start_time)!;
      const end = parseBeijingText(q.end_time)!;
      if (end < start) throw new GatewayError(2001, 'biz_content.end_time: must not be before start_time');
      if (end - start > MAX_WINDOW_MS) throw new GatewayError(2001, 'biz_content.end_time: the window may span at most 24 hours');
      const now = clock.now();
      const matching = [...state.resumes.values()]
        .filter((s) => s.tenantId === tenant.tenantId && s.listed && s.visibleAtMs <= now && s.deliverMs >= start && s.deliverMs <= end)
        .sort((a, b) => a.deliverMs - b.deliverMs || (a.resume.resume_id < b.resume.resume_id ? -1 : 1));
      const from = (q.page_no - 1) * q.page_size;
      return { total: matching.length, list: matching.slice(from, from + q.page_size).map((s) => s.resume) };
    },
    'resume.get': (tenant, biz) => {
      const { resume_id } = parseBiz(ResumeGetBiz, biz);
      const stored = state.resumes.get(resume_id);
      if (!stored || stored.tenantId !== tenant.tenantId) throw new GatewayError(2004, `resume ${resume_id} not found`);
      return stored.resume;
    },
    'resume.feedback': (tenant, biz) => {
      const q = parseBiz(ResumeFeedbackBiz, biz);
      const stored = state.resumes.get(q.resume_id);
      if (!stored || stored.tenantId !== tenant.tenantId) throw new GatewayError(2004, `resume ${q.resume_id} not found`);
      state.feedback.push({ tenantId: tenant.tenantId, resumeId: q.resume_id, status: q.status, remark: q.remark, at: Date.now() });
      return null;
    },
    'job.publish': (tenant, biz) => {
      const posting = parseBiz(JobPublishBiz, biz);
      const existing = state.findJobByOutNo(tenant.tenantId, posting.out_job_no);
      if (existing) {
        // Publishing the same out_job_no again updates the job (and puts it online) under the same id.
        existing.posting = posting;
        existing.state = 'OPEN';
        existing.history.push({ action: 'updated', at: Date.now() });
        return { job_id: existing.jobId };
      }
      const jobId = state.newJobId();
      state.jobs.set(jobId, { tenantId: tenant.tenantId, jobId, posting, state: 'OPEN', history: [{ action: 'published', at: Date.now() }] });
      return { job_id: jobId };
    },
    'job.close': (tenant, biz) => {
      const { job_id } = parseBiz(JobCloseBiz, biz);
      const job = state.jobs.get(job_id);
      if (!job || job.tenantId !== tenant.tenantId) throw new GatewayError(2004, `job ${job_id} not found`);
      job.state = 'CLOSED';
      job.history.push({ action: 'closed', at: Date.now() });
      return null;
    },
  };

  router.post('/gateway', async (req, res: Response) => {
    const body: Record<string, unknown> = req.body && typeof req.body === 'object' ? req.body : {};
    const log = { at: Date.now(), appId: typeof body.app_id === 'string' ? body.app_id : undefined, method: typeof body.method === 'string' ? body.method : undefined };
    const answer = (ret: number, msg: string, data: unknown = null, injected?: string) => {
      state.calls.push({ ...log, ret, msg, injected });
      res.status(200).json({ ret, msg, data });
    };

    const failure = deps.failures.take(log.method ?? '');
    if (failure) {
      if (failure.kind === 'error') return answer(5000, 'system busy', null, 'error');
      if (failure.kind === 'rateLimit') return answer(4290, 'rate limited', null, 'rateLimit');
      if (failure.kind === 'drop') {
        state.calls.push({ ...log, ret: -1, msg: 'connection dropped', injected: 'drop' });
        return dropMidResponse(res, 'application/json', '{"ret":0,"msg":"success","data":{"tot');
      }
      await new Promise((r) => setTimeout(r, failure.delayMs));
    }

    try {
      const envelope = GatewayRequest.safeParse(body);
      if (!envelope.success) throw new GatewayError(2001, problem(envelope.error, ''));
      const request = envelope.data;
      const tenant = state.tenantByAppId(request.app_id);
      if (!tenant) throw new GatewayError(1003, `unknown app_id ${request.app_id}`);
      if (deps.rateLimiter.take(tenant.appId) > 0) throw new GatewayError(4290, 'rate limited: 10 calls/s per app_id');
      if (!/^\d{1,12}$/.test(request.timestamp)) throw new GatewayError(2001, 'timestamp: expected unix seconds as a string');
      if (Math.abs(Date.now() / 1000 - Number(request.timestamp)) > TIMESTAMP_WINDOW_S) throw new GatewayError(1002, 'timestamp expired');
      if (!sameSign(jianzhimaoSign(body, tenant.appSecret), request.sign)) throw new GatewayError(1001, 'bad sign');
      if (request.sign_type !== 'MD5') throw new GatewayError(2001, 'sign_type: only MD5 is supported');
      const method = methods[request.method];
      if (!method) throw new GatewayError(2001, `method: unknown method ${request.method}`);
      let biz: unknown;
      try {
        biz = JSON.parse(request.biz_content);
      } catch {
        throw new GatewayError(2001, 'biz_content: not a JSON string');
      }
      answer(0, 'success', method(tenant, biz) ?? null);
    } catch (err) {
      if (err instanceof GatewayError) return answer(err.ret, err.message);
      answer(5000, 'system busy');
    }
  });

  // A body that is not JSON still gets the board's envelope, not express's HTML error page.
  router.use((err: unknown, _req: express.Request, res: Response, _next: express.NextFunction) => {
    const msg = err instanceof SyntaxError ? 'body is not valid JSON' : 'bad request';
    state.calls.push({ at: Date.now(), ret: 2001, msg });
    res.status(200).json({ ret: 2001, msg, data: null });
  });

  router.use((req, res) => {
    state.calls.push({ at: Date.now(), ret: 2001, msg: `no such endpoint ${req.method} ${req.path}` });
    res.status(404).json({ ret: 2001, msg: 'no such endpoint', data: null });
  });
  return router;
}
