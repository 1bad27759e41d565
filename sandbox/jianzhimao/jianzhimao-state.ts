// What the simulated Jianzhimao holds per tenant (app_id): resumes with their late-arrival
// visibility, published jobs, the feedback the hub sent and a log of every gateway call.
import type { JianzhimaoResume, JobPublishBiz } from './jianzhimao-model';

export interface JianzhimaoTenant {
  tenantId: string;
  appId: string;
  appSecret: string;
  /** Where webhooks go: POST {hubUrl}/webhooks/jianzhimao/{tenantId}. No webhooks when missing. */
  hubUrl?: string;
}

export interface StoredResume {
  tenantId: string;
  resume: JianzhimaoResume;
  deliverMs: number;
  /** Simulated time from which resume.list shows it (deliver time + up to 2 min late). */
  visibleAtMs: number;
  /** False for resumes delivered by webhook only. */
  listed: boolean;
  cancelledAt?: string;
}

export interface FeedbackReport {
  tenantId: string;
  resumeId: string;
  status: number;
  remark?: string;
  at: number;
}

export interface SimJianzhimaoJob {
  tenantId: string;
  jobId: string;
  posting: JobPublishBiz;
  state: 'OPEN' | 'CLOSED';
  history: { action: 'published' | 'updated' | 'closed'; at: number }[];
}

export interface GatewayLogEntry {
  at: number;
  appId?: string;
  method?: string;
  ret: number;
  msg: string;
  injected?: string;
}

export class JianzhimaoState {
  readonly tenants = new Map<string, JianzhimaoTenant>();
  readonly resumes = new Map<string, StoredResume>();
  readonly jobs = new Map<string, SimJianzhimaoJob>();
  readonly feedback: FeedbackReport[] = [];
  readonly calls: GatewayLogEntry[] = [];
  private nextJob = 5500;

  constructor(tenants: JianzhimaoTenant[]) {
    for (const t of tenants) this.tenants.set(t.tenantId, { ...t });
  }

  tenantByAppId(appId: string): JianzhimaoTenant | undefined {
    return [...this.tenants.values()].find((t) => t.appId === appId);
  }

  tenant(tenantId?: string): JianzhimaoTenant {
    const t = tenantId === undefined ? this.tenants.values().next().value : this.tenants.get(tenantId);
    if (!t) throw new Error(`Jianzhimao simulator: unknown tenant ${tenantId ?? '(none configured)'}`);
    return t;
  }

  findJobByOutNo(tenantId: string, outJobNo: string): SimJianzhimaoJob | undefined {
    return [...this.jobs.values()].find((j) => j.tenantId === tenantId && j.posting.out_job_no === outJobNo);
  }

  newJobId(): string {
    this.nextJob += 1;
    return `J${this.nextJob}`;
  }
}
