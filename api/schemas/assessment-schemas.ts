// The interview assessment as HR reads it (GET /api/v1/candidates/{id}/assessment): the scores,
// evidence, strengths and weaknesses, who scored (scorer, model, rubric and prompt version) and the
// transcript, with personal data the candidate typed into answers masked.
import { z } from 'zod';
import { InterviewOutcomeSchema, orNull } from './common-schemas';

const DimensionSchema = z.object({
  dimensionId: z.string(),
  label: z.string(),
  score: z.number().meta({ description: '0–100' }),
  evidence: z.array(z.string()).meta({ description: 'Quoted from the (redacted) answers' }),
});

export const TranscriptItemSchema = z
  .object({
    questionId: z.string(),
    question: z.string(),
    followUpOf: z.string().optional(),
    answer: z.string(),
    answeredAt: z.string(),
    secondsTaken: z.number().int(),
  })
  .meta({ id: 'TranscriptItem' });

export const AssessmentSchema = z
  .object({
    workflowId: z.string(),
    round: z.number().int(),
    jobCode: z.string(),
    aiScoringDeclined: z.boolean().meta({ description: 'The candidate asked for a person instead of AI scoring: no scores, read the transcript' }),
    outcome: orNull(InterviewOutcomeSchema),
    score: z.number().nullable(),
    scorer: z.string().nullable().meta({ example: 'llm' }),
    model: z.string().nullable(),
    rubricVersion: z.string().nullable(),
    promptVersion: z.string().nullable(),
    dimensions: z.array(DimensionSchema),
    strengths: z.array(z.string()),
    weaknesses: z.array(z.string()),
    summary: z.string().nullable(),
    reason: z.string().nullable().meta({ description: 'Why the outcome is INSUFFICIENT_EVIDENCE (e.g. malformed LLM output), for HR' }),
    transcript: z.array(TranscriptItemSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Assessment' });

export const AssessmentQuerySchema = z.strictObject({
  round: z.coerce.number().int().positive().optional().meta({ description: 'An interview round; the latest when omitted' }),
});
