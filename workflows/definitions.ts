// The candidate workflow's public surface: its input, status, and the signals, updates and
// queries that the API and HR tools use. Clients import these definitions; nothing here does I/O.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApplicationRef, CandidateStage, HrDecision, InterviewOutcome, Withdrawal } from '../common/types';

export type IngestionSource = 'webhook' | 'poll' | 'api' | 'import' | 'replay';

export interface CandidateWorkflowInput {
  ref: ApplicationRef;
  jobCode: string;
  source: IngestionSource;
}

export interface InterviewQuestionView {
  id: string;
  text: string;
  maxChars: number;
}

export interface InterviewAnswer {
  questionId: string;
  answer: string;
  answeredAt: string;
  /** Seconds from the question being shown (or the previous answer) to this answer. */
  secondsTaken: number;
}

export interface DimensionScore {
  dimensionId: string;
  label: string;
  score: number; // 0–100
  evidence: string[];
}

export interface InterviewAssessment {
  outcome: InterviewOutcome;
  score: number | null;
  dimensions: DimensionScore[];
  summary: string;
  scorer: string; // e.g. "deterministic-rubric" or the LLM model
  rubricVersion: string;
  reason?: string;
}

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
export const startInterviewUpdate = defineUpdate<InterviewProgress, [StartInterviewRequest]>('startInterview');
export const submitAnswerUpdate = defineUpdate<InterviewProgress, [AnswerSubmission]>('submitAnswer');
export const verifyMaterialsUpdate = defineUpdate<{ stage: CandidateStage; missing: string[] }, [MaterialsSubmission]>('verifyMaterials');
