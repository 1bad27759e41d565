// The embedded scorer for when no LLM is configured: evidence is the rubric's phrases found as
// whole words in the answers (Chinese segmented by jieba), plus a little credit for answers of
// some length. Repeatable and explainable, and its report says plainly that it is not an LLM.
import type { JobConfig } from '../../common/config-schema';
import { InterviewOutcome } from '../../common/types';
import { containsWord, words } from './chinese-words';
import type { InterviewScorer, TranscriptEntry } from './interview-scorer';
import { outcomeFor, tooShortToJudge, weightedScore } from './outcome';
import type { DimensionScore, InterviewAssessment } from '../../common/interview';

export const DETERMINISTIC_RULES_VERSION = 'phrases-jieba-v1';
/** Phrases needed for a full score on a dimension (fewer if the rubric lists fewer). */
const PHRASES_FOR_FULL_SCORE = 3;
/** Share of a dimension's score that comes from phrases; the rest from how developed the answers are. */
const PHRASE_SHARE = 0.85;
/** Words per answer that earn the full length credit. */
const WORDS_FOR_FULL_CREDIT = 20;
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
    const wordCounts = answers.map((a) => words(a).length);
    const depth = answers.length ? wordCounts.reduce((sum, n) => sum + Math.min(1, n / WORDS_FOR_FULL_CREDIT), 0) / answers.length : 0;
    const dimensions: DimensionScore[] = rubric.dimensions.map((dimension) => {
      const evidence: string[] = [];
      const matched: string[] = [];
      for (const phrase of dimension.phrases) {
        const answer = answers.find((a) => containsWord(a, phrase));
        if (answer === undefined) continue;
        matched.push(phrase);
        evidence.push(quote(answer, answer.indexOf(phrase), phrase.length));
      }
      const needed = Math.min(PHRASES_FOR_FULL_SCORE, Math.max(1, dimension.phrases.length));
      const coverage = Math.min(1, matched.length / needed);
      // Length alone earns nothing: without any phrase the dimension scores 0.
      const score = coverage === 0 ? 0 : Math.round((coverage * PHRASE_SHARE + depth * (1 - PHRASE_SHARE)) * 100);
      return { dimensionId: dimension.id, label: dimension.label, score, evidence };
    });
    const score = weightedScore(rubric, dimensions);
    const insufficient = tooShortToJudge(rubric, answers);
    const outcome = insufficient ? InterviewOutcome.INSUFFICIENT_EVIDENCE : outcomeFor(rubric, score);
    const strengths = dimensions.filter((d) => d.score >= rubric.thresholds.pass).map((d) => `${d.label}: ${d.evidence.length} rubric phrase(s) found`);
    const weaknesses = dimensions.filter((d) => d.score < rubric.thresholds.borderline).map((d) => `${d.label}: few or no rubric phrases found`);
    return {
      outcome,
      score,
      dimensions,
      strengths,
      weaknesses,
      summary:
        `Rubric phrase matching, not an LLM: it finds the job's listed phrases as whole words (jieba segmentation) and gives some credit for answer length ` +
        `(${wordCounts.join('/')} words). Weighted score ${score}/100. A person should read the answers themselves.`,
      scorer: this.name,
      model: null,
      rubricVersion: rubric.version,
      promptVersion: DETERMINISTIC_RULES_VERSION,
      ...(insufficient ? { reason: insufficient } : {}),
    };
  }
}
