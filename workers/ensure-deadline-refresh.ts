// At worker start: one deadline refresh per tenant (workflows/deadline-refresh.ts), so that open
// candidates counted on provisional calendar days are counted again once this worker's calendar has
// the official schedule. USE_EXISTING: workers starting together join the pass already running.
import type { Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { HubConfig } from '../common/config-schema';
import type { Logger } from '../common/logger';
import { TASK_QUEUE } from '../common/workflow-ids';
import { deadlineRefreshWorkflow, deadlineRefreshWorkflowId } from '../workflows/deadline-refresh';

export async function ensureDeadlineRefresh(client: Client, config: HubConfig, logger: Logger, taskQueue = TASK_QUEUE): Promise<string[]> {
  const started: string[] = [];
  for (const tenant of config.tenants) {
    const workflowId = deadlineRefreshWorkflowId(tenant.id);
    await client.workflow.start(deadlineRefreshWorkflow, {
      workflowId,
      taskQueue,
      args: [{ tenantId: tenant.id }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    started.push(workflowId);
  }
  logger.info({ tenants: started.length }, 'deadline refresh started');
  return started;
}
