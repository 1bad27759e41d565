// Turns a candidate ID from a URL into the workflow it names, for the calling tenant only: an ID
// that is malformed or names another tenant's candidate is "not found", exactly like a missing one.
import type { TenantConfig } from '../common/config';
import { Board, type ApplicationRef } from '../common/types';
import { parseCandidateWorkflowId } from '../common/workflow-ids';
import { candidateNotFound } from './http-errors';

const BOARDS: readonly string[] = Object.values(Board);

export interface CandidateTarget {
  workflowId: string;
  ref: ApplicationRef;
}

export function candidateOfTenant(tenant: TenantConfig, workflowId: string): CandidateTarget {
  const ref = parseCandidateWorkflowId(workflowId);
  if (!ref || ref.tenantId !== tenant.id || !BOARDS.includes(ref.board)) throw candidateNotFound();
  return { workflowId, ref };
}
