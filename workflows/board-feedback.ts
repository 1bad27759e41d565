// Drains one tenant's board feedback outbox in order: candidate progress reaches the board even
// after the board was down for hours, and never holds up a candidate's own workflow.
import { ActivityFailure, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import { feedbackPendingSignal, type BoardFeedbackInput } from './board-definitions';

/** Sending: retried with backoff without limit; rate limits wait for the board's Retry-After. */
const sending = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});

const BATCH = 50;
/** A sweep even without a nudge (a signal lost while the worker was down). */
const SWEEP_MS = 5 * 60_000;
/** After a busy batch: rows enqueued during it were not nudged (see reportBoardProgress). */
const FOLLOW_UP_MS = 5_000;
const RUNS_PER_HISTORY = 200;

export async function boardFeedbackWorkflow(input: BoardFeedbackInput): Promise<void> {
  const { tenantId, board } = input;
  let sent = input.sent ?? 0;
  let pending = true;
  setHandler(feedbackPendingSignal, () => {
    pending = true;
  });
  for (let run = 0; ; run++) {
    if (run >= RUNS_PER_HISTORY || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof boardFeedbackWorkflow>({ tenantId, board, sent });
    }
    pending = false;
    let waitMs = SWEEP_MS;
    try {
      const r = await sending.sendBoardFeedback({ tenantId, board, limit: BATCH });
      sent += r.sent;
      if (r.more) continue;
      if (r.sent + r.failed + r.skipped > 0) waitMs = FOLLOW_UP_MS;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // Non-retryable (e.g. credentials refused): the rows stay pending for the next sweep.
      log.warn('board feedback failed; next sweep retries', { tenantId, board, message: err.cause?.message ?? err.message });
    }
    await condition(() => pending, waitMs);
  }
}
