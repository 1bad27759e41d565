// POST /webhooks/jianzhimao/:tenantId: Jianzhimao (兼职猫) delivers resumes here (specs/job-boards.md).
// Form fields, then sign and timestamp first (401 plain `fail`, nothing kept), then parse,
// normalise and ingest, or quarantine; Jianzhimao is answered 200 plain `success` for what is kept.
import { Router } from 'express';
import { jianzhimaoDeliveryId, parseJianzhimaoForm, parseJianzhimaoWebhook, verifyJianzhimaoWebhook } from '../../connectors/jianzhimao/jianzhimao-webhook';
import type { ApiDeps } from '../app-deps';
import { rawBody } from '../middleware/body-parsers';
import { processVerifiedDelivery, rawBodyOf, rejectUnverified, requireBoardTenant, webhookTenant } from './board-webhook-support';

export function jianzhimaoWebhookRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/webhooks/jianzhimao/:tenantId', requireBoardTenant(deps.config, 'jianzhimao'), rawBody(), async (req, res) => {
    const tenant = webhookTenant(res);
    const body = rawBodyOf(req);
    const fields = parseJianzhimaoForm(body);
    const verdict = verifyJianzhimaoWebhook(fields, tenant.boards.jianzhimao!);
    if (!verdict.ok) {
      rejectUnverified(deps, tenant, 'jianzhimao', verdict.reason);
      res.status(401).type('text/plain').send('fail');
      return;
    }
    const result = await processVerifiedDelivery(deps, {
      tenant,
      board: 'jianzhimao',
      parsed: parseJianzhimaoWebhook(tenant.id, fields),
      rawBody: body,
      contentType: req.get('content-type') ?? 'application/x-www-form-urlencoded',
      deliveryId: jianzhimaoDeliveryId(fields),
    });
    if (!result.ok) {
      res.status(503).type('text/plain').send('fail');
      return;
    }
    res.status(200).type('text/plain').send('success');
  });
  return router;
}
