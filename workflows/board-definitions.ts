// The public surface of the board workflows (poller, job posting, feedback sender): workflow IDs,
// inputs, signals and queries. Clients and activities import these; nothing here does I/O.
import { defineQuery, defineSignal } from '@temporalio/workflow';

export type ApiBoard = 'doumi' | 'jianzhimao';

export const boardPollerWorkflowId = (tenantId: string, board: ApiBoard) => `board-poller:${tenantId}:${board}`;
export const boardFeedbackWorkflowId = (tenantId: string, board: ApiBoard) => `board-feedback:${tenantId}:${board}`;
export const jobPostingWorkflowId = (tenantId: string, jobCode: string) => `job-posting:${tenantId}:${jobCode}`;

/** Where a poller stands; carried over continue-as-new. */
export interface PollerState {
  /** Doumi: the cursor to continue from (null: start from updatedAfter). */
  cursor: string | null;
  /** Doumi: where to restart without a cursor (first poll, or after 40010): UTC ISO. */
  updatedAfter: string | null;
  /** Jianzhimao: start of the window not yet closed (UTC ISO), and the next page in it. */
  windowStart: string | null;
  pageNo: number;
}

export interface PollerTotals {
  pages: number;
  received: number;
  ingested: number;
  duplicates: number;
  withdrawn: number;
  quarantined: number;
  cursorResets: number;
}

export interface BoardPollerInput {
  tenantId: string;
  board: ApiBoard;
  state?: PollerState;
  totals?: PollerTotals;
  /** Pages per run before continue-as-new (default 200), bounding the history's size. */
  pagesPerRun?: number;
}

export interface BoardPollerStatus {
  tenantId: string;
  board: ApiBoard;
  state: PollerState;
  totals: PollerTotals;
  lastPollAt: string | null;
  lastError: { type: string; message: string; at: string } | null;
}

export interface BoardFeedbackInput {
  tenantId: string;
  board: ApiBoard;
  sent?: number;
}

export interface JobPostingInput {
  tenantId: string;
  jobCode: string;
}

export interface JobPostingBoardState {
  board: ApiBoard;
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
