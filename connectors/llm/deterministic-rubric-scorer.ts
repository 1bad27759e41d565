// The embedded scorer for when no LLM is configured: evidence is the rubric's phrases found in
// the answers. Repeatable and explainable, and its report says plainly that it is not an LLM.
import type { JobConfig } from '../../common/config-schema';
import { InterviewOutcome } from '../../common/types';
import type { DimensionScore, InterviewAssessment } from '../../workflows/definitions';
import type { InterviewScorer, TranscriptEntry } from './interview-scorer';
import { outcomeFor, tooShortToJudge, weightedScore } from './outcome';

/** Phrases needed for a full score on a dimension (fewer if the rubric lists fewer). */
const PHRASES_FOR_FULL_SCORE = 3;
const QUOTE_CONTEXT_CHARS = 12;

function quote(text: string, index: number, length: number): string {
  const start = Math.max(0, index - QUOTE_CONTEXT_CHARS);
  const end = Math.min(text.length, index + length + QUOTE_CONTEXT_CHARS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

export class DeterministicRubricScorer implements InterviewScorer {
  readonly name = 'deterministic-rubric (not an LLM)';

  async score(rubric: JobConfig['rubric'], transcript: TranscriptEntry[]): Promise<InterviewAssessment> {
    const answers = transcript.map((t) => t.answer);
    const dimensions: DimensionScore[] = rubric.dimensions.map((dimension) => {
      const evidence: string[] = [];
      for (const phrase of dimension.phrases) {
        const hit = answers.map((a) => ({ a, i: a.indexOf(phrase) })).find((x) => x.i >= 0);
        if (hit) evidence.push(quote(hit.a, hit.i, phrase.length));
      }
      const needed = Math.min(PHRASES_FOR_FULL_SCORE, Math.max(1, dimension.phrases.length));
      const score = Math.round(Math.min(1, evidence.length / needed) * 100);
      return { dimensionId: dimension.id, label: dimension.label, score, evidence };
    });
    const score = weightedScore(rubric, dimensions);
    const insufficient = tooShortToJudge(rubric, answers);
    const outcome = insufficient ? InterviewOutcome.INSUFFICIENT_EVIDENCE : outcomeFor(rubric, score);
    const strong = dimensions.filter((d) => d.score >= rubric.thresholds.pass).map((d) => d.label);
    return {
      outcome,
      score,
      dimensions,
      summary: `Rubric phrase matching, not an LLM. Weighted score ${score}/100.` + (strong.length ? ` Strong: ${strong.join(', ')}.` : ''),
      scorer: this.name,
      rubricVersion: rubric.version,
      ...(insufficient ? { reason: insufficient } : {}),
    };
  }
}
