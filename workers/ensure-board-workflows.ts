// At worker start: makes sure each tenant's board workflows run — a poller per board with polling
// enabled, a feedback sender per board that reports progress, and a posting workflow per job —
// with fixed workflow IDs, so starting twice (or from two workers) joins what already runs.
import type { Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { HubConfig } from '../common/config-schema';
import type { Logger } from '../common/logger';
import { TASK_QUEUE } from '../common/workflow-ids';
import { PARTNER_BOARDS } from '../connectors/board-registry';
import { boardFeedbackWorkflowId, boardPollerWorkflowId, jobPostingWorkflowId, recheckPostingSignal } from '../workflows/board-definitions';

export interface EnsuredBoardWorkflows {
  pollers: string[];
  feedback: string[];
  postings: string[];
}

export async function ensureBoardWorkflows(client: Client, config: HubConfig, logger: Logger, taskQueue = TASK_QUEUE): Promise<EnsuredBoardWorkflows> {
  const ensured: EnsuredBoardWorkflows = { pollers: [], feedback: [], postings: [] };
  const start = (workflowType: string, workflowId: string, args: unknown[]) =>
    client.workflow.start(workflowType, { workflowId, taskQueue, args, workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING });

  for (const tenant of config.tenants) {
    let postsJobs = false;
    for (const board of PARTNER_BOARDS) {
      const boardConfig = tenant.boards[board];
      if (!boardConfig) continue;
      if (boardConfig.poll.enabled) {
        const id = boardPollerWorkflowId(tenant.id, board);
        await start('boardPollerWorkflow', id, [{ tenantId: tenant.id, board }]);
        ensured.pollers.push(id);
      }
      if (boardConfig.reportProgress) {
        const id = boardFeedbackWorkflowId(tenant.id, board);
        await start('boardFeedbackWorkflow', id, [{ tenantId: tenant.id, board }]);
        ensured.feedback.push(id);
      }
      postsJobs ||= boardConfig.postJobs;
    }
    if (!postsJobs) continue;
    for (const job of tenant.jobs) {
      // Signal-with-start: a running posting workflow compares the (possibly changed) config now.
      const id = jobPostingWorkflowId(tenant.id, job.code);
      await client.workflow.signalWithStart('jobPostingWorkflow', {
        workflowId: id,
        taskQueue,
        args: [{ tenantId: tenant.id, jobCode: job.code }],
        signal: recheckPostingSignal,
        signalArgs: [],
      });
      ensured.postings.push(id);
    }
  }
  logger.info({ pollers: ensured.pollers.length, feedback: ensured.feedback.length, postings: ensured.postings.length }, 'board workflows ensured');
  return ensured;
}
