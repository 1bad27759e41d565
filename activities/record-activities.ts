// Keeps the hub's read model and audit log in step with the workflow, one row per stage change.
import type { ApplicationRef } from '../common/types';
import type { CandidateRow } from '../connectors/hub-db/candidates-repo';
import { candidateWorkflowId } from '../common/workflow-ids';
import type { ActivityDeps } from './deps';

/** The read-model fields the workflow knows, plus the audit event of this change. */
export type StageRecord = Pick<CandidateRow, 'jobCode' | 'stage' | 'outcome' | 'score' | 'reviewDueAt' | 'onboardingDueAt' | 'version' | 'createdAt'> & {
  ref: ApplicationRef;
  at: string;
  event: { type: string; actor: string; details?: Record<string, unknown> };
};

export function createRecordActivities({ store }: Pick<ActivityDeps, 'store'>) {
  return {
    async recordStage(r: StageRecord): Promise<void> {
      const workflowId = candidateWorkflowId(r.ref);
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
