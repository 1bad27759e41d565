// The candidate workflow's public surface: the signals, updates and queries that the API and HR
// tools use, and the shapes they carry. Clients import these definitions; nothing here does I/O.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { InterviewAnswer, InterviewAssessment, InterviewQuestionView } from '../common/interview';
import type { ApplicationRef, CandidateStage, HrDecision, InterviewOutcome, Withdrawal } from '../common/types';

export interface DestinationSyncState {
  destinationId: string;
  event: string;
  status: 'pending' | 'written' | 'failed';
  error?: string;
}

export interface CandidateStatus {
  workflowId: string;
  ref: ApplicationRef;
  jobCode: string;
  stage: CandidateStage;
  outcome: InterviewOutcome | null;
  score: number | null;
  assessment: InterviewAssessment | null;
  prescreenReasons: string[];
  interviewLink: string | null;
  resultLink: string | null;
  questions: InterviewQuestionView[];
  answeredQuestionIds: string[];
  aiScoringDeclined: boolean;
  /** The current (or last) interview round and its child workflow, `{workflowId}:interview:{round}`. */
  interviewRound: number;
  interviewWorkflowId: string | null;
  deadlines: {
    interviewReminderAt: string | null;
    interviewExpiresAt: string | null;
    reviewDueAt: string | null;
    onboardingDueAt: string | null;
  };
  materialsRequired: string[];
  materialsReceived: string[];
  destinations: DestinationSyncState[];
  attention: { code: string; message: string } | null;
  lastDecision: (HrDecision & { at: string }) | null;
  withdrawal: (Withdrawal & { at: string }) | null;
  updatedAt: string;
}

export interface StartInterviewRequest {
  /** false: the candidate asks for a human review instead of AI scoring. */
  consentToAiScoring: boolean;
}

export interface AnswerSubmission {
  questionId: string;
  answer: string;
}

export interface InterviewProgress {
  stage: CandidateStage;
  nextQuestion: InterviewQuestionView | null;
  answered: number;
  total: number;
  /** True while the follow-up question to the last answer is being written. */
  preparingFollowUp?: boolean;
}

/** What the candidate workflow hands the interview session (child workflow) of one round. */
export interface InterviewSessionInput {
  candidateWorkflowId: string;
  ref: ApplicationRef;
  jobCode: string;
  round: number;
  questions: InterviewQuestionView[];
  expiresAt: string;
  /** null: no reminder (it would come at or after expiry). */
  reminderAt: string | null;
  /** Ask an LLM-written follow-up after each answer to a bank question. */
  followUps: boolean;
  /** Parameters of the reminder message (same as the invitation's). */
  reminderParams: Record<string, unknown>;
}

export interface InterviewSessionResult {
  completed: boolean;
  aiScoringDeclined: boolean;
  startedAt: string | null;
  questions: InterviewQuestionView[];
  answers: InterviewAnswer[];
}

/** Live state of an interview session, read by the candidate's page (resume after closing it). */
export interface InterviewSessionState extends InterviewProgress {
  round: number;
  started: boolean;
  aiScoringDeclined: boolean;
  expiresAt: string;
  phase: 'invited' | 'interviewing' | 'completed' | 'expired' | 'cancelled';
}

export interface MaterialsSubmission {
  /** Material IDs from the job's onboarding list, verified by HR. */
  verified: string[];
  reviewer: string;
}

export interface DecisionResult {
  stage: CandidateStage;
}

export const getStatusQuery = defineQuery<CandidateStatus>('getStatus');
export const decisionUpdate = defineUpdate<DecisionResult, [HrDecision]>('decision');
export const decisionSignal = defineSignal<[HrDecision]>('decisionSignal');
export const withdrawSignal = defineSignal<[Withdrawal]>('withdraw');
/**
 * Sent by the deadline refresh (workflows/deadline-refresh.ts) when the running deadline was counted
 * on provisional calendar days that the calendar now answers officially: count it again.
 */
export const recomputeDeadlinesSignal = defineSignal<[{ reason: string }]>('recomputeDeadlines');
// The interview session (child workflow) answers these; the candidate workflow hears when it starts.
export const startInterviewUpdate = defineUpdate<InterviewProgress, [StartInterviewRequest]>('startInterview');
export const submitAnswerUpdate = defineUpdate<InterviewProgress, [AnswerSubmission]>('submitAnswer');
export const getInterviewStateQuery = defineQuery<InterviewSessionState>('getInterviewState');
export const interviewStartedSignal = defineSignal<[{ round: number; aiScoringDeclined: boolean }]>('interviewStarted');

/** The interview session's workflow ID, derived from the candidate's (one per round). */
export function interviewSessionId(candidateWorkflowId: string, round: number): string {
  return `${candidateWorkflowId}:interview:${round}`;
}
export const verifyMaterialsUpdate = defineUpdate<{ stage: CandidateStage; missing: string[] }, [MaterialsSubmission]>('verifyMaterials');
