// A simulated Jianzhimao (兼职猫) for dev and tests: the open gateway, the webhook sender and controls.
//
// Usage (jest):
//   const jzm = await startJianzhimaoSimulator({ hubUrl: hub.url, redeliveryScale: 0.0001, seed: 1 });
//   jzm.addResumes({ count: 5, deliver: 'poll', visibilityDelayMs: 90_000 }); // late arrivals
//   jzm.clock.advance(120_000);                      // …now resume.list shows them
//   await jzm.webhooksIdle();                        // every delivery acked (`success`) or dropped
//   jzm.feedback(); jzm.jobs(); jzm.calls();         // what the hub did
//   jzm.injectFailure({ kind: 'error', match: 'resume.list' }); // next resume.list gets ret 5000
//   await jzm.close();
// Credentials default to the dev config's tenants (config/dev.yaml); pass `tenants` to override.
import express from 'express';
import { createApplicantGenerator } from '../board-kit/applicant-generator';
import { parseBeijingText, toBeijingText } from '../board-kit/board-time';
import { createControlRoutes } from '../board-kit/control-routes';
import { devJobCodes, loadDevBoardTenants } from '../board-kit/dev-config';
import { createFailureInjector, type FailureSpec } from '../board-kit/failure-injector';
import { listenLoopback } from '../board-kit/http-listen';
import { createRateLimiter } from '../board-kit/rate-limiter';
import { createSeededRandom } from '../board-kit/seeded-random';
import { createSimClock, type SimClock } from '../board-kit/sim-clock';
import type { Delivery } from '../board-kit/webhook-sender';
import { createJianzhimaoGateway } from './jianzhimao-gateway';
import { applicantToResume, type JianzhimaoResume, type JianzhimaoResumeInput } from './jianzhimao-model';
import {
  JianzhimaoState, type FeedbackReport, type GatewayLogEntry, type JianzhimaoTenant, type SimJianzhimaoJob,
} from './jianzhimao-state';
import { createJianzhimaoWebhooks } from './jianzhimao-webhooks';

/** How an application reaches the hub; `none` only records it (GET by id works), for benchmarks. */
export type DeliverMode = 'webhook' | 'poll' | 'both' | 'none';

export interface JianzhimaoSimulatorOptions {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Tenants and credentials. Default: the jianzhimao boards of config/dev.yaml (HUB_CONFIG). */
  tenants?: (Omit<JianzhimaoTenant, 'hubUrl'> & { hubUrl?: string })[];
  /** Webhook target for tenants without their own hubUrl. No webhooks when neither is set. */
  hubUrl?: string;
  seed?: string | number;
  /** Job codes generated resumes apply to. Default: the dev config's job codes. */
  jobCodes?: string[];
  /** Multiplies the retry schedule (15 s … 3 h). Default 1. */
  redeliveryScale?: number;
  /** How long a webhook answer may take. Default 5000 ms. */
  ackTimeoutMs?: number;
  webhookConcurrency?: number;
  /** Calls per second per app_id. Default 10 (Infinity disables the limit). */
  rateLimitPerSecond?: number;
  /**
   * Share of generated resumes that show up in resume.list late (0–1, default 0), each by a random
   * delay up to `maxLateMs` (default 2 minutes, the spec's bound).
   */
  lateArrivalRate?: number;
  maxLateMs?: number;
  clock?: SimClock;
  /** Resume ids are `${idPrefix}${sequence}`. Default 'JZM', from 7_731_001. */
  idPrefix?: string;
  firstSequence?: number;
}

export interface AddJianzhimaoResumesOptions {
  tenantId?: string;
  count?: number;
  /** Explicit resumes; whatever they leave out is generated. */
  resumes?: JianzhimaoResumeInput[];
  jobCode?: string;
  /** webhook: resume_deliver only (not listed); poll: listed only; both; none: only recorded. Default: both with a hubUrl, else poll. */
  deliver?: DeliverMode;
  /** Late arrival for these resumes: resume.list shows them this long after deliver_time. */
  visibilityDelayMs?: number;
}

export interface JianzhimaoSimulator {
  url: string;
  clock: SimClock;
  close(): Promise<void>;
  addResumes(options: AddJianzhimaoResumesOptions): JianzhimaoResume[];
  /** Cancels a delivery (resume_cancel webhook). */
  cancelResume(resumeId: string, options?: { deliver?: DeliverMode }): void;
  getResume(resumeId: string): JianzhimaoResume | undefined;
  sendRawWebhook(options: { tenantId?: string; eventType: string; bizContent: string }): Delivery;
  feedback(tenantId?: string): FeedbackReport[];
  jobs(tenantId?: string): SimJianzhimaoJob[];
  calls(): GatewayLogEntry[];
  deliveries(): Delivery[];
  webhooksIdle(timeoutMs?: number): Promise<void>;
  injectFailure(spec: FailureSpec): void;
  clearFailures(): void;
  setHubUrl(hubUrl: string | undefined, tenantId?: string): void;
  setRateLimit(perSecond: number): void;
  setRedeliveryScale(scale: number): void;
}

export async function startJianzhimaoSimulator(options: JianzhimaoSimulatorOptions = {}): Promise<JianzhimaoSimulator> {
  const clock = options.clock ?? createSimClock();
  const tenants: NonNullable<JianzhimaoSimulatorOptions['tenants']> = options.tenants
    ?? loadDevBoardTenants().flatMap((t) => (t.jianzhimao ? [{ tenantId: t.tenantId, ...t.jianzhimao }] : []));
  const state = new JianzhimaoState(tenants.map((t) => ({ ...t, hubUrl: t.hubUrl ?? options.hubUrl })));
  const rateLimiter = createRateLimiter(options.rateLimitPerSecond ?? 10);
  const failures = createFailureInjector();
  const webhooks = createJianzhimaoWebhooks({
    redeliveryScale: options.redeliveryScale ?? 1,
    ackTimeoutMs: options.ackTimeoutMs ?? 5000,
    concurrency: options.webhookConcurrency ?? 8,
  });
  const seed = options.seed ?? Date.now();
  const generator = createApplicantGenerator({ seed, jobCodes: options.jobCodes ?? devJobCodes(), now: clock.now });
  const rng = createSeededRandom(`${seed}:jianzhimao`);
  const idPrefix = options.idPrefix ?? 'JZM';
  let sequence = options.firstSequence ?? 7_731_001;

  const jobIdFor = (tenantId: string, outJobNo: string): string => {
    const posted = outJobNo ? state.findJobByOutNo(tenantId, outJobNo) : undefined;
    if (posted) return posted.jobId;
    let h = 0;
    for (const ch of outJobNo || 'none') h = (h * 31 + ch.charCodeAt(0)) % 9000;
    return `J${1000 + h}`;
  };
  const modeOf = (tenant: JianzhimaoTenant, deliver?: DeliverMode): DeliverMode => {
    const mode = deliver ?? (tenant.hubUrl ? 'both' : 'poll');
    // Refuse before anything is stored, so a refused request leaves no half-delivered resume.
    if ((mode === 'webhook' || mode === 'both') && !tenant.hubUrl) throw new Error(`Jianzhimao simulator: tenant ${tenant.tenantId} has no hubUrl, so it cannot send webhooks`);
    return mode;
  };
  const lateBy = (): number => (rng.chance(options.lateArrivalRate ?? 0) ? rng.int(1000, options.maxLateMs ?? 120_000) : 0);

  const sim: Omit<JianzhimaoSimulator, 'url' | 'close'> = {
    clock,
    addResumes(add) {
      const tenant = state.tenant(add.tenantId);
      const mode = modeOf(tenant, add.deliver);
      const inputs: JianzhimaoResumeInput[] = [...(add.resumes ?? []), ...Array.from({ length: add.count ?? 0 }, () => ({}))];
      return inputs.map((input) => {
        const applicant = generator.next();
        if (add.jobCode !== undefined) applicant.jobCode = add.jobCode;
        const base = applicantToResume(applicant, { resumeId: `${idPrefix}${sequence++}`, jobId: jobIdFor(tenant.tenantId, applicant.jobCode ?? '') }, clock.now());
        const resume: JianzhimaoResume = { ...base, ...input };
        if (input.out_job_no !== undefined && input.job_id === undefined) resume.job_id = jobIdFor(tenant.tenantId, input.out_job_no);
        const deliverMs = parseBeijingText(resume.deliver_time);
        if (deliverMs === undefined) throw new Error(`Jianzhimao simulator: deliver_time ${resume.deliver_time} is not YYYY-MM-DD HH:mm:ss`);
        const delay = add.visibilityDelayMs ?? lateBy();
        state.resumes.set(resume.resume_id, { tenantId: tenant.tenantId, resume, deliverMs, visibleAtMs: deliverMs + delay, listed: mode === 'poll' || mode === 'both' });
        if (mode === 'webhook' || mode === 'both') webhooks.deliver(tenant, resume);
        return resume;
      });
    },
    cancelResume(resumeId, opts = {}) {
      const stored = state.resumes.get(resumeId);
      if (!stored) throw new Error(`Jianzhimao simulator: no resume ${resumeId}`);
      const tenant = state.tenant(stored.tenantId);
      const mode = modeOf(tenant, opts.deliver);
      stored.cancelledAt = toBeijingText(clock.now());
      if (mode === 'webhook' || mode === 'both') webhooks.cancel(tenant, resumeId, stored.cancelledAt);
    },
    getResume: (resumeId) => state.resumes.get(resumeId)?.resume,
    sendRawWebhook: (raw) => webhooks.raw(state.tenant(raw.tenantId), raw.eventType, raw.bizContent),
    feedback: (tenantId) => state.feedback.filter((f) => tenantId === undefined || f.tenantId === tenantId),
    jobs: (tenantId) => [...state.jobs.values()].filter((j) => tenantId === undefined || j.tenantId === tenantId),
    calls: () => state.calls,
    deliveries: () => webhooks.sender.deliveries(),
    webhooksIdle: (timeoutMs) => webhooks.sender.idle(timeoutMs),
    injectFailure: (spec) => failures.add(spec),
    clearFailures: () => failures.clear(),
    setHubUrl(hubUrl, tenantId) {
      for (const t of state.tenants.values()) if (tenantId === undefined || t.tenantId === tenantId) t.hubUrl = hubUrl;
    },
    setRateLimit: (perSecond) => rateLimiter.setLimit(perSecond),
    setRedeliveryScale: (scale) => webhooks.sender.setRedeliveryScale(scale),
  };

  const app = express();
  app.disable('x-powered-by');
  app.use('/api/open', createJianzhimaoGateway({ state, clock, rateLimiter, failures }));
  app.use('/_sim', createControlRoutes({
    clock,
    add: (request) => sim.addResumes({ ...request, resumes: request.applications as JianzhimaoResumeInput[] | undefined }).map((r) => r.resume_id),
    withdraw: (id, request) => sim.cancelResume(id, request),
    injectFailure: (spec) => failures.add(spec),
    snapshot: () => ({
      resumes: state.resumes.size,
      feedback: state.feedback,
      jobs: [...state.jobs.values()],
      calls: state.calls.length,
      deliveries: webhooks.sender.deliveries().map((d) => ({ id: d.id, event: d.event, subject: d.subject, state: d.state, attempts: d.attempts.length })),
    }),
  }));
  const server = await listenLoopback(app, options.port ?? 0);
  return Object.assign(sim, {
    url: server.url,
    async close() {
      webhooks.sender.close();
      await server.close();
    },
  });
}
