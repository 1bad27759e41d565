// Replays a quarantined delivery: its stored raw payload is parsed again by the board connector
// against the CURRENT configuration (e.g. after the missing job was added), then applied through
// the same path as a fresh delivery. Still unusable → 422 naming the problem, and the entry stays.
import type { TenantConfig } from '../../common/config';
import { PayloadProblem, payloadError } from '../../common/board-payload';
import { ErrorKind, HubError } from '../../common/errors';
import { parseJsonText } from '../../common/json-text';
import { Board } from '../../common/types';
import { parseCsvRow } from '../../intake/csv-import';
import type { CsvRowPayload } from '../../intake/csv-columns';
import { doumiItemDelivery, parseDoumiWebhook } from '../../connectors/doumi/doumi-webhook';
import type { QuarantineEntry } from '../../connectors/hub-db';
import { jianzhimaoItemDelivery, parseJianzhimaoForm, parseJianzhimaoWebhook } from '../../connectors/jianzhimao/jianzhimao-webhook';
import { applyDelivery, applyEarlyWithdrawals } from '../../intake/board-delivery';
import type { ApiDeps } from '../app-deps';
import { ApiError, ApiErrorKind, notFound } from '../http-errors';
import type { ReplayResult } from '../schemas/quarantine-schemas';
import type { ParsedDelivery } from '../../common/board-delivery';

/**
 * The stored bytes as the connector reads them. Webhooks keep the request body (Doumi JSON,
 * Jianzhimao form, whose signature was checked on arrival); a poll keeps the item's JSON (a Doumi
 * Application or a Jianzhimao Resume); a CSV row keeps CsvRowPayload as JSON.
 */
export function reparseQuarantined(tenantId: string, entry: Pick<QuarantineEntry, 'board' | 'source'>, raw: Buffer): ParsedDelivery {
  if (entry.source === 'webhook') {
    if (entry.board === Board.DOUMI) return parseDoumiWebhook(tenantId, raw);
    if (entry.board === Board.JIANZHIMAO) return parseJianzhimaoWebhook(tenantId, parseJianzhimaoForm(raw));
  }
  const json = parseJsonText(raw.toString('utf8'));
  if (!json.ok) return { ok: false, error: payloadError(PayloadProblem.INVALID_JSON, [`payload: ${json.problem}`]) };
  if (entry.source === 'poll') {
    if (entry.board === Board.DOUMI) return doumiItemDelivery(tenantId, json.value);
    if (entry.board === Board.JIANZHIMAO) return jianzhimaoItemDelivery(tenantId, json.value);
  }
  if (entry.source === 'csv') return parseCsvRow(tenantId, json.value as CsvRowPayload);
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
