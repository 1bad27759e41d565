// A simulated Doumi (斗米) for dev and tests: the partner API, the webhook sender and controls.
//
// Usage (jest):
//   const doumi = await startDoumiSimulator({ hubUrl: hub.url, redeliveryScale: 0.0001, seed: 1 });
//   doumi.addApplications({ count: 5, deliver: 'both' });   // webhook + visible to polling
//   await doumi.webhooksIdle();                             // every delivery acked or dropped
//   doumi.statusReports(); doumi.jobs(); doumi.requests();  // what the hub did
//   doumi.injectFailure({ kind: 'rateLimit', count: 2 });   // next 2 API calls get 429/42900
//   doumi.clock.advance(8 * 24 * 3600_000);                 // cursors now answer 40010
//   await doumi.close();
// Credentials default to the dev config's tenants (config/dev.yaml); pass `tenants` to override.
import {
  createBoardSimKit, deliverModeFor, devTenantsOf, listedForPolling, sendsWebhook, serveBoardSimulator,
  type AddBoardApplicationsOptions, type BoardSimControls, type BoardSimulatorOptions, type DeliverMode,
} from '../board-kit/board-simulator';
import { toBeijingText, toDoumiTime } from '../board-kit/board-time';
import type { Delivery } from '../board-kit/webhook-sender';
import { createDoumiApi } from './doumi-api';
import { applicantToDoumi, type DoumiApplication, type DoumiApplicationInput } from './doumi-model';
import { DoumiState, type DoumiTenant, type RequestLogEntry, type SimDoumiJob, type StatusReport } from './doumi-state';
import { createDoumiWebhooks } from './doumi-webhooks';

export type { DeliverMode };

export interface DoumiSimulatorOptions extends BoardSimulatorOptions<DoumiTenant> {
  /** Multiplies the redelivery schedule (10 s, 1 min, 5 min, 30 min, 2 h). Default 1. */
  redeliveryScale?: number;
  /** How long a webhook answer may take. Default 3000 ms. */
  ackTimeoutMs?: number;
  /** Requests per second per appKey. Default 20 (Infinity disables the limit). */
  rateLimitPerSecond?: number;
  /** Cursor lifetime. Default 7 days. */
  cursorTtlMs?: number;
  /** Application ids are `${idPrefix}${yyyymmdd}${sequence}`. Default 'DM'. */
  idPrefix?: string;
}

export interface AddDoumiApplicationsOptions extends AddBoardApplicationsOptions {
  /** Explicit applications; whatever they leave out is generated. */
  applications?: DoumiApplicationInput[];
  /**
   * webhook: sent as application.created only (not listed); poll: listed only; both: both;
   * none: only recorded (GET by id works). Default: both when the tenant has a hubUrl, else poll.
   */
  deliver?: DeliverMode;
}

export interface DoumiSimulator extends BoardSimControls {
  url: string;
  close(): Promise<void>;
  addApplications(options: AddDoumiApplicationsOptions): DoumiApplication[];
  updateApplication(applicationId: string, patch: DoumiApplicationInput, options?: { deliver?: DeliverMode }): DoumiApplication;
  withdrawApplication(applicationId: string, options?: { reason?: string; deliver?: DeliverMode }): DoumiApplication;
  getApplication(applicationId: string): DoumiApplication | undefined;
  /** Sends any body (even invalid JSON) with a valid signature. */
  sendRawWebhook(options: { tenantId?: string; event: string; rawBody: string; deliveryId?: string }): Delivery;
  statusReports(tenantId?: string): StatusReport[];
  jobs(tenantId?: string): SimDoumiJob[];
  requests(): RequestLogEntry[];
}

export async function startDoumiSimulator(options: DoumiSimulatorOptions = {}): Promise<DoumiSimulator> {
  const kit = createBoardSimKit('doumi', options, { rateLimitPerSecond: 20 });
  const { clock, rng } = kit;
  const tenants: NonNullable<DoumiSimulatorOptions['tenants']> = options.tenants ?? devTenantsOf('doumi');
  const state = new DoumiState(tenants.map((t) => ({ ...t, hubUrl: t.hubUrl ?? options.hubUrl })));
  const webhooks = createDoumiWebhooks({
    clock,
    redeliveryScale: options.redeliveryScale ?? 1,
    ackTimeoutMs: options.ackTimeoutMs ?? 3000,
    concurrency: options.webhookConcurrency ?? 8,
  });
  const idPrefix = options.idPrefix ?? 'DM';
  let sequence = options.firstSequence ?? 1;

  const nextApplicationId = (): string => {
    const day = toBeijingText(clock.now()).slice(0, 10).replaceAll('-', '');
    return `${idPrefix}${day}${String(sequence++).padStart(6, '0')}`;
  };
  const jobIdFor = (tenantId: string, jobCode: string | null | undefined): string => {
    const posted = jobCode ? state.findJobByOuterCode(tenantId, jobCode) : undefined;
    if (posted) return posted.jobId;
    // A job the hub has not posted here: a stable made-up board id for the code.
    let h = 0;
    for (const ch of jobCode ?? 'none') h = (h * 31 + ch.charCodeAt(0)) % 90_000;
    return `DMJ${10_000 + h}`;
  };
  const deliverModeOf = (tenant: DoumiTenant, deliver?: DeliverMode): DeliverMode => deliverModeFor('Doumi', tenant, deliver);
  const publish = (tenant: DoumiTenant, application: DoumiApplication, mode: DeliverMode, event: 'application.created' | 'application.updated') => {
    state.put(tenant.tenantId, application, listedForPolling(mode));
    if (sendsWebhook(mode)) webhooks.applicationEvent(tenant, event, application);
  };
  const stored = (applicationId: string) => {
    const s = state.applications.get(applicationId);
    if (!s) throw new Error(`Doumi simulator: no application ${applicationId}`);
    return { stored: s, tenant: state.tenant(state.applicationTenant.get(applicationId)) };
  };

  const sim: Omit<DoumiSimulator, 'url' | 'close'> = {
    ...kit.controls({ tenants: state.tenants, sender: webhooks.sender }),
    addApplications(add) {
      const tenant = state.tenant(add.tenantId);
      const mode = deliverModeOf(tenant, add.deliver);
      return kit.build(add.applications, add, (input, applicant) => {
        const base = applicantToDoumi(applicant, { applicationId: nextApplicationId(), jobId: jobIdFor(tenant.tenantId, applicant.jobCode) },
          clock.now(), rng.pick(['APP', 'APP', 'MINI_PROGRAM', 'H5'] as const));
        const application: DoumiApplication = { ...base, ...input, candidate: { ...base.candidate, ...input.candidate } };
        if (input.outerJobCode !== undefined && input.jobId === undefined) application.jobId = jobIdFor(tenant.tenantId, input.outerJobCode);
        publish(tenant, application, mode, 'application.created');
        return application;
      });
    },
    updateApplication(applicationId, patch, opts = {}) {
      const { stored: s, tenant } = stored(applicationId);
      const application: DoumiApplication = {
        ...s.application, ...patch, candidate: { ...s.application.candidate, ...patch.candidate },
        applicationId, updatedAt: patch.updatedAt ?? toDoumiTime(clock.now()),
      };
      publish(tenant, application, deliverModeOf(tenant, opts.deliver), 'application.updated');
      return application;
    },
    withdrawApplication(applicationId, opts = {}) {
      const { stored: s, tenant } = stored(applicationId);
      const now = clock.now();
      const application: DoumiApplication = { ...s.application, status: 'WITHDRAWN', updatedAt: toDoumiTime(now) };
      const mode = deliverModeOf(tenant, opts.deliver);
      state.put(tenant.tenantId, application, listedForPolling(mode));
      if (sendsWebhook(mode)) webhooks.withdrawnEvent(tenant, applicationId, now, opts.reason ?? '候选人已找到其他工作');
      return application;
    },
    getApplication: (applicationId) => state.applications.get(applicationId)?.application,
    sendRawWebhook: (raw) => webhooks.raw(state.tenant(raw.tenantId), raw.event, raw.rawBody, raw.deliveryId),
    statusReports: (tenantId) => state.statusReports.filter((r) => tenantId === undefined || r.tenantId === tenantId),
    jobs: (tenantId) => [...state.jobs.values()].filter((j) => tenantId === undefined || j.tenantId === tenantId),
    requests: () => state.requests,
  };

  return serveBoardSimulator(sim, {
    port: options.port,
    clock,
    failures: kit.failures,
    sender: webhooks.sender,
    apiPath: '/open/v2',
    api: createDoumiApi({ state, clock, rateLimiter: kit.rateLimiter, failures: kit.failures, cursorTtlMs: options.cursorTtlMs ?? 7 * 24 * 3600_000 }),
    add: (request) => sim.addApplications({ ...request, applications: request.applications as DoumiApplicationInput[] | undefined })
      .map((a) => a.applicationId),
    withdraw: (id, request) => { sim.withdrawApplication(id, request); },
    snapshot: () => ({
      applications: state.applications.size,
      statusReports: state.statusReports,
      jobs: [...state.jobs.values()],
      requests: state.requests.length,
    }),
  });
}
