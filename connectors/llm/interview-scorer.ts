// What every interview scorer offers: an LLM over an OpenAI-compatible API, or the deterministic
// rubric scorer that serves when no LLM is configured.
import type { JobConfig } from '../../common/config-schema';
import type { InterviewAssessment } from '../../workflows/definitions';

export interface TranscriptEntry {
  questionId: string;
  question: string;
  answer: string;
  secondsTaken: number;
}

export interface InterviewScorer {
  readonly name: string;
  score(rubric: JobConfig['rubric'], transcript: TranscriptEntry[]): Promise<InterviewAssessment>;
}
