// The public surface of the board workflows (poller, job posting, feedback sender): workflow IDs,
// inputs, signals and queries. Clients and activities import these; nothing here does I/O.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PollPosition } from '../common/board-poll';
import type { PartnerBoard } from '../connectors/board-registry';

export type { PartnerBoard };

export const boardPollerWorkflowId = (tenantId: string, board: PartnerBoard) => `board-poller:${tenantId}:${board}`;
export const boardFeedbackWorkflowId = (tenantId: string, board: PartnerBoard) => `board-feedback:${tenantId}:${board}`;
export const jobPostingWorkflowId = (tenantId: string, jobCode: string) => `job-posting:${tenantId}:${jobCode}`;

/** Where a poller stands (common/board-poll.ts); carried over continue-as-new. */
export type PollerState = PollPosition;

export interface PollerTotals {
  pages: number;
  received: number;
  ingested: number;
  duplicates: number;
  withdrawn: number;
  quarantined: number;
  /** Times the board refused the poll position (e.g. an expired cursor) and reading restarted. */
  cursorResets: number;
}

export interface BoardPollerInput {
  tenantId: string;
  board: PartnerBoard;
  state?: PollerState;
  totals?: PollerTotals;
  /** Pages per run before continue-as-new (default 200), bounding the history's size. */
  pagesPerRun?: number;
}

export interface BoardPollerStatus {
  tenantId: string;
  board: PartnerBoard;
  state: PollerState;
  totals: PollerTotals;
  lastPollAt: string | null;
  lastError: { type: string; message: string; at: string } | null;
}

export interface BoardFeedbackInput {
  tenantId: string;
  board: PartnerBoard;
  sent?: number;
}

export interface JobPostingInput {
  tenantId: string;
  jobCode: string;
}

export interface JobPostingBoardState {
  board: PartnerBoard;
  action: string;
  boardJobId: string | null;
  online: boolean;
  error: string | null;
  at: string;
}

export interface JobPostingStatus {
  tenantId: string;
  jobCode: string;
  boards: JobPostingBoardState[];
  hires: number | null;
  headcount: number | null;
  syncs: number;
}

/** Poll now instead of after the interval (e.g. an operator, or a test). */
export const pollNowSignal = defineSignal('pollNow');
export const getPollerStatusQuery = defineQuery<BoardPollerStatus>('getPollerStatus');
/** New rows are in the board feedback outbox. */
export const feedbackPendingSignal = defineSignal('feedbackPending');
/** The job's config may have changed, or a hire was made: compare and publish/update/take offline. */
export const recheckPostingSignal = defineSignal('recheckPosting');
export const getJobPostingQuery = defineQuery<JobPostingStatus>('getJobPosting');
