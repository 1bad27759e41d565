// What of the stored interview assessment the candidate may see on their result page. Before the
// tenant has decided: their own answers only, never an AI score or judgement. Afterwards: what the
// tenant allows (candidatePortal.showAssessment). The page is rendered from this view alone, so
// what is left out here cannot leak into the HTML.
import { ShowAssessment } from '../../common/config-schema';
import type { StoredAssessment } from '../../connectors/hub-db';
import { ResultCode } from '../schemas/candidate-page-schemas';

/**
 * - `withheld`: the tenant has not decided (or never will: expired, withdrawn); no AI content.
 * - `none`, `feedback`, `full`: decided, and this is what the tenant shows.
 */
export type ReportDisclosure = 'withheld' | ShowAssessment;

export interface CandidateReport {
  round: number;
  disclosure: ReportDisclosure;
  /** While the candidate waits for the decision (in review): say that the assessment comes later, if at all. */
  awaitingDecision: boolean;
  /** The candidate's own choice, so always theirs to see. */
  aiScoringDeclined: boolean;
  /** How the answers were scored; only once decided and shown (feedback, full). */
  scorer: { kind: 'llm'; model: string } | { kind: 'rules' } | { kind: 'none' } | null;
  /** Scores per dimension with the quoted evidence: `full` only. */
  dimensions: { label: string; score: number; evidence: string[] }[];
  /** Plain words: `feedback` and `full`. */
  strengths: string[];
  weaknesses: string[];
  /** The scorer's summary can carry the numeric score: `full` only. */
  summary: string | null;
  transcript: { question: string; answer: string; secondsTaken: number }[];
}

/** The outcomes that are the tenant's decision, told to the candidate; everything else is not decided. */
const DECIDED: readonly ResultCode[] = [ResultCode.PASSED, ResultCode.NOT_PASSED, ResultCode.ONBOARDED];

export function presentCandidateReport(a: StoredAssessment, resultCode: ResultCode, show: ShowAssessment): CandidateReport {
  const disclosure: ReportDisclosure = DECIDED.includes(resultCode) ? show : 'withheld';
  const words = disclosure === ShowAssessment.FEEDBACK || disclosure === ShowAssessment.FULL;
  const full = disclosure === ShowAssessment.FULL;
  const report = a.aiScoringDeclined ? null : a.report;
  return {
    round: a.round,
    disclosure,
    awaitingDecision: resultCode === ResultCode.IN_REVIEW,
    aiScoringDeclined: a.aiScoringDeclined,
    scorer: !words || a.aiScoringDeclined ? null : !report || a.scorer === 'none' ? { kind: 'none' } : a.model ? { kind: 'llm', model: a.model } : { kind: 'rules' },
    dimensions: full && report ? report.dimensions.map((d) => ({ label: d.label, score: d.score, evidence: d.evidence })) : [],
    strengths: words && report ? report.strengths : [],
    weaknesses: words && report ? report.weaknesses : [],
    summary: full && report?.summary ? report.summary : null,
    transcript: a.transcript.map((t) => ({ question: t.question, answer: t.answer, secondsTaken: t.secondsTaken })),
  };
}
