// What the interview link shows the candidate: the job, the consent facts (who processes the answers,
// how they are scored, how long they are kept), where they are in the interview (read from the
// interview session, so a closed page resumes), and when they hear back. No personal data.
import type { z } from 'zod';
import type { JobConfig } from '../../common/config-schema';
import { CandidateStage } from '../../common/types';
import type { CandidateStatus, InterviewSessionState } from '../../workflows/definitions';
import type { InterviewPageSchema } from '../schemas/candidate-page-schemas';

export type InterviewPage = z.output<typeof InterviewPageSchema>;

export interface InterviewPageInput {
  status: CandidateStatus;
  /** The current session's live state; null before the first invitation or if it cannot be read. */
  session: InterviewSessionState | null;
  job: JobConfig | undefined;
  tenantName: string | null;
  scoring: 'llm' | 'rules';
}

const OPEN: readonly CandidateStage[] = [CandidateStage.INTERVIEW_INVITED, CandidateStage.INTERVIEWING];

export function presentInterviewPage({ status, session, job, tenantName, scoring }: InterviewPageInput): InterviewPage {
  const open = OPEN.includes(status.stage) && session !== null && (session.phase === 'invited' || session.phase === 'interviewing');
  const stage = session?.phase === 'expired' ? CandidateStage.INTERVIEW_EXPIRED : status.stage;
  const answered = session?.answered ?? status.answeredQuestionIds.length;
  return {
    jobTitle: job?.title ?? null,
    stage,
    expiresAt: status.deadlines.interviewExpiresAt,
    notes: job?.interview.notes ?? '',
    progress: {
      stage,
      nextQuestion: open ? (session?.nextQuestion ?? null) : null,
      answered,
      total: session?.total ?? status.questions.length,
      ...(session?.preparingFollowUp ? { preparingFollowUp: true } : {}),
    },
    tenantName,
    round: status.interviewRound,
    started: session?.started ?? false,
    finished: session?.phase === 'completed',
    aiScoringDeclined: session?.aiScoringDeclined ?? status.aiScoringDeclined,
    scoring,
    retentionDays: job?.interview.retentionDays ?? 180,
    hearBackWithin: job?.review.deadline ?? { amount: 3, unit: 'workingDays' },
    answerBy: status.stage === CandidateStage.HR_REVIEW ? status.deadlines.reviewDueAt : null,
  };
}
