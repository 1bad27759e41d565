// What every interview scorer offers: an LLM over an OpenAI-compatible API, or the deterministic
// rubric scorer that serves when no LLM is configured.
import type { JobConfig } from '../../common/config-schema';
import type { InterviewAssessment } from '../../common/interview';

export interface TranscriptEntry {
  questionId: string;
  question: string;
  answer: string;
  secondsTaken: number;
}

export interface InterviewScorer {
  readonly name: string;
  /** Scores a transcript whose personal data has already been redacted. */
  score(rubric: JobConfig['rubric'], transcript: TranscriptEntry[]): Promise<InterviewAssessment>;
  /** One follow-up question to an (already redacted) answer; scorers without a model have none. */
  followUp?(question: string, answer: string): Promise<string | null>;
}
