// HR's read side of one candidate: the detail (read model + live status), the audit log and the
// notifications. The application row decides existence, so every read answers 404 the same way.
import { findJob, type TenantConfig } from '../../common/config';
import type { CanonicalApplication } from '../../common/types';
import type { AuditEvent, HubStore } from '../../connectors/hub-db';
import { candidateOfTenant, type CandidateTarget } from '../candidate-access';
import type { CandidateWorkflows } from '../candidate-workflows';
import { candidateNotFound } from '../http-errors';
import { presentCandidateDetail, type CandidateDetail } from '../presenters/candidate-detail';
import { presentNotification, type NotificationView } from '../presenters/notification-view';

export interface CandidateQueryDeps {
  store: HubStore;
  workflows: CandidateWorkflows;
}

async function requireCandidate(store: HubStore, tenant: TenantConfig, id: string): Promise<{ target: CandidateTarget; application: CanonicalApplication }> {
  const target = candidateOfTenant(tenant, id);
  const application = await store.applications.get(target.ref);
  if (!application) throw candidateNotFound();
  return { target, application };
}

export async function getCandidateDetail(deps: CandidateQueryDeps, tenant: TenantConfig, id: string): Promise<CandidateDetail> {
  const { target, application } = await requireCandidate(deps.store, tenant, id);
  const [row, live] = await Promise.all([deps.store.candidates.get(tenant.id, target.workflowId), deps.workflows.status(target.workflowId)]);
  const jobCode = live?.jobCode ?? row?.jobCode ?? application.jobCode;
  const jobTitle = findJob(tenant, jobCode)?.title ?? null;
  return presentCandidateDetail({ workflowId: target.workflowId, application, row, live, jobTitle });
}

export type AuditEventView = Omit<AuditEvent, 'tenantId' | 'workflowId'>;

export async function listCandidateEvents(deps: Pick<CandidateQueryDeps, 'store'>, tenant: TenantConfig, id: string): Promise<AuditEventView[]> {
  const { target } = await requireCandidate(deps.store, tenant, id);
  const events = await deps.store.audit.list(tenant.id, target.workflowId);
  return events.map(({ tenantId: _tenantId, workflowId: _workflowId, ...event }) => event);
}

export async function listCandidateNotifications(deps: Pick<CandidateQueryDeps, 'store'>, tenant: TenantConfig, id: string): Promise<NotificationView[]> {
  const { target } = await requireCandidate(deps.store, tenant, id);
  const notifications = await deps.store.notifications.listForWorkflow(tenant.id, target.workflowId);
  return notifications.map(presentNotification);
}
