// The durable poller of one tenant's board: a long-running workflow (continue-as-new) whose state
// is the board's poll position (a cursor or a time window). It advances only after the activity
// that read a page has handed every record on, so a crash mid-page re-reads that page (harmless:
// ingestion dedupes). Board-neutral: how a board pages is its poll step (connectors/<board>/),
// run by the pollBoardPage activity. Runs started before that (patch below) keep the v1 steps.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import type { HandOnCounts } from '../common/board-poll';
import {
  getPollerStatusQuery,
  pollNowSignal,
  type BoardPollerInput,
  type BoardPollerStatus,
  type PollerState,
  type PollerTotals,
} from './board-definitions';
import { v1PollStep } from './board-poller-v1';

/** The board-neutral step (one pollBoardPage activity per step) instead of the v1 board-named ones. */
export const POLL_STEP_PATCH = 'board-poll-step-activity';

/** Reading one page and handing it on: heartbeats per record, retried with backoff without limit
 * (a board down for hours must not end the poller); rate limits wait for the board's Retry-After. */
const polling = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});
const settings = proxyActivities<CandidateActivities>({ startToCloseTimeout: '30s', retry: { maximumInterval: '1m' } });

/** Continue-as-new after this many pages by default, keeping history short. */
const PAGES_PER_RUN = 200;

const emptyTotals = (): PollerTotals => ({ pages: 0, received: 0, ingested: 0, duplicates: 0, withdrawn: 0, quarantined: 0, cursorResets: 0 });
const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function boardPollerWorkflow(input: BoardPollerInput): Promise<BoardPollerStatus> {
  const { tenantId, board } = input;
  const totals: PollerTotals = input.totals ?? emptyTotals();
  let lastPollAt: string | null = null;
  let lastError: BoardPollerStatus['lastError'] = null;
  let pollNow = false;
  let pagesThisRun = 0;

  // Handlers first: the poller answers queries and nudges while its settings are still loading.
  const state: PollerState = input.state ?? { cursor: null, updatedAfter: null, windowStart: null, pageNo: 1 };
  const status = (): BoardPollerStatus => ({ tenantId, board, state: { ...state }, totals: { ...totals }, lastPollAt, lastError });
  setHandler(getPollerStatusQuery, status);
  setHandler(pollNowSignal, () => {
    pollNow = true;
  });
  // Decided once per run, before its first command: a run is v1 or board-neutral throughout.
  const boardNeutral = patched(POLL_STEP_PATCH);

  const config = await settings.boardPollSettings({ tenantId, board });
  // A new poller starts `lookback` ago; one continued as new carries its position over.
  state.updatedAfter ??= iso(Date.now() - config.lookbackMs);
  state.windowStart ??= iso(floorToSecond(Date.now() - config.lookbackMs));

  const count = (r: HandOnCounts) => {
    totals.pages++;
    totals.received += r.received;
    totals.ingested += r.ingested;
    totals.duplicates += r.duplicates;
    totals.withdrawn += r.withdrawn;
    totals.quarantined += r.quarantined;
    pagesThisRun++;
    lastPollAt = iso(Date.now());
    lastError = null;
  };

  /** Sleeps for the interval, or until someone asks for a poll now. */
  async function idle(ms = config.intervalMs): Promise<void> {
    await condition(() => pollNow, ms);
    pollNow = false;
  }

  /** One step of the board's poll model, run by its poll step; true when there is more to read at once. */
  async function boardStep(): Promise<boolean> {
    const r = await polling.pollBoardPage({ tenantId, board, position: { ...state }, pageSize: config.pageSize, nowMs: Date.now() });
    if (r.kind === 'wait') return false;
    if (r.kind === 'restart') {
      // The board refused the position (e.g. an expired cursor): nothing was read; read again from where it says.
      log.info('board refused the poll position; restarting', { tenantId, board, reason: r.reason });
      Object.assign(state, r.position);
      totals.cursorResets++;
      return true;
    }
    count(r);
    // Only now, with the page handed on, does the poller move past it.
    Object.assign(state, r.position);
    return r.more;
  }
  const step = boardNeutral ? boardStep : v1PollStep({ tenantId, board, state, totals, config, count });

  for (;;) {
    let more: boolean;
    try {
      more = await step();
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // Non-retryable (bad credentials, clock skew): keep the cursor, say why, and try again later.
      const cause = err.cause;
      lastError = { type: cause instanceof ApplicationFailure ? (cause.type ?? 'ActivityFailed') : 'ActivityFailed', message: cause?.message ?? err.message, at: iso(Date.now()) };
      log.warn('board poll failed; retrying after the interval', { tenantId, board, type: lastError.type });
      await idle(Math.max(config.intervalMs, 60_000));
      continue;
    }
    if (pagesThisRun >= (input.pagesPerRun ?? PAGES_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof boardPollerWorkflow>({ ...input, state, totals });
    }
    if (!more) {
      await idle();
      const current = await settings.boardPollSettings({ tenantId, board });
      if (!current.enabled) return status(); // switched off in config: the worker's start-up no longer ensures it
      Object.assign(config, current);
    }
  }
}
