// What the interview link shows the candidate: the job, where they are, and the next question once
// they have started. Built from the workflow's live status; no personal data.
import type { z } from 'zod';
import { CandidateStage } from '../../common/types';
import type { CandidateStatus } from '../../workflows/definitions';
import type { InterviewPageSchema } from '../schemas/candidate-page-schemas';

export type InterviewPage = z.output<typeof InterviewPageSchema>;

export function presentInterviewPage(status: CandidateStatus, job: { title: string; notes: string } | null): InterviewPage {
  const answered = status.answeredQuestionIds.length;
  const started = status.stage === CandidateStage.INTERVIEWING;
  return {
    jobTitle: job?.title ?? null,
    stage: status.stage,
    expiresAt: status.deadlines.interviewExpiresAt,
    notes: job?.notes ?? '',
    progress: {
      stage: status.stage,
      nextQuestion: started ? (status.questions[answered] ?? null) : null,
      answered,
      total: status.questions.length,
    },
  };
}
