// What the simulated Doumi holds per tenant (appKey): applications, posted jobs and the status
// reports the hub sent, plus a record of every API request, so tests can see what the hub did.
import type { DoumiApplication, DoumiJobPosting } from './doumi-model';

export interface DoumiTenant {
  tenantId: string;
  appKey: string;
  appSecret: string;
  webhookSecret: string;
  /** Where webhooks go: POST {hubUrl}/webhooks/doumi/{tenantId}. No webhooks when missing. */
  hubUrl?: string;
}

export interface StoredApplication {
  application: DoumiApplication;
  updatedAtMs: number;
  /** False for applications delivered by webhook only: the list endpoint does not show them. */
  listed: boolean;
}

export interface StatusReport {
  tenantId: string;
  applicationId: string;
  status: string;
  reason?: string;
  /** Wall-clock ms the call arrived. */
  at: number;
}

export interface SimDoumiJob {
  tenantId: string;
  jobId: string;
  posting: DoumiJobPosting;
  state: 'ONLINE' | 'OFFLINE';
  /** Every POST/PUT/offline the hub made on this job, in order. */
  history: { action: 'created' | 'updated' | 'offline' | 'duplicate'; at: number }[];
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  appKey?: string;
  httpStatus: number;
  code?: number;
  /** The failure injected into this request, if any. */
  injected?: string;
}

export class DoumiState {
  readonly tenants = new Map<string, DoumiTenant>(); // by tenantId
  readonly applications = new Map<string, StoredApplication>(); // by applicationId (unique across tenants)
  readonly applicationTenant = new Map<string, string>();
  readonly jobs = new Map<string, SimDoumiJob>(); // by jobId
  readonly statusReports: StatusReport[] = [];
  readonly requests: RequestLogEntry[] = [];
  private nextJob = 88_000;

  constructor(tenants: DoumiTenant[]) {
    for (const t of tenants) this.tenants.set(t.tenantId, { ...t });
  }

  tenantByAppKey(appKey: string): DoumiTenant | undefined {
    return [...this.tenants.values()].find((t) => t.appKey === appKey);
  }

  tenant(tenantId?: string): DoumiTenant {
    const t = tenantId === undefined ? this.tenants.values().next().value : this.tenants.get(tenantId);
    if (!t) throw new Error(`Doumi simulator: unknown tenant ${tenantId ?? '(none configured)'}`);
    return t;
  }

  put(tenantId: string, application: DoumiApplication, listed: boolean): void {
    const updatedAtMs = Date.parse(application.updatedAt);
    if (Number.isNaN(updatedAtMs)) throw new Error(`Doumi simulator: updatedAt ${application.updatedAt} is not ISO-8601`);
    const previous = this.applications.get(application.applicationId);
    this.applications.set(application.applicationId, { application, updatedAtMs, listed: listed || (previous?.listed ?? false) });
    this.applicationTenant.set(application.applicationId, tenantId);
  }

  /** The tenant's listed applications in the list order: ascending updatedAt, then applicationId. */
  listed(tenantId: string): StoredApplication[] {
    return [...this.applications.values()]
      .filter((s) => s.listed && this.applicationTenant.get(s.application.applicationId) === tenantId)
      .sort((a, b) => a.updatedAtMs - b.updatedAtMs || (a.application.applicationId < b.application.applicationId ? -1 : 1));
  }

  findJobByOuterCode(tenantId: string, outerJobCode: string): SimDoumiJob | undefined {
    return [...this.jobs.values()].find((j) => j.tenantId === tenantId && j.posting.outerJobCode === outerJobCode);
  }

  newJobId(): string {
    this.nextJob += 1;
    return `DMJ${this.nextJob}`;
  }
}
