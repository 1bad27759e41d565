// What every board's webhook route shares: the tenant named in the path must exist and have that
// board configured (otherwise 404), and the body arrives as raw bytes (max 1 MB, else 413) for the
// board connector to verify its signature over exactly what was sent. After verification, the
// delivery goes through intake/board-delivery.ts, and the outcome is logged and counted.
import type { Request, RequestHandler, Response } from 'express';
import { findTenant, type HubConfig, type TenantConfig } from '../../common/config';
import { ErrorKind, HubError } from '../../common/errors';
import { webhookDeliveriesTotal } from '../../common/metrics';
import { handleBoardDelivery, type DeliveryOutcome } from '../../intake/board-delivery';
import type { ApiDeps } from '../app-deps';
import { notFound } from '../http-errors';
import type { ParsedDelivery } from '../../common/board-delivery';
import { IngestionSource } from '../../common/ingestion';
import type { PartnerBoard } from '../../connectors/board-registry';

/** 404 unless the path's tenant exists and has this board configured; sets res.locals.tenant. */
export function requireBoardTenant(config: HubConfig, board: PartnerBoard): RequestHandler {
  return (req, res, next) => {
    const tenantId = req.params.tenantId;
    const tenant = typeof tenantId === 'string' ? findTenant(config, tenantId) : undefined;
    if (!tenant || !tenant.boards[board]) {
      next(notFound(`no ${board} webhook for tenant "${String(tenantId)}"`));
      return;
    }
    res.locals.tenant = tenant;
    next();
  };
}

export function webhookTenant(res: Response): TenantConfig {
  const tenant = res.locals.tenant as TenantConfig | undefined;
  if (!tenant) throw new Error('webhookTenant used on a route without requireBoardTenant');
  return tenant;
}

/** The raw body express.raw() left in req.body (an empty buffer when there was none). */
export function rawBodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/** A delivery that failed verification: counted and logged with the reason, nothing kept. */
export function rejectUnverified(deps: ApiDeps, tenant: TenantConfig, board: PartnerBoard, reason: string): void {
  webhookDeliveriesTotal.inc({ tenant: tenant.id, board, outcome: 'unauthorized' });
  deps.logger.warn({ tenant: tenant.id, board, reason }, 'board webhook rejected: verification failed');
}

export type WebhookResult = { ok: true; outcome: DeliveryOutcome } | { ok: false; retryable: true };

/**
 * Hands a verified delivery on. `ok: false` means the hub could not keep it durably in a usable
 * state (Temporal unavailable): the caller answers with a non-success status so the board redelivers.
 */
export async function processVerifiedDelivery(
  deps: ApiDeps,
  input: { tenant: TenantConfig; board: PartnerBoard; parsed: ParsedDelivery; rawBody: Buffer; contentType?: string; deliveryId: string },
): Promise<WebhookResult> {
  const { tenant, board } = input;
  try {
    const outcome = await handleBoardDelivery(
      { client: deps.client, store: deps.store, logger: deps.logger, ...(deps.taskQueue ? { taskQueue: deps.taskQueue } : {}) },
      {
        tenant,
        board,
        source: IngestionSource.WEBHOOK,
        parsed: input.parsed,
        raw: { bytes: input.rawBody, deliveryId: input.deliveryId, ...(input.contentType ? { contentType: input.contentType } : {}) },
      },
    );
    const label = outcome.kind === 'ingested' ? outcome.result.outcome : outcome.kind;
    webhookDeliveriesTotal.inc({ tenant: tenant.id, board, outcome: label });
    deps.logger.info(
      { tenant: tenant.id, board, deliveryId: input.deliveryId, outcome: label, ...('workflowId' in outcome ? { workflowId: outcome.workflowId } : {}), ...(outcome.kind === 'ingested' ? { workflowId: outcome.result.workflowId } : {}) },
      'board webhook accepted',
    );
    return { ok: true, outcome };
  } catch (err) {
    if (err instanceof HubError && err.kind === ErrorKind.TRANSIENT) {
      webhookDeliveriesTotal.inc({ tenant: tenant.id, board, outcome: 'unavailable' });
      deps.logger.error({ tenant: tenant.id, board, deliveryId: input.deliveryId, code: err.code }, 'board webhook not accepted: Temporal unavailable; the board will redeliver');
      return { ok: false, retryable: true };
    }
    throw err;
  }
}
