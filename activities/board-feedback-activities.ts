// Candidate progress back to the board (specs/job-boards.md, "What the hub owes both boards"):
// reportBoardProgress only writes the board feedback outbox (a database insert, so a board that is
// down never holds up a candidate); sendBoardFeedback, run by the board-feedback workflow, drains it.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { BoardProgress } from '../common/board-progress';
import { findTenant } from '../common/config';
import { ErrorKind, HubError } from '../common/errors';
import type { ApplicationRef, CandidateStage } from '../common/types';
import type { DoumiApplicationStatus } from '../connectors/doumi/doumi-client';
import type { JianzhimaoFeedbackStatus } from '../connectors/jianzhimao/jianzhimao-client';
import { FeedbackStatus } from '../connectors/hub-db/board-feedback-repo';
import { boardFeedbackWorkflowId, feedbackPendingSignal, jobPostingWorkflowId, recheckPostingSignal, type ApiBoard } from '../workflows/board-definitions';
import { createBoardClients, toBoardFailure, type BoardClients } from './board-clients';
import type { ActivityDeps } from './deps';

export interface BoardProgressReport {
  ref: ApplicationRef;
  jobCode: string;
  stage: CandidateStage;
  progress: BoardProgress;
}

export interface FeedbackDrainResult {
  sent: number;
  failed: number;
  skipped: number;
  /** More pending rows than this run took: drain again at once. */
  more: boolean;
}

/** Spec: Doumi `POST /open/v2/applications/{id}/status` values. */
const DOUMI_STATUS: Record<BoardProgress, DoumiApplicationStatus | null> = {
  VIEWED: null,
  INTERVIEWING: 'INTERVIEWING',
  PASSED: 'PASSED',
  REJECTED: 'REJECTED',
  HIRED: 'HIRED',
  CLOSED: 'CLOSED',
};
/** Spec: Jianzhimao `resume.feedback` codes; it has no "closed", so an expiry or withdrawal is not reported. */
const JIANZHIMAO_STATUS: Record<BoardProgress, JianzhimaoFeedbackStatus | null> = {
  VIEWED: 1,
  INTERVIEWING: 2,
  PASSED: 3,
  REJECTED: 4,
  HIRED: 5,
  CLOSED: null,
};

const isApiBoard = (board: string): board is ApiBoard => board === 'doumi' || board === 'jianzhimao';

export function createBoardFeedbackActivities(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'> & { boardClients?: BoardClients }) {
  const clients = deps.boardClients ?? createBoardClients(deps.config);

  /** Best effort: the sender also sweeps on a timer, so a lost nudge only delays a report. */
  async function nudge(workflowId: string, signal: typeof feedbackPendingSignal | typeof recheckPostingSignal): Promise<void> {
    try {
      await Context.current().client.workflow.getHandle(workflowId).signal(signal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) deps.logger.warn({ workflowId, err: (err as Error).message }, 'could not nudge workflow');
    }
  }

  return {
    /** Enqueues the report once per (application, progress); returns whether it was new. */
    async reportBoardProgress(r: BoardProgressReport): Promise<{ queued: boolean }> {
      const { ref } = r;
      if (!isApiBoard(ref.board)) return { queued: false };
      const boardConfig = findTenant(deps.config, ref.tenantId)?.boards[ref.board];
      let created = false;
      if (boardConfig?.reportProgress) {
        ({ created } = await deps.store.boardFeedback.enqueue({ tenantId: ref.tenantId, board: ref.board, applicationId: ref.applicationId, progress: r.progress, stage: r.stage }));
        // Only the first pending row wakes the sender: signalling one workflow per stage change
        // queued thousands of signals under load. Rows added while it drains are picked up by its
        // next batch or its short follow-up sweep.
        if (created && (await deps.store.boardFeedback.pending(ref.tenantId, ref.board, 2)).length === 1) {
          await nudge(boardFeedbackWorkflowId(ref.tenantId, ref.board), feedbackPendingSignal);
        }
      }
      // A hire may fill the job's headcount: its postings check whether to go offline.
      if (r.progress === BoardProgress.HIRED) await nudge(jobPostingWorkflowId(ref.tenantId, r.jobCode), recheckPostingSignal);
      return { queued: created };
    },

    /** Sends the oldest pending reports of one tenant's board, in order; a board fault stops the run. */
    async sendBoardFeedback({ tenantId, board, limit }: { tenantId: string; board: ApiBoard; limit: number }): Promise<FeedbackDrainResult> {
      const rows = await deps.store.boardFeedback.pending(tenantId, board, limit + 1);
      const result: FeedbackDrainResult = { sent: 0, failed: 0, skipped: 0, more: rows.length > limit };
      for (const row of rows.slice(0, limit)) {
        const progress = row.progress as BoardProgress;
        try {
          if (board === 'doumi') {
            const status = DOUMI_STATUS[progress];
            if (!status) {
              await deps.store.boardFeedback.markDone(row.id, FeedbackStatus.SKIPPED, `Doumi has no status for ${progress}`);
              result.skipped++;
              continue;
            }
            await clients.doumi(tenantId).reportStatus(row.applicationId, status);
          } else {
            const status = JIANZHIMAO_STATUS[progress];
            if (!status) {
              await deps.store.boardFeedback.markDone(row.id, FeedbackStatus.SKIPPED, `Jianzhimao has no feedback code for ${progress}`);
              result.skipped++;
              continue;
            }
            await clients.jianzhimao(tenantId).feedback(row.applicationId, status, `stage ${row.stage}`);
          }
          await deps.store.boardFeedback.markSent(row.id);
          result.sent++;
        } catch (err) {
          if (err instanceof HubError && err.kind === ErrorKind.INVALID) {
            // The board refuses this one report for good (e.g. it does not know the application): keep it, move on.
            await deps.store.boardFeedback.markDone(row.id, FeedbackStatus.FAILED, `${err.code}: ${err.message}`);
            result.failed++;
            continue;
          }
          // Down, busy, rate-limited or misconfigured: the rest waits, in order, for the retry.
          await deps.store.boardFeedback.noteAttempt(row.id, err instanceof Error ? err.message : String(err));
          throw toBoardFailure(err);
        }
        Context.current().heartbeat(result);
      }
      return result;
    },
  };
}
