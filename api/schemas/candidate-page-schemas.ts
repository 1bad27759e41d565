// What the candidate's own links open: the interview (start, answer) and the result lookup.
// Nothing here carries personal data; the token in the URL names the workflow.
import { z } from 'zod';
import { CandidateStageSchema } from './common-schemas';

export const StartInterviewSchema = z
  .strictObject({
    consentToAiScoring: z.boolean().meta({ description: 'false: the candidate asks for a human review instead of AI scoring' }),
  })
  .meta({ id: 'StartInterview' });

export const AnswerSchema = z
  .strictObject({
    questionId: z.string().min(1).max(64),
    answer: z.string().max(5000).meta({ description: "The answer text; the question's maxChars applies" }),
  })
  .meta({ id: 'InterviewAnswer' });

export const InterviewProgressSchema = z
  .object({
    stage: CandidateStageSchema,
    nextQuestion: z
      .object({
        id: z.string(),
        text: z.string(),
        maxChars: z.number().int(),
        followUpOf: z.string().optional().meta({ description: 'Set on a follow-up question: the question it follows up' }),
      })
      .nullable(),
    answered: z.number().int(),
    total: z.number().int().meta({ description: 'Questions in this interview so far (follow-ups add to it)' }),
    preparingFollowUp: z.boolean().optional(),
  })
  .meta({ id: 'InterviewProgress' });

export const InterviewPageSchema = z
  .object({
    jobTitle: z.string().nullable(),
    stage: CandidateStageSchema,
    expiresAt: z.string().nullable(),
    notes: z.string().meta({ description: 'What to prepare' }),
    progress: InterviewProgressSchema,
    tenantName: z.string().nullable().meta({ description: 'Who processes the answers (consent step)' }),
    round: z.number().int(),
    started: z.boolean(),
    finished: z.boolean().meta({ description: 'Every question answered: show what happens next' }),
    aiScoringDeclined: z.boolean(),
    scoring: z.enum(['llm', 'rules']).meta({ description: 'How answers are scored unless the candidate asks for a person instead' }),
    retentionDays: z.number().int(),
    hearBackWithin: z.object({ amount: z.number().int(), unit: z.string() }).meta({ description: "The job's review deadline, e.g. 3 workingDays" }),
    answerBy: z.string().nullable().meta({ description: 'Once in review: when the candidate hears back at the latest' }),
  })
  .meta({ id: 'InterviewPage' });

export const ResultCode = {
  INTERVIEW_PENDING: 'INTERVIEW_PENDING',
  IN_REVIEW: 'IN_REVIEW',
  PASSED: 'PASSED',
  NOT_PASSED: 'NOT_PASSED',
  EXPIRED: 'EXPIRED',
  ONBOARDED: 'ONBOARDED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type ResultCode = (typeof ResultCode)[keyof typeof ResultCode];

export const ResultPageSchema = z
  .object({
    jobTitle: z.string().nullable(),
    stage: CandidateStageSchema,
    resultCode: z.enum(ResultCode),
    result: z.string().meta({ description: 'For the candidate, in the language of `?lang`: 待面试, 审核中, 通过, 未通过, 面试已过期, 已入职, 已取消 (English with `?lang=en`: In review, Passed, …)', example: '通过' }),
    answerBy: z.string().nullable().meta({ description: 'While in review: when the candidate can expect an answer' }),
    onboarding: z
      .object({ deadline: z.string().nullable(), overdue: z.boolean(), missingMaterials: z.array(z.string()) })
      .nullable()
      .meta({ description: 'After passing: what to hand in, and by when' }),
  })
  .meta({ id: 'ResultPage' });
