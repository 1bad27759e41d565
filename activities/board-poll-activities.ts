// Poll activities: read ONE page from a board's API, through the board's contract (registry), and
// hand every record on (ingested as a candidate workflow, a withdrawal signalled, or quarantined)
// before returning, so the poller workflow adopts the next position only past records that are
// safe. Re-reading a page is harmless: ingestion is idempotent (workflow ID + USE_EXISTING) and the
// quarantine dedupes by delivery key.
import type { HandOnCounts, PollPosition } from '../common/board-poll';
import { requireTenant } from '../common/config';
import { configError } from '../common/errors';
import { boardContract, type PartnerBoard } from '../connectors/board-registry';
import { createBoardClients, toBoardFailure, type BoardClients } from './board-clients';
import { createPolledHandOn } from './board-hand-on';
import type { ActivityDeps } from './deps';

export interface BoardPollInput {
  tenantId: string;
  board: PartnerBoard;
  position: PollPosition;
  pageSize: number;
  /** The workflow's clock, so that a board paging by time reads the windows the workflow means. */
  nowMs: number;
}

/** `page`: handed on, continue from `position`; `restart`: the board refused the position, nothing read; `wait`: nothing to read yet. */
export type BoardPollResult =
  | ({ kind: 'page'; position: PollPosition; more: boolean } & HandOnCounts)
  | { kind: 'restart'; position: PollPosition; reason: string }
  | { kind: 'wait' };

export interface BoardPollSettings {
  enabled: boolean;
  intervalMs: number;
  pageSize: number;
  lookbackMs: number;
}

export function createBoardPollActivities(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'> & { boardClients?: BoardClients }) {
  const clients = deps.boardClients ?? createBoardClients(deps.config);
  const handOnPage = createPolledHandOn(deps);

  return {
    /** The poller's settings, read from config on each run and after each idle pause. */
    async boardPollSettings({ tenantId, board }: { tenantId: string; board: PartnerBoard }): Promise<BoardPollSettings> {
      const boardConfig = requireTenant(deps.config, tenantId).boards[board];
      if (!boardConfig) throw configError('BoardNotConfigured', `tenant "${tenantId}" has no ${board} credentials`);
      const { enabled, interval, pageSize, lookback } = boardConfig.poll;
      return { enabled, intervalMs: interval, pageSize, lookbackMs: lookback };
    },

    /** One step of any board's poller: the board's poll step reads a page, the hub hands it on. */
    async pollBoardPage({ tenantId, board, position, pageSize, nowMs }: BoardPollInput): Promise<BoardPollResult> {
      const { poll } = boardContract(board);
      let page;
      try {
        page = await poll.readPage(clients.get(board, tenantId), { position, pageSize, nowMs });
      } catch (err) {
        throw toBoardFailure(err);
      }
      if (page.kind === 'wait') return page;
      if (page.kind === 'restart') return { kind: 'restart', position: page.next, reason: page.reason };
      const counts = await handOnPage(tenantId, board, page.records, (raw) => poll.parseItem(tenantId, raw));
      deps.logger.debug({ tenantId, board, ...counts, ...page.summary }, 'board page handed on');
      return { kind: 'page', position: page.next, more: page.more, ...counts };
    },
  };
}
