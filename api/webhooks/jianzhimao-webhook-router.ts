// POST /webhooks/jianzhimao/:tenantId: Jianzhimao (兼职猫) delivers applications here (specs/job-boards.md).
// Seam for issue #3: replace notImplementedYet with a handler that verifies the request with the
// jianzhimao connector, parses the raw body (req.body is a Buffer) into a CanonicalApplication, and
// passes it to ingestApplication(..., 'webhook').
import { Router } from 'express';
import type { ApiDeps } from '../app-deps';
import { rawBody } from '../middleware/body-parsers';
import { notImplementedYet, requireBoardTenant } from './board-webhook-support';

export function jianzhimaoWebhookRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/webhooks/jianzhimao/:tenantId', requireBoardTenant(deps.config, 'jianzhimao'), rawBody(), notImplementedYet);
  return router;
}
