// The candidate's side, reached through signed links: the interview (view, start, answer) and the
// result lookup. The token names the workflow; the candidate never handles an ID or personal data.
import { findJob, findTenant, type HubConfig } from '../../common/config';
import {
  startInterviewUpdate,
  submitAnswerUpdate,
  type AnswerSubmission,
  type CandidateStatus,
  type InterviewProgress,
  type StartInterviewRequest,
} from '../../workflows/definitions';
import { openLink } from '../candidate-links';
import type { CandidateWorkflows } from '../candidate-workflows';
import { presentInterviewPage, type InterviewPage } from '../presenters/interview-page';
import { presentResultPage, type ResultPage } from '../presenters/result-page';

export interface PortalDeps {
  config: HubConfig;
  workflows: CandidateWorkflows;
}

function jobOf(config: HubConfig, status: CandidateStatus) {
  const tenant = findTenant(config, status.ref.tenantId);
  return tenant ? findJob(tenant, status.jobCode) : undefined;
}

export async function viewInterview(deps: PortalDeps, token: string): Promise<InterviewPage> {
  const { workflowId } = openLink(deps.config, token, 'interview');
  const status = await deps.workflows.requireStatus(workflowId);
  const job = jobOf(deps.config, status);
  return presentInterviewPage(status, job ? { title: job.title, notes: job.interview.notes } : null);
}

export function startInterview(deps: PortalDeps, token: string, request: StartInterviewRequest): Promise<InterviewProgress> {
  const { workflowId } = openLink(deps.config, token, 'interview');
  return deps.workflows.update(workflowId, startInterviewUpdate, request);
}

export function submitAnswer(deps: PortalDeps, token: string, submission: AnswerSubmission): Promise<InterviewProgress> {
  const { workflowId } = openLink(deps.config, token, 'interview');
  return deps.workflows.update(workflowId, submitAnswerUpdate, submission);
}

export async function viewResult(deps: PortalDeps, token: string): Promise<ResultPage> {
  const { workflowId } = openLink(deps.config, token, 'result');
  const status = await deps.workflows.requireStatus(workflowId);
  return presentResultPage(status, jobOf(deps.config, status)?.title ?? null);
}
