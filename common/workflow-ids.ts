// Business IDs as workflow IDs (DESIGN.md contract): candidate:{tenantId}:{board}:{applicationId}.
import type { ApplicationRef, Board } from './types';

export const TASK_QUEUE = 'hirebridge-candidates';

export function candidateWorkflowId(ref: ApplicationRef): string {
  return `candidate:${ref.tenantId}:${ref.board}:${ref.applicationId}`;
}

export function parseCandidateWorkflowId(workflowId: string): ApplicationRef | undefined {
  const match = /^candidate:([^:]+):([^:]+):(.+)$/.exec(workflowId);
  if (!match) return undefined;
  return { tenantId: match[1]!, board: match[2] as Board, applicationId: match[3]! };
}
