// The candidate's side, reached through signed links: the interview (view, start, answer) and the
// result lookup with what the candidate may see of their assessment. The token names the candidate
// workflow; the interview itself is its current session (child workflow), whose ID the status gives.
import { findJob, findTenant, type HubConfig } from '../../common/config';
import { ShowAssessment } from '../../common/config-schema';
import { CandidateStage } from '../../common/types';
import type { HubStore } from '../../connectors/hub-db';
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
import { ApiError, ApiErrorKind } from '../http-errors';
import { presentInterviewPage, type InterviewPage } from '../presenters/interview-page';
import type { PageLang } from '../presenters/candidate-page-text';
import { presentCandidateReport, type CandidateReport } from '../presenters/candidate-report';
import { presentResultPage, type ResultPage } from '../presenters/result-page';

export interface PortalDeps {
  config: HubConfig;
  workflows: CandidateWorkflows;
  store: HubStore;
}

function tenantAndJob(config: HubConfig, status: CandidateStatus) {
  const tenant = findTenant(config, status.ref.tenantId);
  return { tenant, job: tenant ? findJob(tenant, status.jobCode) : undefined };
}

const notOpen = (stage: string) => new ApiError(ApiErrorKind.CONFLICT, 'InterviewNotOpen', `the interview is not open (stage ${stage})`);

export async function viewInterview(deps: PortalDeps, token: string): Promise<InterviewPage> {
  const { workflowId } = openLink(deps.config, token, 'interview');
  const status = await deps.workflows.requireStatus(workflowId);
  const session = status.interviewWorkflowId ? await deps.workflows.interviewState(status.interviewWorkflowId) : null;
  const { tenant, job } = tenantAndJob(deps.config, status);
  return presentInterviewPage({ status, session, job, tenantName: tenant?.name ?? null, scoring: deps.config.hub.llm ? 'llm' : 'rules' });
}

/** Sends an Update to the candidate's current interview session; a session that has ended answers like its validator would. */
async function toSession(deps: PortalDeps, token: string, send: (sessionId: string) => Promise<InterviewProgress>): Promise<InterviewProgress> {
  const { workflowId } = openLink(deps.config, token, 'interview');
  const status = await deps.workflows.requireStatus(workflowId);
  const sessionId = status.interviewWorkflowId;
  if (!sessionId || (status.stage !== CandidateStage.INTERVIEW_INVITED && status.stage !== CandidateStage.INTERVIEWING)) throw notOpen(status.stage);
  try {
    return await send(sessionId);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'CandidateClosed') throw err;
    const session = await deps.workflows.interviewState(sessionId);
    if (session?.phase === 'expired') throw new ApiError(ApiErrorKind.CONFLICT, 'InterviewExpired', 'the interview invitation has expired');
    throw notOpen(session?.stage ?? status.stage);
  }
}

export function startInterview(deps: PortalDeps, token: string, request: StartInterviewRequest): Promise<InterviewProgress> {
  return toSession(deps, token, (sessionId) => deps.workflows.update(sessionId, startInterviewUpdate, request));
}

export function submitAnswer(deps: PortalDeps, token: string, submission: AnswerSubmission): Promise<InterviewProgress> {
  return toSession(deps, token, (sessionId) => deps.workflows.update(sessionId, submitAnswerUpdate, submission));
}

export async function viewResult(deps: PortalDeps, token: string, lang: PageLang = 'zh'): Promise<ResultPage> {
  return (await viewResultWithReport(deps, token, lang)).result;
}

/**
 * The result and, once the interview is done, what the candidate may see of their assessment
 * (latest round): before the decision their answers only, afterwards what the tenant allows.
 */
export async function viewResultWithReport(deps: PortalDeps, token: string, lang: PageLang = 'zh'): Promise<{ result: ResultPage; report: CandidateReport | undefined }> {
  const { workflowId, ref } = openLink(deps.config, token, 'result');
  const status = await deps.workflows.requireStatus(workflowId);
  const { tenant, job } = tenantAndJob(deps.config, status);
  const result = presentResultPage(status, job?.title ?? null, lang);
  const assessment = await deps.store.assessments.get(ref.tenantId, workflowId);
  const show = tenant?.candidatePortal.showAssessment ?? ShowAssessment.NONE;
  return { result, report: assessment ? presentCandidateReport(assessment, result.resultCode, show) : undefined };
}
