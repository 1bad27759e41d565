// Canonical vocabulary of the hub: stages, outcomes, boards and the normalised application.
// Deterministic and dependency-free, so workflow code may import it.

export const CandidateStage = {
  INGESTED: 'INGESTED',
  PRESCREEN_REJECTED: 'PRESCREEN_REJECTED',
  INTERVIEW_INVITED: 'INTERVIEW_INVITED',
  INTERVIEWING: 'INTERVIEWING',
  INTERVIEW_EXPIRED: 'INTERVIEW_EXPIRED',
  SCORING: 'SCORING',
  HR_REVIEW: 'HR_REVIEW',
  REJECTED: 'REJECTED',
  SYNCING: 'SYNCING',
  NEEDS_ATTENTION: 'NEEDS_ATTENTION',
  ONBOARDING: 'ONBOARDING',
  ONBOARDED: 'ONBOARDED',
  ONBOARDING_OVERDUE: 'ONBOARDING_OVERDUE',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type CandidateStage = (typeof CandidateStage)[keyof typeof CandidateStage];

export const TERMINAL_STAGES: readonly CandidateStage[] = [
  CandidateStage.PRESCREEN_REJECTED,
  CandidateStage.INTERVIEW_EXPIRED,
  CandidateStage.REJECTED,
  CandidateStage.ONBOARDED,
  CandidateStage.WITHDRAWN,
];

export const InterviewOutcome = {
  PASS: 'PASS',
  BORDERLINE: 'BORDERLINE',
  FAIL: 'FAIL',
  INSUFFICIENT_EVIDENCE: 'INSUFFICIENT_EVIDENCE',
} as const;
export type InterviewOutcome = (typeof InterviewOutcome)[keyof typeof InterviewOutcome];

export const Board = { DOUMI: 'doumi', JIANZHIMAO: 'jianzhimao', DIRECT: 'direct' } as const;
export type Board = (typeof Board)[keyof typeof Board];

export const Gender = { MALE: 'MALE', FEMALE: 'FEMALE', UNKNOWN: 'UNKNOWN' } as const;
export type Gender = (typeof Gender)[keyof typeof Gender];

/** One weekly slot the candidate says they can work: weekday 1 = Monday … 7 = Sunday. */
export interface AvailabilitySlot {
  weekday: number;
  from: string; // HH:mm
  to: string; // HH:mm
}

/**
 * An application as every board's connector normalises it. It holds personal data, so it lives
 * in the hub database only; workflows carry the reference ({tenantId, board, applicationId}).
 */
export interface CanonicalApplication {
  tenantId: string;
  board: Board;
  applicationId: string;
  jobCode: string;
  appliedAt: string; // ISO-8601 UTC
  candidate: {
    name: string;
    phoneE164: string;
    gender: Gender;
    birthYear: number | null;
    city: string | null;
    isStudent: boolean | null;
    hasHealthCertificate: boolean | null;
    availability: AvailabilitySlot[];
    /** Free-text availability as the board sent it ("周末全天"), when there is no structured form. */
    availabilityText: string | null;
    expectedHourlyWage: number | null;
    selfIntroduction: string | null;
  };
}

/** The reference a workflow carries instead of the personal data itself. */
export interface ApplicationRef {
  tenantId: string;
  board: Board;
  applicationId: string;
}

export const HrAction = {
  APPROVE: 'approve',
  REJECT: 'reject',
  REINTERVIEW: 'reinterview',
  RETRY: 'retry',
  EXTEND: 'extend',
  WITHDRAW: 'withdraw',
} as const;
export type HrAction = (typeof HrAction)[keyof typeof HrAction];

/** Where an HR decision came from: the tools HR already uses. */
export const DecisionTool = {
  API: 'api',
  WEB: 'web',
  WECOM: 'wecom',
  DINGTALK: 'dingtalk',
  FEISHU: 'feishu',
  EMAIL: 'email',
  CLI: 'cli',
} as const;
export type DecisionTool = (typeof DecisionTool)[keyof typeof DecisionTool];

export interface HrDecision {
  action: HrAction;
  /** Who decided: an HR user ID or e-mail of the tenant, never a candidate's data. */
  reviewer: string;
  tool: DecisionTool;
  reason?: string;
  /** The stage the reviewer saw; a decision made against an older stage is stale. */
  expectedStage?: CandidateStage;
  /** For `extend`: how many more days to give (in the job's deadline unit). */
  extendBy?: number;
}

/** Ends a workflow from any open stage. */
export interface Withdrawal {
  by: 'board' | 'candidate' | 'hr';
  reason?: string;
  at?: string;
}
