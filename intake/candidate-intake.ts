// The one ingestion path for every route in (webhook, poll, API, CSV import, quarantine replay):
// keep the normalised application in the hub database, then start the candidate workflow or
// join the running one. Safe to repeat: the row is upserted and the workflow ID deduplicates.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { SA } from '../common/search-attributes';
import { CandidateStage, type CanonicalApplication } from '../common/types';
import { TASK_QUEUE, candidateWorkflowId } from '../common/workflow-ids';
import type { HubStore } from '../connectors/hub-db';
import { candidateWorkflow } from '../workflows/candidate';
import type { CandidateWorkflowInput, IngestionSource } from '../common/ingestion';

export interface IntakeResult {
  workflowId: string;
  /**
   * new: first delivery of this application; duplicate: seen before (the running workflow was
   * joined); closed: its workflow already finished, so nothing was started.
   */
  outcome: 'new' | 'duplicate' | 'closed';
}

export async function ingestApplication(
  deps: { client: Client; store: HubStore; taskQueue?: string },
  app: CanonicalApplication,
  source: IngestionSource,
): Promise<IntakeResult> {
  const ref = { tenantId: app.tenantId, board: app.board, applicationId: app.applicationId };
  const workflowId = candidateWorkflowId(ref);
  const { created } = await deps.store.applications.upsert(app);
  const input: CandidateWorkflowInput = { ref, jobCode: app.jobCode, source };
  try {
    // The workflow function itself, not its name: the input and result are type-checked.
    await deps.client.workflow.start(candidateWorkflow, {
      workflowId,
      taskQueue: deps.taskQueue ?? TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: SA.CandidateStage, value: CandidateStage.INGESTED },
        { key: SA.TenantId, value: app.tenantId },
        { key: SA.JobCode, value: app.jobCode },
        { key: SA.SourceBoard, value: app.board },
      ],
    });
    // The client does not say whether USE_EXISTING started or joined; the database row does.
    return { workflowId, outcome: created ? 'new' : 'duplicate' };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, outcome: 'closed' };
    throw err;
  }
}
