// Intake through the API: checks the job against the calling tenant's configuration, then hands
// the application to the one ingestion path every route in uses (intake/candidate-intake).
import { findJob, type TenantConfig } from '../../common/config';
import type { CanonicalApplication } from '../../common/types';
import { ingestApplication, type IntakeResult } from '../../intake/candidate-intake';
import type { ApiDeps } from '../app-deps';
import { ApiError, ApiErrorKind } from '../http-errors';
import type { ApplicationIntake } from '../schemas/application-schemas';

export async function submitApplication(
  deps: Pick<ApiDeps, 'client' | 'store' | 'taskQueue'>,
  tenant: TenantConfig,
  intake: ApplicationIntake,
  now = new Date(),
): Promise<IntakeResult> {
  const job = findJob(tenant, intake.jobCode);
  if (!job) {
    throw new ApiError(ApiErrorKind.UNPROCESSABLE, 'UnknownJob', `jobCode "${intake.jobCode}" is not a job of tenant ${tenant.id}`, {
      issues: [{ path: 'jobCode', message: `unknown job "${intake.jobCode}"` }],
    });
  }
  if (!job.open) {
    throw new ApiError(ApiErrorKind.UNPROCESSABLE, 'JobClosed', `job "${intake.jobCode}" is not open for applications`, {
      issues: [{ path: 'jobCode', message: `job "${intake.jobCode}" is closed` }],
    });
  }
  const application: CanonicalApplication = {
    tenantId: tenant.id,
    board: intake.board,
    applicationId: intake.applicationId,
    jobCode: intake.jobCode,
    appliedAt: intake.appliedAt ?? now.toISOString(),
    candidate: intake.candidate,
  };
  return ingestApplication(deps, application, 'api');
}
