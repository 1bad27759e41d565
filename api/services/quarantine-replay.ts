// Replays a quarantined delivery: its stored raw payload is parsed again by the board connector
// against the CURRENT configuration (e.g. after the missing job was added), then applied through
// the same path as a fresh delivery. Still unusable → 422 naming the problem, and the entry stays.
import type { TenantConfig } from '../../common/config';
import { PayloadProblem, payloadError } from '../../common/board-payload';
import { ErrorKind, HubError } from '../../common/errors';
import { IngestionSource } from '../../common/ingestion';
import { parseJsonText } from '../../common/json-text';
import { parseCsvRow } from '../../intake/csv-import';
import type { CsvRowPayload } from '../../intake/csv-columns';
import { boardContract, isPartnerBoard } from '../../connectors/board-registry';
import type { QuarantineEntry } from '../../connectors/hub-db';
import { applyDelivery, applyEarlyWithdrawals } from '../../intake/board-delivery';
import type { ApiDeps } from '../app-deps';
import { ApiError, ApiErrorKind, notFound } from '../http-errors';
import type { ReplayResult } from '../schemas/quarantine-schemas';
import type { ParsedDelivery } from '../../common/board-delivery';

/**
 * The stored bytes as the board's contract reads them. Webhooks keep the request body (whose
 * signature was checked on arrival), read by the board's webhook parser; a poll keeps the item's
 * JSON, read by its poll item parser; a CSV row keeps CsvRowPayload as JSON.
 */
export function reparseQuarantined(tenantId: string, entry: Pick<QuarantineEntry, 'board' | 'source'>, raw: Buffer): ParsedDelivery {
  const contract = isPartnerBoard(entry.board) ? boardContract(entry.board) : undefined;
  if (entry.source === IngestionSource.WEBHOOK && contract) return contract.webhook.reparse(tenantId, raw);
  const json = parseJsonText(raw.toString('utf8'));
  if (!json.ok) return { ok: false, error: payloadError(PayloadProblem.INVALID_JSON, [`payload: ${json.problem}`]) };
  if (entry.source === IngestionSource.POLL && contract) return contract.poll.parseItem(tenantId, json.value);
  if (entry.source === IngestionSource.CSV) return parseCsvRow(tenantId, json.value as CsvRowPayload);
  return { ok: false, error: payloadError(PayloadProblem.INVALID_PAYLOAD, [`board ${entry.board} / source ${entry.source}: no reader for this entry`]) };
}

export async function replayQuarantined(deps: ApiDeps, tenant: TenantConfig, id: string): Promise<ReplayResult> {
  const entry = await deps.store.quarantine.get(tenant.id, id);
  if (!entry) throw notFound('quarantine entry not found');
  const parsed = reparseQuarantined(tenant.id, entry, entry.rawPayload);
  try {
    if (!parsed.ok) throw parsed.error;
    const intakeDeps = { client: deps.client, store: deps.store, logger: deps.logger, ...(deps.taskQueue ? { taskQueue: deps.taskQueue } : {}) };
    const outcome = await applyDelivery(
      intakeDeps,
      tenant,
      parsed.delivery,
      'replay',
    );
    const workflowId = outcome.kind === 'ingested' ? outcome.result.workflowId : outcome.workflowId;
    await deps.store.quarantine.markReplayed(tenant.id, id, { workflowId });
    // A withdrawal that was kept while this application waited in the quarantine applies now.
    if (outcome.kind === 'ingested' && outcome.result.outcome === 'new' && parsed.delivery.kind === 'application') {
      const { board, applicationId } = parsed.delivery.application;
      await applyEarlyWithdrawals(intakeDeps, tenant, board, applicationId, workflowId);
    }
    deps.logger.info({ tenant: tenant.id, board: entry.board, quarantineId: id, workflowId }, 'quarantined delivery replayed');
    return { id, status: 'replayed', outcome: outcome.kind === 'ingested' ? outcome.result.outcome : outcome.kind, workflowId };
  } catch (err) {
    if (err instanceof HubError && err.kind === ErrorKind.INVALID) {
      const problems = Array.isArray(err.details?.problems) ? (err.details.problems as string[]) : [err.message];
      await deps.store.quarantine.recordReplayFailure(tenant.id, id, { reason: err.code, problems });
      throw new ApiError(ApiErrorKind.UNPROCESSABLE, err.code, `still unusable: ${err.message}`, {
        issues: problems.map((p) => {
          const colon = p.indexOf(': ');
          return colon > 0 ? { path: p.slice(0, colon), message: p.slice(colon + 2) } : { path: '', message: p };
        }),
      });
    }
    throw err;
  }
}
