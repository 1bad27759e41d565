// FROZEN (poller v1): the two board-named poll activities that boardPollerWorkflow called before
// the board registry (patch `board-poll-step-activity`, workflows/board-poller.ts). A poller run
// started before that patch keeps calling them until it continues as new, so the worker keeps
// them registered, unchanged in name, input and result. New runs call pollBoardPage instead.
// Remove this file once no run of the v1 poller is open (README, "Polling" → "Versioned").
import { isoWithOffsetToUtc, utcToBeijingTime } from '../common/board-times';
import type { HandOnCounts } from '../common/board-poll';
import { doumiItemDelivery } from '../connectors/doumi/doumi-webhook';
import { jianzhimaoItemDelivery } from '../connectors/jianzhimao/jianzhimao-webhook';
import { createBoardClients, toBoardFailure, type BoardClients } from './board-clients';
import { createPolledHandOn } from './board-hand-on';
import type { ActivityDeps } from './deps';

export interface DoumiPollInput {
  tenantId: string;
  /** Continue from this cursor; null: start from `updatedAfter`. */
  cursor: string | null;
  /** Where to (re)start without a cursor: the last `updatedAt` seen, or the poller's start. */
  updatedAfter: string;
  pageSize: number;
}

export interface DoumiPollResult extends HandOnCounts {
  nextCursor: string;
  hasMore: boolean;
  /** The latest `updatedAt` on the page (UTC), for the 40010 fallback. */
  lastUpdatedAt: string | null;
}

export interface JianzhimaoPollInput {
  tenantId: string;
  /** The window, UTC ISO; sent to the board as Beijing time, both ends inclusive to the second. */
  windowStart: string;
  windowEnd: string;
  pageNo: number;
  pageSize: number;
}

export interface JianzhimaoPollResult extends HandOnCounts {
  total: number;
}

export function createBoardPollV1Activities(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'> & { boardClients?: BoardClients }) {
  const clients = deps.boardClients ?? createBoardClients(deps.config);
  const handOnPage = createPolledHandOn(deps);

  return {
    async pollDoumiPage(input: DoumiPollInput): Promise<DoumiPollResult> {
      const client = clients.get('doumi', input.tenantId);
      let page;
      try {
        page = await client.readPage(input.cursor ? { cursor: input.cursor } : { updatedAfter: input.updatedAfter }, input.pageSize);
      } catch (err) {
        throw toBoardFailure(err);
      }
      let lastUpdatedAt: string | null = null;
      for (const raw of page.records) {
        const updatedAt = isoWithOffsetToUtc((raw as { updatedAt?: unknown } | null)?.updatedAt);
        if (updatedAt && (!lastUpdatedAt || updatedAt > lastUpdatedAt)) lastUpdatedAt = updatedAt;
      }
      const counts = await handOnPage(input.tenantId, 'doumi', page.records, (raw) => doumiItemDelivery(input.tenantId, raw));
      deps.logger.debug({ tenantId: input.tenantId, board: 'doumi', ...counts, hasMore: page.hasMore }, 'doumi page handed on');
      return { ...counts, nextCursor: page.nextCursor, hasMore: page.hasMore, lastUpdatedAt };
    },

    async pollJianzhimaoPage(input: JianzhimaoPollInput): Promise<JianzhimaoPollResult> {
      const client = clients.get('jianzhimao', input.tenantId);
      let page;
      try {
        page = await client.listResumes({
          start_time: utcToBeijingTime(input.windowStart),
          end_time: utcToBeijingTime(input.windowEnd),
          page_no: input.pageNo,
          page_size: input.pageSize,
        });
      } catch (err) {
        throw toBoardFailure(err);
      }
      const counts = await handOnPage(input.tenantId, 'jianzhimao', page.list, (raw) => jianzhimaoItemDelivery(input.tenantId, raw));
      deps.logger.debug({ tenantId: input.tenantId, board: 'jianzhimao', ...counts, total: page.total, pageNo: input.pageNo }, 'jianzhimao page handed on');
      return { ...counts, total: page.total };
    },
  };
}
