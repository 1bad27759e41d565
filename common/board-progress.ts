// Which progress a candidate's stage means to the board the application came from. Board-neutral
// and deterministic (the candidate workflow uses it to report only real changes); each board's
// connector maps it to its own wire value (Doumi status, Jianzhimao feedback code).
import { Board, CandidateStage } from './types';
import { IngestionSource, ingestionSourceOf } from './ingestion';

export const BoardProgress = {
  VIEWED: 'VIEWED',
  INTERVIEWING: 'INTERVIEWING',
  PASSED: 'PASSED',
  REJECTED: 'REJECTED',
  HIRED: 'HIRED',
  CLOSED: 'CLOSED',
} as const;
export type BoardProgress = (typeof BoardProgress)[keyof typeof BoardProgress];

/** null: this stage tells the board nothing new (NEEDS_ATTENTION keeps what the board already knows). */
const BY_STAGE: Record<CandidateStage, BoardProgress | null> = {
  INGESTED: BoardProgress.VIEWED,
  PRESCREEN_REJECTED: BoardProgress.REJECTED,
  INTERVIEW_INVITED: BoardProgress.INTERVIEWING,
  INTERVIEWING: BoardProgress.INTERVIEWING,
  INTERVIEW_EXPIRED: BoardProgress.CLOSED,
  SCORING: BoardProgress.INTERVIEWING,
  HR_REVIEW: BoardProgress.INTERVIEWING,
  REJECTED: BoardProgress.REJECTED,
  SYNCING: BoardProgress.PASSED,
  NEEDS_ATTENTION: null,
  ONBOARDING: BoardProgress.PASSED,
  ONBOARDED: BoardProgress.HIRED,
  ONBOARDING_OVERDUE: BoardProgress.PASSED,
  WITHDRAWN: BoardProgress.CLOSED,
};

/**
 * The progress to report for `stage`, or null when there is nothing to report: applications from
 * the hub's own API (`direct`) and from CSV exports of boards without API access have no board
 * record to update.
 */
export function boardProgressFor(board: Board, source: IngestionSource | string, stage: CandidateStage): BoardProgress | null {
  if (board === Board.DIRECT || ingestionSourceOf(source) === IngestionSource.CSV) return null;
  return BY_STAGE[stage] ?? null;
}
