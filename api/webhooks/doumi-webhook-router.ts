// POST /webhooks/doumi/:tenantId: Doumi (斗米) delivers applications here (specs/job-boards.md).
// Signature and timestamp first (401 `{"code":40101|40102}`, nothing kept), then parse, normalise
// and ingest, or quarantine; Doumi is answered 200 `{"code":0}` for everything the hub has kept.
import { Router } from 'express';
import { doumiDeliveryId, parseDoumiWebhook } from '../../connectors/doumi/doumi-webhook';
import { verifyDoumiWebhook } from '../../connectors/doumi/doumi-signature';
import type { ApiDeps } from '../app-deps';
import { rawBody } from '../middleware/body-parsers';
import { processVerifiedDelivery, rawBodyOf, rejectUnverified, requireBoardTenant, webhookTenant } from './board-webhook-support';

export function doumiWebhookRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/webhooks/doumi/:tenantId', requireBoardTenant(deps.config, 'doumi'), rawBody(), async (req, res) => {
    const tenant = webhookTenant(res);
    const credentials = tenant.boards.doumi!;
    const body = rawBodyOf(req);
    const verdict = verifyDoumiWebhook({
      secret: credentials.webhookSecret,
      timestampHeader: req.get('x-dm-timestamp'),
      signatureHeader: req.get('x-dm-signature'),
      rawBody: body,
    });
    if (!verdict.ok) {
      rejectUnverified(deps, tenant, 'doumi', verdict.reason);
      // Doumi's own codes: 40102 for the clock, 40101 for everything else about the signature.
      const stale = verdict.reason.includes('±300');
      res.status(401).json({ code: stale ? 40102 : 40101, msg: stale ? 'timestamp outside ±300 s' : 'bad signature' });
      return;
    }
    const result = await processVerifiedDelivery(deps, {
      tenant,
      board: 'doumi',
      parsed: parseDoumiWebhook(tenant.id, body, req.get('x-dm-event')),
      rawBody: body,
      contentType: req.get('content-type') ?? 'application/json',
      deliveryId: doumiDeliveryId(req.get('x-dm-delivery'), body),
    });
    if (!result.ok) {
      res.status(503).set('Retry-After', '10').json({ code: 50000, msg: 'temporarily unavailable; redeliver' });
      return;
    }
    res.status(200).json({ code: 0 });
  });
  return router;
}
