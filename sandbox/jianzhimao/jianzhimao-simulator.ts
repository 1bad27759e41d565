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
import {
  createBoardSimKit, deliverModeFor, devTenantsOf, listedForPolling, sendsWebhook, serveBoardSimulator,
  type AddBoardApplicationsOptions, type BoardSimControls, type BoardSimulatorOptions, type DeliverMode,
} from '../board-kit/board-simulator';
import { parseBeijingText, toBeijingText } from '../board-kit/board-time';
import type { Delivery } from '../board-kit/webhook-sender';
import { createJianzhimaoGateway } from './jianzhimao-gateway';
import { applicantToResume, type JianzhimaoResume, type JianzhimaoResumeInput } from './jianzhimao-model';
import {
  JianzhimaoState, type FeedbackReport, type GatewayLogEntry, type JianzhimaoTenant, type SimJianzhimaoJob,
} from './jianzhimao-state';
import { createJianzhimaoWebhooks } from './jianzhimao-webhooks';

export type { DeliverMode };

export interface JianzhimaoSimulatorOptions extends BoardSimulatorOptions<JianzhimaoTenant> {
  /** Multiplies the retry schedule (15 s … 3 h). Default 1. */
  redeliveryScale?: number;
  /** How long a webhook answer may take. Default 5000 ms. */
  ackTimeoutMs?: number;
  /** Calls per second per app_id. Default 10 (Infinity disables the limit). */
  rateLimitPerSecond?: number;
  /**
   * Share of generated resumes that show up in resume.list late (0–1, default 0), each by a random
   * delay up to `maxLateMs` (default 2 minutes, the spec's bound).
   */
  lateArrivalRate?: number;
  maxLateMs?: number;
  /** Resume ids are `${idPrefix}${sequence}`. Default 'JZM', from 7_731_001. */
  idPrefix?: string;
}

export interface AddJianzhimaoResumesOptions extends AddBoardApplicationsOptions {
  /** Explicit resumes; whatever they leave out is generated. */
  resumes?: JianzhimaoResumeInput[];
  /** webhook: resume_deliver only (not listed); poll: listed only; both; none: only recorded. Default: both with a hubUrl, else poll. */
  deliver?: DeliverMode;
  /** Late arrival for these resumes: resume.list shows them this long after deliver_time. */
  visibilityDelayMs?: number;
}

export interface JianzhimaoSimulator extends BoardSimControls {
  url: string;
  close(): Promise<void>;
  addResumes(options: AddJianzhimaoResumesOptions): JianzhimaoResume[];
  /** Cancels a delivery (resume_cancel webhook). */
  cancelResume(resumeId: string, options?: { deliver?: DeliverMode }): void;
  getResume(resumeId: string): JianzhimaoResume | undefined;
  sendRawWebhook(options: { tenantId?: string; eventType: string; bizContent: string }): Delivery;
  feedback(tenantId?: string): FeedbackReport[];
  jobs(tenantId?: string): SimJianzhimaoJob[];
  calls(): GatewayLogEntry[];
}

export async function startJianzhimaoSimulator(options: JianzhimaoSimulatorOptions = {}): Promise<JianzhimaoSimulator> {
  const kit = createBoardSimKit('jianzhimao', options, { rateLimitPerSecond: 10 });
  const { clock, rng } = kit;
  const tenants: NonNullable<JianzhimaoSimulatorOptions['tenants']> = options.tenants ?? devTenantsOf('jianzhimao');
  const state = new JianzhimaoState(tenants.map((t) => ({ ...t, hubUrl: t.hubUrl ?? options.hubUrl })));
  const webhooks = createJianzhimaoWebhooks({
    redeliveryScale: options.redeliveryScale ?? 1,
    ackTimeoutMs: options.ackTimeoutMs ?? 5000,
    concurrency: options.webhookConcurrency ?? 8,
  });
  const idPrefix = options.idPrefix ?? 'JZM';
  let sequence = options.firstSequence ?? 7_731_001;

  const jobIdFor = (tenantId: string, outJobNo: string): string => {
    const posted = outJobNo ? state.findJobByOutNo(tenantId, outJobNo) : undefined;
    if (posted) return posted.jobId;
    let h = 0;
    for (const ch of outJobNo || 'none') h = (h * 31 + ch.charCodeAt(0)) % 9000;
    return `J${1000 + h}`;
  };
  const modeOf = (tenant: JianzhimaoTenant, deliver?: DeliverMode): DeliverMode => deliverModeFor('Jianzhimao', tenant, deliver);
  const lateBy = (): number => (rng.chance(options.lateArrivalRate ?? 0) ? rng.int(1000, options.maxLateMs ?? 120_000) : 0);

  const sim: Omit<JianzhimaoSimulator, 'url' | 'close'> = {
    ...kit.controls({ tenants: state.tenants, sender: webhooks.sender }),
    addResumes(add) {
      const tenant = state.tenant(add.tenantId);
      const mode = modeOf(tenant, add.deliver);
      return kit.build(add.resumes, add, (input, applicant) => {
        const base = applicantToResume(applicant, { resumeId: `${idPrefix}${sequence++}`, jobId: jobIdFor(tenant.tenantId, applicant.jobCode ?? '') }, clock.now());
        const resume: JianzhimaoResume = { ...base, ...input };
        if (input.out_job_no !== undefined && input.job_id === undefined) resume.job_id = jobIdFor(tenant.tenantId, input.out_job_no);
        const deliverMs = parseBeijingText(resume.deliver_time);
        if (deliverMs === undefined) throw new Error(`Jianzhimao simulator: deliver_time ${resume.deliver_time} is not YYYY-MM-DD HH:mm:ss`);
        const delay = add.visibilityDelayMs ?? lateBy();
        state.resumes.set(resume.resume_id, { tenantId: tenant.tenantId, resume, deliverMs, visibleAtMs: deliverMs + delay, listed: listedForPolling(mode) });
        if (sendsWebhook(mode)) webhooks.deliver(tenant, resume);
        return resume;
      });
    },
    cancelResume(resumeId, opts = {}) {
      const stored = state.resumes.get(resumeId);
      if (!stored) throw new Error(`Jianzhimao simulator: no resume ${resumeId}`);
      const tenant = state.tenant(stored.tenantId);
      const mode = modeOf(tenant, opts.deliver);
      stored.cancelledAt = toBeijingText(clock.now());
      if (sendsWebhook(mode)) webhooks.cancel(tenant, resumeId, stored.cancelledAt);
    },
    getResume: (resumeId) => state.resumes.get(resumeId)?.resume,
    sendRawWebhook: (raw) => webhooks.raw(state.tenant(raw.tenantId), raw.eventType, raw.bizContent),
    feedback: (tenantId) => state.feedback.filter((f) => tenantId === undefined || f.tenantId === tenantId),
    jobs: (tenantId) => [...state.jobs.values()].filter((j) => tenantId === undefined || j.tenantId === tenantId),
    calls: () => state.calls,
  };

  return serveBoardSimulator(sim, {
    port: options.port,
    clock,
    failures: kit.failures,
    sender: webhooks.sender,
    apiPath: '/api/open',
    api: createJianzhimaoGateway({ state, clock, rateLimiter: kit.rateLimiter, failures: kit.failures }),
    add: (request) => sim.addResumes({ ...request, resumes: request.applications as JianzhimaoResumeInput[] | undefined }).map((r) => r.resume_id),
    withdraw: (id, request) => sim.cancelResume(id, request),
    snapshot: () => ({
      resumes: state.resumes.size,
      feedback: state.feedback,
      jobs: [...state.jobs.values()],
      calls: state.calls.length,
    }),
  });
}
