// Scores a finished interview against the job's rubric with the configured scorer, after removing
// personal data from the answers, and keeps the assessment report in the hub database.
import { requireJob, requireTenant } from '../common/config';
import { invalidError } from '../common/errors';
import type { ApplicationRef, InterviewOutcome } from '../common/types';
import { candidateWorkflowId } from '../common/workflow-ids';
import type { TranscriptItem } from '../connectors/hub-db';
import { createRedactor } from '../connectors/llm/redact';
import type { ActivityDeps } from './deps';
import type { InterviewAnswer, InterviewAssessment, InterviewQuestionView } from '../common/interview';

export interface ScoreInterviewRequest {
  ref: ApplicationRef;
  jobCode: string;
  questions: InterviewQuestionView[];
  answers: InterviewAnswer[];
}

export interface SaveAssessmentRequest extends ScoreInterviewRequest {
  round: number;
  aiScoringDeclined: boolean;
  assessment: InterviewAssessment | null;
}

export function transcriptOf(questions: InterviewQuestionView[], answers: InterviewAnswer[]): TranscriptItem[] {
  return answers.map((a) => {
    const q = questions.find((x) => x.id === a.questionId);
    return {
      questionId: a.questionId,
      question: q?.text ?? a.questionId,
      ...(q?.followUpOf ? { followUpOf: q.followUpOf } : {}),
      answer: a.answer,
      answeredAt: a.answeredAt,
      secondsTaken: a.secondsTaken,
    };
  });
}

export function createScoringActivities({ config, store, scorer }: Pick<ActivityDeps, 'config' | 'store' | 'scorer'>) {
  function jobOf(tenantId: string, jobCode: string) {
    return requireJob(requireTenant(config, tenantId), jobCode);
  }

  return {
    async scoreInterview({ ref, jobCode, questions, answers }: ScoreInterviewRequest): Promise<InterviewAssessment> {
      const job = jobOf(ref.tenantId, jobCode);
      const application = await store.applications.get(ref);
      if (!application) throw invalidError('ApplicationMissing', `application ${ref.board}/${ref.applicationId} is not in the hub database`);
      // Candidates type their name and phone number into answers: none of it may reach the scorer.
      const redactor = createRedactor(application.candidate.name);
      const transcript = transcriptOf(questions, answers).map((t) => ({
        questionId: t.questionId,
        question: t.question,
        answer: redactor.redact(t.answer),
        secondsTaken: t.secondsTaken,
      }));
      return scorer.score(job.rubric, transcript);
    },

    async saveAssessment(req: SaveAssessmentRequest): Promise<void> {
      const a = req.assessment;
      await store.assessments.save({
        tenantId: req.ref.tenantId,
        workflowId: candidateWorkflowId(req.ref),
        round: req.round,
        jobCode: req.jobCode,
        aiScoringDeclined: req.aiScoringDeclined,
        outcome: (a?.outcome ?? null) as InterviewOutcome | null,
        score: a?.score ?? null,
        scorer: a?.scorer ?? null,
        model: a?.model ?? null,
        rubricVersion: a?.rubricVersion || null,
        promptVersion: a?.promptVersion ?? null,
        report: a ? { dimensions: a.dimensions, strengths: a.strengths, weaknesses: a.weaknesses, summary: a.summary, ...(a.reason ? { reason: a.reason } : {}) } : null,
        transcript: transcriptOf(req.questions, req.answers),
      });
    },
  };
}
