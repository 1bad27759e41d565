// FROZEN (poller v1): the board steps boardPollerWorkflow ran before the board registry, kept
// verbatim so that runs started before patch `board-poll-step-activity` (and their recorded
// histories) replay and finish with exactly the commands they began with. New runs take the
// board-neutral step in board-poller.ts. Never change what this file schedules.
import { ActivityFailure, ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import type { HandOnCounts } from '../common/board-poll';
import type { PollerState, PollerTotals } from './board-definitions';

/** The v1 poll activities' options, as v1 scheduled them. */
const polling = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes: ['DoumiCursorExpired'] },
});

const HOUR = 3600_000;
/** Spec: a Jianzhimao window is at most 24 h, and closed only when its end is more than 2 minutes past. */
const MAX_WINDOW_MS = 24 * HOUR;
const LATE_ARRIVAL_MS = 2 * 60_000;
const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface V1StepContext {
  tenantId: string;
  board: string;
  state: PollerState;
  totals: PollerTotals;
  /** Read at each step: the poller refreshes its settings after an idle pause. */
  config: { pageSize: number };
  count(r: HandOnCounts): void;
}

/** The v1 step of the context's board; true when there is more to read at once. */
export function v1PollStep(ctx: V1StepContext): () => Promise<boolean> {
  const { tenantId, state, totals, config, count } = ctx;

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

  return ctx.board === 'doumi' ? doumiStep : jianzhimaoStep;
}
