// Scores a finished interview against the job's rubric with the configured scorer.
import { findJob, findTenant } from '../common/config';
import { configError } from '../common/errors';
import type { InterviewAnswer, InterviewAssessment } from '../workflows/definitions';
import type { ActivityDeps } from './deps';

export function createScoringActivities({ config, scorer }: Pick<ActivityDeps, 'config' | 'scorer'>) {
  return {
    async scoreInterview({ tenantId, jobCode, answers }: { tenantId: string; jobCode: string; answers: InterviewAnswer[] }): Promise<InterviewAssessment> {
      const tenant = findTenant(config, tenantId);
      const job = tenant && findJob(tenant, jobCode);
      if (!job) throw configError('UnknownJob', `job "${jobCode}" is not configured for tenant "${tenantId}"`);
      const transcript = answers.map((a) => ({
        questionId: a.questionId,
        question: job.interview.questions.find((q) => q.id === a.questionId)?.text ?? a.questionId,
        answer: a.answer,
        secondsTaken: a.secondsTaken,
      }));
      return scorer.score(job.rubric, transcript);
    },
  };
}
