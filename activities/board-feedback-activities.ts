// Candidate progress back to the board (specs/job-boards.md, "What the hub owes both boards"):
// reportBoardProgress only writes the board feedback outbox (a database insert, so a board that is
// down never holds up a candidate); sendBoardFeedback, run by the board-feedback workflow, drains it.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { BoardProgress } from '../common/board-progress';
import { findTenant } from '../common/config';
import { ErrorKind, HubError } from '../common/errors';
import type { ApplicationRef, CandidateStage } from '../common/types';
import { boardContract, isPartnerBoard, type PartnerBoard } from '../connectors/board-registry';
import { FeedbackStatus } from '../connectors/hub-db/board-feedback-repo';
import { boardFeedbackWorkflowId, feedbackPendingSignal, jobPostingWorkflowId, recheckPostingSignal } from '../workflows/board-definitions';
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
      if (!isPartnerBoard(ref.board)) return { queued: false };
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
    async sendBoardFeedback({ tenantId, board, limit }: { tenantId: string; board: PartnerBoard; limit: number }): Promise<FeedbackDrainResult> {
      const rows = await deps.store.boardFeedback.pending(tenantId, board, limit + 1);
      const result: FeedbackDrainResult = { sent: 0, failed: 0, skipped: 0, more: rows.length > limit };
      const contract = boardContract(board);
      let client: unknown;
      for (const row of rows.slice(0, limit)) {
        const progress = row.progress as BoardProgress;
        try {
          // The board's own wire value for this progress (its contract's feedback map).
          const status = contract.feedback.statuses[progress];
          if (status === null || status === undefined) {
            await deps.store.boardFeedback.markDone(row.id, FeedbackStatus.SKIPPED, `${contract.displayName} has no status for ${progress}`);
            result.skipped++;
            continue;
          }
          await contract.feedback.send(client ??= clients.get(board, tenantId), row.applicationId, status, { stage: row.stage });
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
