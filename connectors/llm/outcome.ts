// Turns rubric scores into an outcome. Computed in code from the job's thresholds, whichever
// scorer produced the numbers, so an LLM never decides the outcome by itself.
import type { JobConfig } from '../../common/config-schema';
import { InterviewOutcome } from '../../common/types';
import type { DimensionScore } from '../../common/interview';

export function weightedScore(rubric: JobConfig['rubric'], scores: DimensionScore[]): number {
  let total = 0;
  let weights = 0;
  for (const dimension of rubric.dimensions) {
    const found = scores.find((s) => s.dimensionId === dimension.id);
    total += (found?.score ?? 0) * dimension.weight;
    weights += dimension.weight;
  }
  return Math.round((total / weights) * 10) / 10;
}

export function outcomeFor(rubric: JobConfig['rubric'], score: number): InterviewOutcome {
  if (score >= rubric.thresholds.pass) return InterviewOutcome.PASS;
  if (score >= rubric.thresholds.borderline) return InterviewOutcome.BORDERLINE;
  return InterviewOutcome.FAIL;
}

/** Answers too short to judge: the outcome is INSUFFICIENT_EVIDENCE whatever the scores say. */
export function tooShortToJudge(rubric: JobConfig['rubric'], answers: string[]): string | null {
  const short = answers.filter((a) => [...a.trim()].length < rubric.minAnswerChars).length;
  if (answers.length === 0) return 'no answers';
  return short > 0 ? `${short} of ${answers.length} answers are shorter than ${rubric.minAnswerChars} characters` : null;
}
