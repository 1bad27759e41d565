// The interview's vocabulary: the questions a candidate sees, their answers, and the assessment a
// scorer makes of them. Deterministic and dependency-free, so workflow code may import it.
import type { InterviewOutcome } from './types';

export interface InterviewQuestionView {
  id: string;
  text: string;
  maxChars: number;
  /** Set on a follow-up question: the question whose answer it follows up. */
  followUpOf?: string;
}

export interface InterviewAnswer {
  questionId: string;
  answer: string;
  answeredAt: string;
  /** Seconds from the question being shown (or the previous answer) to this answer. */
  secondsTaken: number;
}

export interface DimensionScore {
  dimensionId: string;
  label: string;
  score: number; // 0–100
  evidence: string[];
}

export interface InterviewAssessment {
  outcome: InterviewOutcome;
  score: number | null;
  dimensions: DimensionScore[];
  strengths: string[];
  weaknesses: string[];
  summary: string;
  scorer: string; // e.g. "deterministic-rubric (not an LLM)" or "llm"
  /** The LLM model that scored, or null for the deterministic scorer. */
  model: string | null;
  rubricVersion: string;
  /** Version of the scoring prompt (LLM) or of the matching rules (deterministic). */
  promptVersion: string | null;
  /** Why the outcome is INSUFFICIENT_EVIDENCE (answers too short, the scorer failed, …). */
  reason?: string;
}
