// Hands the records of one polled page on, one by one, through the same path as webhooks
// (intake/board-delivery): ingested, withdrawal signalled, or quarantined. Only a failure to hand
// on (database, Temporal) throws, so a poll activity returns only once its whole page is safe.
import { Context } from '@temporalio/activity';
import { contentDeliveryId, type ParsedDelivery } from '../common/board-delivery';
import type { HandOnCounts } from '../common/board-poll';
import { requireTenant } from '../common/config';
import { IngestionSource } from '../common/ingestion';
import type { PartnerBoard } from '../connectors/board-registry';
import { handleBoardDelivery } from '../intake/board-delivery';
import type { ActivityDeps } from './deps';

export type { HandOnCounts };

type Outcome = 'ingested' | 'duplicate' | 'withdrawn' | 'quarantined';

export function createPolledHandOn(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'>) {
  async function handOn(tenantId: string, board: PartnerBoard, raw: unknown, parsed: ParsedDelivery): Promise<Outcome> {
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

  /** Every record of a page, parsed by `parse` (the board's poll item parser), counted by outcome. */
  return async function handOnPage(tenantId: string, board: PartnerBoard, records: readonly unknown[], parse: (raw: unknown) => ParsedDelivery): Promise<HandOnCounts> {
    const counts: HandOnCounts = { received: records.length, ingested: 0, duplicates: 0, withdrawn: 0, quarantined: 0 };
    for (const [i, raw] of records.entries()) {
      const outcome = await handOn(tenantId, board, raw, parse(raw));
      if (outcome === 'ingested') counts.ingested++;
      else if (outcome === 'duplicate') counts.duplicates++;
      else if (outcome === 'withdrawn') counts.withdrawn++;
      else counts.quarantined++;
      // Proof of life per record: a worker that dies mid-page is noticed within the heartbeat timeout.
      Context.current().heartbeat({ handedOn: i + 1, of: records.length });
    }
    return counts;
  };
}
