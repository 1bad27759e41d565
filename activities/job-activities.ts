// Reads the tenant's job configuration and applies its knock-out rules to an application.
import type { DeadlineSpec } from '../common/config-schema';
import { requireJob, requireTenant } from '../common/config';
import { invalidError } from '../common/errors';
import { questionsForJob } from '../common/interview-question-banks';
import { evaluatePrescreen } from '../common/prescreen-rules';
import type { ApplicationRef } from '../common/types';
import type { ActivityDeps } from './deps';
import type { InterviewQuestionView } from '../common/interview';

/** The parts of a job the workflow needs, recorded in history so a config change mid-run is deterministic. */
export interface JobSnapshot {
  code: string;
  title: string;
  questions: InterviewQuestionView[];
  interview: { reminderAfterMs: number; expiresAfterMs: number; notes: string; followUps: boolean };
  review: { autoApprovePass: boolean; deadline: DeadlineSpec; remindBeforeMs: number[] };
  onboarding: { deadline: DeadlineSpec; remindBeforeMs: number[]; materials: string[] };
  destinations: { id: string; events: string[] }[];
}

export function createJobActivities({ config, store }: Pick<ActivityDeps, 'config' | 'store'>) {
  function tenantAndJob(tenantId: string, jobCode: string) {
    const tenant = requireTenant(config, tenantId);
    return { tenant, job: requireJob(tenant, jobCode) };
  }

  return {
    async loadJob({ tenantId, jobCode }: { tenantId: string; jobCode: string }): Promise<JobSnapshot> {
      const { tenant, job } = tenantAndJob(tenantId, jobCode);
      return {
        code: job.code,
        title: job.title,
        questions: questionsForJob(job),
        interview: { reminderAfterMs: job.interview.reminderAfter, expiresAfterMs: job.interview.expiresAfter, notes: job.interview.notes, followUps: job.interview.llmFollowUps },
        review: { autoApprovePass: job.review.autoApprovePass, deadline: job.review.deadline, remindBeforeMs: job.review.remindBefore },
        onboarding: { deadline: job.onboarding.deadline, remindBeforeMs: job.onboarding.remindBefore, materials: job.onboarding.materials },
        destinations: job.destinations.map((id) => ({ id, events: tenant.destinations.find((d) => d.id === id)?.events ?? [] })),
      };
    },

    /** Returns the reasons the application fails the job's knock-out rules (empty: it passes). */
    async prescreen({ ref, jobCode, today }: { ref: ApplicationRef; jobCode: string; today: string }): Promise<string[]> {
      const { job } = tenantAndJob(ref.tenantId, jobCode);
      const app = await store.applications.get(ref);
      if (!app) throw invalidError('ApplicationMissing', `application ${ref.board}/${ref.applicationId} is not in the hub database`);
      return evaluatePrescreen(app, job.prescreen, new Date(today));
    },
  };
}
