// Keeps the hub's read model and audit log in step with the workflow, one row per stage change.
import type { ApplicationRef } from '../common/types';
import type { CandidateRow } from '../connectors/hub-db/candidates-repo';
import { candidateWorkflowId } from '../common/workflow-ids';
import type { ActivityDeps } from './deps';
import { createProvisionalDeadlineCheck } from './provisional-deadline-check';

/** The read-model fields the workflow knows, plus the audit event of this change. */
export type StageRecord = Pick<CandidateRow, 'jobCode' | 'stage' | 'outcome' | 'score' | 'reviewDueAt' | 'onboardingDueAt' | 'version' | 'createdAt'> & {
  ref: ApplicationRef;
  /**
   * The `provisional` of the computeDeadline result behind the running deadline, when the workflow
   * passes it: kept even if the calendar has meanwhile become official for that day (a restart
   * between the two steps), so the deadline refresh still finds the deadline to recompute.
   */
  deadlineProvisional?: boolean;
  at: string;
  event: { type: string; actor: string; details?: Record<string, unknown> };
};

export function createRecordActivities({ store, config, calendar }: Pick<ActivityDeps, 'store' | 'config' | 'calendar'>) {
  const isProvisional = createProvisionalDeadlineCheck({ config, calendar });
  return {
    async recordStage(r: StageRecord): Promise<void> {
      const workflowId = candidateWorkflowId(r.ref);
      // Judged here from the calendar, so that workflows passing nothing (all recorded histories) get
      // the flag too; what the workflow passes can only add to it.
      const facts = { tenantId: r.ref.tenantId, jobCode: r.jobCode, stage: r.stage, reviewDueAt: r.reviewDueAt, onboardingDueAt: r.onboardingDueAt };
      const deadlineProvisional = isProvisional(facts, r.deadlineProvisional);
      // One transaction: a reader never sees a stage without its audit event, or the reverse.
      await store.transaction(async (tx) => {
        await tx.candidates.upsert({
          workflowId,
          tenantId: r.ref.tenantId,
          board: r.ref.board,
          applicationId: r.ref.applicationId,
          jobCode: r.jobCode,
          stage: r.stage,
          outcome: r.outcome,
          score: r.score,
          reviewDueAt: r.reviewDueAt,
          onboardingDueAt: r.onboardingDueAt,
          deadlineProvisional,
          version: r.version,
          createdAt: r.createdAt,
          updatedAt: r.at,
        });
        await tx.audit.append({
          eventKey: `${workflowId}:${r.version}`,
          tenantId: r.ref.tenantId,
          workflowId,
          type: r.event.type,
          stage: r.stage,
          actor: r.event.actor,
          at: r.at,
          details: r.event.details,
        });
      });
    },
  };
}
