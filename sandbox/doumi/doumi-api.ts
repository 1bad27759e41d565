// The simulated Doumi partner API under /open/v2 (../shared/specs/job-boards.md, "Calls from the
// hub to Doumi"): signature, timestamp and nonce checks, rate limit, the {code,msg,data,requestId}
// envelope, the application list with opaque cursors, status reports and job posting.
import express, { type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FailureInjector } from '../board-kit/failure-injector';
import { dropMidResponse } from '../sim-kit/http-listen';
import type { RateLimiter } from '../board-kit/rate-limiter';
import type { SimClock } from '../board-kit/sim-clock';
import { decodeCursor, encodeCursor, isAfter, type CursorPosition } from './doumi-cursor';
import { DoumiJobPosting, DoumiStatusBody } from './doumi-model';
import { canonicalQuery, hmacHex, parseRawQuery, requestStringToSign, sameHex } from './doumi-signing';
import type { DoumiState, DoumiTenant } from './doumi-state';

export interface DoumiApiDeps {
  state: DoumiState;
  clock: SimClock;
  rateLimiter: RateLimiter;
  failures: FailureInjector;
  cursorTtlMs: number;
}

const TIMESTAMP_WINDOW_MS = 300_000;
const NONCE_WINDOW_MS = 600_000;

class DoumiError extends Error {
  constructor(readonly code: number, message: string, readonly data: unknown = null, readonly httpStatus = 200) { super(message); }
}

function reply(res: Response, httpStatus: number, code: number, msg: string, data: unknown): void {
  res.locals.code = code;
  res.status(httpStatus).json({ code, msg, data, requestId: randomUUID() });
}

function zodProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

export function createDoumiApi(deps: DoumiApiDeps): Router {
  const { state, clock } = deps;
  const nonces = new Map<string, number>(); // `${appKey}:${nonce}` → wall ms first seen
  const router = express.Router();

  router.use(express.raw({ type: () => true, limit: '2mb' }));

  // Request log, failure injection, rate limit and signature, in the order a gateway applies them.
  router.use(async (req, res, next) => {
    const [rawPath = '', rawQuery = ''] = req.originalUrl.split(/\?(.*)/s);
    const appKey = req.get('x-dm-app-key') ?? undefined;
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      state.requests.push({ at: Date.now(), method: req.method, path: rawPath, query: rawQuery, appKey, httpStatus: res.statusCode, code: res.locals.code, injected: res.locals.injected });
    };
    res.on('finish', log);

    const failure = deps.failures.take(`${req.method} ${rawPath}`);
    if (failure) {
      res.locals.injected = failure.kind;
      if (failure.kind === 'error') return reply(res, 500, 50000, 'server busy', null);
      if (failure.kind === 'rateLimit') { res.set('Retry-After', String(failure.retryAfterSeconds)); return reply(res, 429, 42900, 'rate limited', null); }
      if (failure.kind === 'drop') { log(); return dropMidResponse(res, 'application/json', '{"code":0,"msg":"ok","data":{"ite'); }
      await new Promise((r) => setTimeout(r, failure.delayMs));
    }

    const tenant = appKey ? state.tenantByAppKey(appKey) : undefined;
    if (!tenant) return reply(res, 200, 40101, appKey ? 'unknown X-Dm-App-Key' : 'missing X-Dm-App-Key', null);

    const waitMs = deps.rateLimiter.take(tenant.appKey);
    if (waitMs > 0) {
      res.set('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      return reply(res, 429, 42900, 'rate limited: 20 requests/s per appKey', null);
    }

    const timestamp = req.get('x-dm-timestamp') ?? '';
    const nonce = req.get('x-dm-nonce') ?? '';
    const signature = req.get('x-dm-signature') ?? '';
    if (!/^\d{10,16}$/.test(timestamp)) return reply(res, 200, 40102, 'X-Dm-Timestamp must be unix time in milliseconds', null);
    if (Math.abs(Date.now() - Number(timestamp)) > TIMESTAMP_WINDOW_MS) return reply(res, 200, 40102, 'X-Dm-Timestamp outside ±300 s', null);
    if (nonce.length < 16 || nonce.length > 64) return reply(res, 200, 40101, 'X-Dm-Nonce must be 16-64 characters', null);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let query: string;
    try {
      query = canonicalQuery(parseRawQuery(rawQuery));
    } catch {
      return reply(res, 200, 40000, 'query string is not valid percent-encoding', null);
    }
    const expected = hmacHex(tenant.appSecret, requestStringToSign(req.method, rawPath, query, timestamp, nonce, body));
    if (!sameHex(expected, signature)) return reply(res, 200, 40101, 'bad signature', null);

    const now = Date.now();
    for (const [key, seenAt] of nonces) if (seenAt < now - NONCE_WINDOW_MS) nonces.delete(key);
    const nonceKey = `${tenant.appKey}:${nonce}`;
    if (nonces.has(nonceKey)) return reply(res, 200, 40103, 'nonce reused', null);
    nonces.set(nonceKey, now);

    res.locals.tenant = tenant;
    res.locals.query = new Map(parseRawQuery(rawQuery));
    next();
  });

  const handle = (fn: (req: Request, tenant: DoumiTenant, query: Map<string, string>) => unknown) => (req: Request, res: Response) => {
    try {
      const data = fn(req, res.locals.tenant as DoumiTenant, res.locals.query as Map<string, string>);
      reply(res, 200, 0, 'ok', data ?? null);
    } catch (err) {
      if (err instanceof DoumiError) return reply(res, err.httpStatus, err.code, err.message, err.data);
      reply(res, 500, 50000, 'server busy', null);
    }
  };

  const jsonBody = (req: Request): unknown => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    try {
      return JSON.parse(raw);
    } catch {
      throw new DoumiError(40000, 'body is not valid JSON');
    }
  };

  router.get('/applications', handle((_req, tenant, query) => {
    const cursor = query.get('cursor');
    const updatedAfter = query.get('updatedAfter');
    const limitText = query.get('limit') ?? '20';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) throw new DoumiError(40000, 'limit must be an integer 1..100');
    if ((cursor === undefined) === (updatedAfter === undefined)) throw new DoumiError(40000, 'pass either cursor or updatedAfter');

    let from: CursorPosition;
    if (cursor !== undefined) {
      const decoded = decodeCursor(tenant.appKey, cursor);
      if (!decoded) throw new DoumiError(40000, 'cursor is not valid');
      if (clock.now() - decoded.issuedAtMs > deps.cursorTtlMs) throw new DoumiError(40010, 'cursor expired, restart from updatedAfter');
      from = decoded;
    } else {
      const ms = Date.parse(updatedAfter!);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(updatedAfter!) || Number.isNaN(ms)) throw new DoumiError(40000, 'updatedAfter must be ISO-8601');
      // Inclusive: an item updated in the same millisecond is handed out again rather than lost.
      from = { updatedAtMs: ms, applicationId: '' };
    }
    const after = state.listed(tenant.tenantId).filter((s) => isAfter({ updatedAtMs: s.updatedAtMs, applicationId: s.application.applicationId }, from));
    const page = after.slice(0, limit);
    const last = page[page.length - 1];
    const position = last ? { updatedAtMs: last.updatedAtMs, applicationId: last.application.applicationId } : from;
    return {
      items: page.map((s) => s.application),
      nextCursor: encodeCursor(tenant.appKey, position, clock.now()),
      hasMore: after.length > page.length,
    };
  }));

  const ownApplication = (tenant: DoumiTenant, applicationId: string) => {
    const stored = state.applications.get(applicationId);
    if (!stored || state.applicationTenant.get(applicationId) !== tenant.tenantId) throw new DoumiError(40400, `application ${applicationId} not found`);
    return stored;
  };

  router.get('/applications/:applicationId', handle((req, tenant) => ownApplication(tenant, String(req.params.applicationId)).application));

  router.post('/applications/:applicationId/status', handle((req, tenant) => {
    const applicationId = String(req.params.applicationId);
    ownApplication(tenant, applicationId);
    const parsed = DoumiStatusBody.safeParse(jsonBody(req));
    if (!parsed.success) throw new DoumiError(40000, zodProblem(parsed.error));
    state.statusReports.push({ tenantId: tenant.tenantId, applicationId, ...parsed.data, at: Date.now() });
    return null;
  }));

  router.post('/jobs', handle((req, tenant) => {
    const parsed = DoumiJobPosting.safeParse(jsonBody(req));
    if (!parsed.success) throw new DoumiError(40000, zodProblem(parsed.error));
    const existing = state.findJobByOuterCode(tenant.tenantId, parsed.data.outerJobCode);
    if (existing) {
      existing.history.push({ action: 'duplicate', at: Date.now() });
      throw new DoumiError(40901, `job with outerJobCode ${parsed.data.outerJobCode} already exists`, { jobId: existing.jobId });
    }
    const jobId = state.newJobId();
    state.jobs.set(jobId, { tenantId: tenant.tenantId, jobId, posting: parsed.data, state: 'ONLINE', history: [{ action: 'created', at: Date.now() }] });
    return { jobId };
  }));

  const ownJob = (tenant: DoumiTenant, jobId: string) => {
    const job = state.jobs.get(jobId);
    if (!job || job.tenantId !== tenant.tenantId) throw new DoumiError(40400, `job ${jobId} not found`);
    return job;
  };

  router.put('/jobs/:jobId', handle((req, tenant) => {
    const job = ownJob(tenant, String(req.params.jobId));
    const parsed = DoumiJobPosting.safeParse(jsonBody(req));
    if (!parsed.success) throw new DoumiError(40000, zodProblem(parsed.error));
    const clash = state.findJobByOuterCode(tenant.tenantId, parsed.data.outerJobCode);
    if (clash && clash.jobId !== job.jobId) throw new DoumiError(40901, `job with outerJobCode ${parsed.data.outerJobCode} already exists`, { jobId: clash.jobId });
    job.posting = parsed.data;
    job.history.push({ action: 'updated', at: Date.now() });
    return null;
  }));

  router.post('/jobs/:jobId/offline', handle((req, tenant) => {
    const job = ownJob(tenant, String(req.params.jobId));
    job.state = 'OFFLINE';
    job.history.push({ action: 'offline', at: Date.now() });
    return null;
  }));

  router.use((_req: Request, res: Response) => reply(res, 200, 40400, 'no such endpoint', null));
  return router;
}
