// The quarantine of the caller's tenant: GET /quarantine (paged, by board and status),
// GET /quarantine/:id (payload only with include=payload, logged), POST /quarantine/:id/replay
// and POST /quarantine/:id/discard (a person decides an entry cannot be used; it is kept).
import { Router } from 'express';
import type { ApiDeps } from '../app-deps';
import { ApiError, ApiErrorKind, notFound } from '../http-errors';
import { callerTenant } from '../middleware/api-key-auth';
import { DiscardRequestSchema, QuarantineEntryQuerySchema, QuarantineIdParams, QuarantineListQuerySchema } from '../schemas/quarantine-schemas';
import { replayQuarantined } from '../services/quarantine-replay';
import { parseRequest } from '../validation';

export function quarantineRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/quarantine', async (req, res) => {
    const { limit, cursor, board, status, reason } = parseRequest(QuarantineListQuerySchema, req.query, 'query');
    res.json(
      await deps.store.quarantine.list(callerTenant(res).id, { limit, ...(cursor ? { cursor } : {}), ...(board ? { board } : {}), ...(status ? { status } : {}), ...(reason ? { reason } : {}) }),
    );
  });

  router.get('/quarantine/:id', async (req, res) => {
    const { id } = parseRequest(QuarantineIdParams, req.params, 'path');
    const { include } = parseRequest(QuarantineEntryQuerySchema, req.query, 'query');
    const tenant = callerTenant(res);
    const entry = await deps.store.quarantine.get(tenant.id, id);
    if (!entry) throw notFound('quarantine entry not found');
    const { rawPayload, ...summary } = entry;
    if (include !== 'payload') {
      res.json(summary);
      return;
    }
    // Personal data leaves the hub here: who read which entry is logged (not what it held).
    deps.logger.info({ tenant: tenant.id, quarantineId: id, requestId: String(req.id) }, 'quarantined payload read');
    const utf8 = rawPayload.toString('utf8');
    const isUtf8 = Buffer.from(utf8, 'utf8').equals(rawPayload);
    res.set('Cache-Control', 'no-store').json({ ...summary, payload: isUtf8 ? { encoding: 'utf-8', data: utf8 } : { encoding: 'base64', data: rawPayload.toString('base64') } });
  });

  router.post('/quarantine/:id/discard', async (req, res) => {
    const { id } = parseRequest(QuarantineIdParams, req.params, 'path');
    const request = parseRequest(DiscardRequestSchema, req.body, 'body');
    const tenant = callerTenant(res);
    const entry = await deps.store.quarantine.get(tenant.id, id);
    if (!entry) throw notFound('quarantine entry not found');
    if (!(await deps.store.quarantine.markDiscarded(tenant.id, id, { by: request.by, note: request.note }))) {
      throw new ApiError(ApiErrorKind.CONFLICT, 'NotOpen', `only open entries can be discarded; this one is ${entry.status}`);
    }
    deps.logger.info({ tenant: tenant.id, quarantineId: id, reason: entry.reason }, 'quarantined delivery discarded');
    const { rawPayload: _payload, ...summary } = (await deps.store.quarantine.get(tenant.id, id))!;
    res.json(summary);
  });

  router.post('/quarantine/:id/replay', async (req, res) => {
    const { id } = parseRequest(QuarantineIdParams, req.params, 'path');
    res.json(await replayQuarantined(deps, callerTenant(res), id));
  });

  return router;
}
