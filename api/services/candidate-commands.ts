// HR's commands on one candidate, sent to its workflow as Updates: the validators decide, so a
// stale or impossible command is refused without leaving a trace in the workflow's history.
import type { TenantConfig } from '../../common/config';
import type { CandidateStage, HrDecision } from '../../common/types';
import { decisionUpdate, verifyMaterialsUpdate, type DecisionResult, type MaterialsSubmission } from '../../workflows/definitions';
import { candidateOfTenant } from '../candidate-access';
import type { CandidateWorkflows } from '../candidate-workflows';
import type { DecisionRequest } from '../schemas/decision-schemas';

export async function decide(workflows: CandidateWorkflows, tenant: TenantConfig, id: string, request: DecisionRequest): Promise<DecisionResult> {
  const { workflowId } = candidateOfTenant(tenant, id);
  const { decisionId, ...fields } = request;
  const decision: HrDecision = {
    action: fields.action,
    reviewer: fields.reviewer,
    tool: fields.tool,
    ...(fields.reason !== undefined ? { reason: fields.reason } : {}),
    ...(fields.expectedStage !== undefined ? { expectedStage: fields.expectedStage } : {}),
    ...(fields.extendBy !== undefined ? { extendBy: fields.extendBy } : {}),
  };
  return workflows.update(workflowId, decisionUpdate, decision, decisionId);
}

export async function verifyMaterials(
  workflows: CandidateWorkflows,
  tenant: TenantConfig,
  id: string,
  submission: MaterialsSubmission,
): Promise<{ stage: CandidateStage; missing: string[] }> {
  const { workflowId } = candidateOfTenant(tenant, id);
  return workflows.update(workflowId, verifyMaterialsUpdate, submission);
}
