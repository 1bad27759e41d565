// One job's postings on the tenant's boards, kept in line with its config: published with the
// AI面试 tag, updated when the config changes, taken offline when the job closes or its headcount
// is filled. Woken by recheckPosting (worker start, a hire) and on a timer as a safety net.
import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import { getJobPostingQuery, recheckPostingSignal, type JobPostingBoardState, type JobPostingInput, type JobPostingStatus } from './board-definitions';

/** A board call: retried with backoff for up to an hour, then the next recheck tries again. */
const boardCalls = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '1h',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});
const settings = proxyActivities<CandidateActivities>({ startToCloseTimeout: '30s', retry: { maximumInterval: '1m' } });

const RECHECK_MS = 6 * 3600_000;
const SYNCS_PER_HISTORY = 100;

export async function jobPostingWorkflow(input: JobPostingInput): Promise<void> {
  const { tenantId, jobCode } = input;
  const boards: JobPostingBoardState[] = [];
  let hires: number | null = null;
  let headcount: number | null = null;
  let syncs = 0;
  let recheck = true;

  setHandler(getJobPostingQuery, (): JobPostingStatus => ({ tenantId, jobCode, boards: boards.map((b) => ({ ...b })), hires, headcount, syncs }));
  setHandler(recheckPostingSignal, () => {
    recheck = true;
  });

  for (;;) {
    recheck = false;
    const targets = await settings.jobPostingBoards({ tenantId, jobCode });
    for (const board of targets) {
      let state = boards.find((b) => b.board === board);
      if (!state) {
        state = { board, action: 'pending', boardJobId: null, online: false, error: null, at: new Date().toISOString() };
        boards.push(state);
      }
      try {
        const r = await boardCalls.syncJobPosting({ tenantId, jobCode, board });
        Object.assign(state, { action: r.action, boardJobId: r.boardJobId, online: r.online, error: null, at: new Date().toISOString() });
        hires = r.hires;
        headcount = r.headcount;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        // One board's trouble does not stop the other; the next recheck tries again.
        Object.assign(state, { error: err.cause?.message ?? err.message, at: new Date().toISOString() });
      }
    }
    syncs++;
    if (syncs % SYNCS_PER_HISTORY === 0 || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof jobPostingWorkflow>(input);
    }
    await condition(() => recheck, RECHECK_MS);
  }
}
