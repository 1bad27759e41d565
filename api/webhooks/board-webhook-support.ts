// What every board's webhook route shares: the tenant named in the path must exist and have that
// board configured (otherwise 404), and the body arrives as raw bytes (max 1 MB, else 413) for the
// board connector to verify its signature over exactly what was sent.
import type { RequestHandler, Response } from 'express';
import { findTenant, type HubConfig, type TenantConfig } from '../../common/config';
import { ApiError, ApiErrorKind, notFound } from '../http-errors';

export type WebhookBoard = 'doumi' | 'jianzhimao';

/** 404 unless the path's tenant exists and has this board configured; sets res.locals.tenant. */
export function requireBoardTenant(config: HubConfig, board: WebhookBoard): RequestHandler {
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

/** Stands in for a board's verify-and-ingest handler until its connector exists (issue #3). */
export const notImplementedYet: RequestHandler = (_req, _res, next) => {
  next(new ApiError(ApiErrorKind.NOT_IMPLEMENTED, 'NotImplemented', 'board webhook verification arrives with the job-board connectors'));
};
