// The durable poller of one tenant's board: a long-running workflow (continue-as-new) whose state
// is the board's cursor or time window. It advances only after the activity that read a page has
// handed every record on, so a crash mid-page re-reads that page (harmless: ingestion dedupes).
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import {
  getPollerStatusQuery,
  pollNowSignal,
  type BoardPollerInput,
  type BoardPollerStatus,
  type PollerState,
  type PollerTotals,
} from './board-definitions';

/** Reading one page and handing it on: heartbeats per record, retried with backoff without limit
 * (a board down for hours must not end the poller); rate limits wait for the board's Retry-After. */
const polling = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes: ['DoumiCursorExpired'] },
});
const settings = proxyActivities<CandidateActivities>({ startToCloseTimeout: '30s', retry: { maximumInterval: '1m' } });

/** Continue-as-new after this many pages by default, keeping history short. */
const PAGES_PER_RUN = 200;
const HOUR = 3600_000;
/** Spec: a Jianzhimao window is at most 24 h, and closed only when its end is more than 2 minutes past. */
const MAX_WINDOW_MS = 24 * HOUR;
const LATE_ARRIVAL_MS = 2 * 60_000;

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

  const config = await settings.boardPollSettings({ tenantId, board });
  // A new poller starts `lookback` ago; one continued as new carries its position over.
  state.updatedAfter ??= iso(Date.now() - config.lookbackMs);
  state.windowStart ??= iso(floorToSecond(Date.now() - config.lookbackMs));

  const count = (r: { received: number; ingested: number; duplicates: number; withdrawn: number; quarantined: number }) => {
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

  /** One step of Doumi's cursor model; true when there is more to read at once. */
  async function doumiStep(): Promise<boolean> {
    try {
      const r = await polling.pollDoumiPage({ tenantId, cursor: state.cursor, updatedAfter: state.updatedAfter ?? iso(Date.now()), pageSize: config.pageSize });
      count(r);
      // Only now, with the page handed on, does the poller move past it.
      state.cursor = r.nextCursor;
      // The restart point for 40010, one second early: records sharing that updatedAt are re-read, not skipped.
      if (r.lastUpdatedAt) state.updatedAfter = iso(Math.max(Date.parse(r.lastUpdatedAt) - 1000, Date.parse(state.updatedAfter ?? r.lastUpdatedAt)));
      return r.hasMore;
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'DoumiCursorExpired') {
        log.info('doumi cursor expired; restarting from updatedAfter', { tenantId, updatedAfter: state.updatedAfter });
        state.cursor = null;
        totals.cursorResets++;
        return true;
      }
      throw err;
    }
  }

  /** One step of Jianzhimao's window model; true when there is more to read at once. */
  async function jianzhimaoStep(): Promise<boolean> {
    const now = floorToSecond(Date.now());
    const start = Date.parse(state.windowStart!);
    // Close windows as soon as they can be closed (end > 2 min past); the last 2 minutes are read
    // as an open window that is read again next time, so a late resume is still found.
    const closable = now - LATE_ARRIVAL_MS - 1000;
    const closing = start <= closable;
    const end = closing ? Math.min(start + MAX_WINDOW_MS - 1000, closable) : now;
    if (end < start) return false;
    const r = await polling.pollJianzhimaoPage({ tenantId, windowStart: iso(start), windowEnd: iso(end), pageNo: state.pageNo, pageSize: config.pageSize });
    count(r);
    if (state.pageNo * config.pageSize < r.total) {
      state.pageNo++;
      return true;
    }
    state.pageNo = 1;
    if (!closing) return false; // open window: read again after the interval
    state.windowStart = iso(end + 1000);
    return true;
  }

  for (;;) {
    let more: boolean;
    try {
      more = board === 'doumi' ? await doumiStep() : await jianzhimaoStep();
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
