// HR's read of a candidate's interview assessment (latest round, or one round): 404 the same way as
// every candidate read when the candidate is not the caller tenant's, and when nothing is scored yet.
import type { TenantConfig } from '../../common/config';
import type { HubStore } from '../../connectors/hub-db';
import { candidateOfTenant } from '../candidate-access';
import { ApiError, ApiErrorKind, candidateNotFound } from '../http-errors';
import { presentAssessment, type AssessmentView } from '../presenters/assessment-view';

export async function getAssessment(store: HubStore, tenant: TenantConfig, id: string, round?: number): Promise<AssessmentView> {
  const target = candidateOfTenant(tenant, id);
  const application = await store.applications.get(target.ref);
  if (!application) throw candidateNotFound();
  const assessment = await store.assessments.get(tenant.id, target.workflowId, round);
  if (!assessment) throw new ApiError(ApiErrorKind.NOT_FOUND, 'AssessmentNotFound', 'no interview of this candidate has been completed yet');
  return presentAssessment(assessment, application.candidate.name);
}
