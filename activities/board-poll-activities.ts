// Poll activities: read ONE page from a board's API and hand every record on (ingested as a
// candidate workflow, a withdrawal signalled, or quarantined) before returning, so the poller
// workflow advances its cursor only past records that are safe. Re-reading a page is harmless:
// ingestion is idempotent (workflow ID + USE_EXISTING) and the quarantine dedupes by delivery key.
import { Context } from '@temporalio/activity';
import { requireTenant } from '../common/config';
import { isoWithOffsetToUtc, utcToBeijingTime } from '../common/board-times';
import { configError } from '../common/errors';
import { Board } from '../common/types';
import { doumiItemDelivery } from '../connectors/doumi/doumi-webhook';
import { jianzhimaoItemDelivery } from '../connectors/jianzhimao/jianzhimao-webhook';
import { handleBoardDelivery } from '../intake/board-delivery';
import { createBoardClients, toBoardFailure, type BoardClients } from './board-clients';
import type { ActivityDeps } from './deps';
import { IngestionSource } from '../common/ingestion';
import { type ParsedDelivery, contentDeliveryId } from '../common/board-delivery';

export interface DoumiPollInput {
  tenantId: string;
  /** Continue from this cursor; null: start from `updatedAfter`. */
  cursor: string | null;
  /** Where to (re)start without a cursor: the last `updatedAt` seen, or the poller's start. */
  updatedAfter: string;
  pageSize: number;
}

export interface HandOnCounts {
  received: number;
  ingested: number;
  duplicates: number;
  withdrawn: number;
  quarantined: number;
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

type Outcome = 'ingested' | 'duplicate' | 'withdrawn' | 'quarantined';

export function createBoardPollActivities(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'> & { boardClients?: BoardClients }) {
  const clients = deps.boardClients ?? createBoardClients(deps.config);

  /**
   * Hands one polled record on through the same path as webhooks (intake/board-delivery):
   * ingested, withdrawal signalled, or quarantined. Only a failure to hand on (database, Temporal) throws.
   */
  async function handOn(tenantId: string, board: Board, raw: unknown, parsed: ParsedDelivery): Promise<Outcome> {
    const tenant = requireTenant(deps.config, tenantId);
    const bytes = Buffer.from(JSON.stringify(raw) ?? 'null', 'utf8');
    const ctx = Context.current();
    const outcome = await handleBoardDelivery(
      { client: ctx.client, store: deps.store, taskQueue: ctx.info.taskQueue, logger: deps.logger, temporalTimeoutMs: 30_000 },
      {
        tenant,
        board,
        source: IngestionSource.POLL,
        parsed,
        // The same item polled again (overlap, re-read page) has the same bytes: kept once if quarantined.
        raw: { bytes, contentType: 'application/json', deliveryId: contentDeliveryId(`${board}-poll`, bytes) },
      },
    );
    if (outcome.kind === 'ingested') return outcome.result.outcome === 'new' ? 'ingested' : 'duplicate';
    if (outcome.kind === 'quarantined') return 'quarantined';
    return 'withdrawn';
  }

  async function handOnAll<T>(records: readonly T[], one: (record: T) => Promise<Outcome>): Promise<HandOnCounts> {
    const counts: HandOnCounts = { received: records.length, ingested: 0, duplicates: 0, withdrawn: 0, quarantined: 0 };
    for (const [i, record] of records.entries()) {
      const outcome = await one(record);
      if (outcome === 'ingested') counts.ingested++;
      else if (outcome === 'duplicate') counts.duplicates++;
      else if (outcome === 'withdrawn') counts.withdrawn++;
      else counts.quarantined++;
      // Proof of life per record: a worker that dies mid-page is noticed within the heartbeat timeout.
      Context.current().heartbeat({ handedOn: i + 1, of: records.length });
    }
    return counts;
  }

  return {
    /** The poller's settings, read from config on each run and after each idle pause. */
    async boardPollSettings({ tenantId, board }: { tenantId: string; board: 'doumi' | 'jianzhimao' }): Promise<{ enabled: boolean; intervalMs: number; pageSize: number; lookbackMs: number }> {
      const boardConfig = requireTenant(deps.config, tenantId).boards[board];
      if (!boardConfig) throw configError('BoardNotConfigured', `tenant "${tenantId}" has no ${board} credentials`);
      const { enabled, interval, pageSize, lookback } = boardConfig.poll;
      return { enabled, intervalMs: interval, pageSize, lookbackMs: lookback };
    },

    async pollDoumiPage(input: DoumiPollInput): Promise<DoumiPollResult> {
      const client = clients.doumi(input.tenantId);
      let page;
      try {
        page = await client.readPage(input.cursor ? { cursor: input.cursor } : { updatedAfter: input.updatedAfter }, input.pageSize);
      } catch (err) {
        throw toBoardFailure(err);
      }
      let lastUpdatedAt: string | null = null;
      const counts = await handOnAll(page.records, (raw) => {
        const updatedAt = isoWithOffsetToUtc((raw as { updatedAt?: unknown } | null)?.updatedAt);
        if (updatedAt && (!lastUpdatedAt || updatedAt > lastUpdatedAt)) lastUpdatedAt = updatedAt;
        return handOn(input.tenantId, Board.DOUMI, raw, doumiItemDelivery(input.tenantId, raw));
      });
      deps.logger.debug({ tenantId: input.tenantId, board: 'doumi', ...counts, hasMore: page.hasMore }, 'doumi page handed on');
      return { ...counts, nextCursor: page.nextCursor, hasMore: page.hasMore, lastUpdatedAt };
    },

    async pollJianzhimaoPage(input: JianzhimaoPollInput): Promise<JianzhimaoPollResult> {
      const client = clients.jianzhimao(input.tenantId);
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
      const counts = await handOnAll(page.list, (raw) => handOn(input.tenantId, Board.JIANZHIMAO, raw, jianzhimaoItemDelivery(input.tenantId, raw)));
      deps.logger.debug({ tenantId: input.tenantId, board: 'jianzhimao', ...counts, total: page.total, pageNo: input.pageNo }, 'jianzhimao page handed on');
      return { ...counts, total: page.total };
    },
  };
}
