// The assessment as HR sees it: the stored report plus the transcript, with personal data the
// candidate typed into answers masked the same way as before it went to the scorer.
import type { z } from 'zod';
import type { StoredAssessment } from '../../connectors/hub-db';
import { createRedactor } from '../../connectors/llm/redact';
import type { AssessmentSchema } from '../schemas/assessment-schemas';

export type AssessmentView = z.output<typeof AssessmentSchema>;

export function presentAssessment(a: StoredAssessment, candidateName: string): AssessmentView {
  const redactor = createRedactor(candidateName);
  return {
    workflowId: a.workflowId,
    round: a.round,
    jobCode: a.jobCode,
    aiScoringDeclined: a.aiScoringDeclined,
    outcome: a.outcome,
    score: a.score,
    scorer: a.scorer,
    model: a.model,
    rubricVersion: a.rubricVersion,
    promptVersion: a.promptVersion,
    dimensions: a.report?.dimensions ?? [],
    strengths: a.report?.strengths ?? [],
    weaknesses: a.report?.weaknesses ?? [],
    summary: a.report?.summary ?? null,
    reason: a.report?.reason ?? null,
    transcript: a.transcript.map((t) => ({ ...t, answer: redactor.redact(t.answer) })),
    createdAt: a.createdAt,
  };
}
