// POST /webhooks/{board}/:tenantId for one partner board (specs/job-boards.md): the board's
// contract verifies the signature and timestamp first (its 401 reply, nothing kept), then parses
// the delivery, which is ingested or quarantined; the board gets its "accepted" reply for
// everything the hub has kept, and its "unavailable" reply (so that it redelivers) otherwise.
import { Router, type Response } from 'express';
import type { WebhookReply } from '../../connectors/board-contract';
import { boardContract, type PartnerBoard } from '../../connectors/board-registry';
import type { ApiDeps } from '../app-deps';
import { rawBody } from '../middleware/body-parsers';
import { processVerifiedDelivery, rawBodyOf, rejectUnverified, requireBoardTenant, webhookTenant } from './board-webhook-support';

/** A reply in the board's own words: a string as text/plain, an object as JSON. */
export function sendBoardReply(res: Response, reply: WebhookReply): void {
  res.status(reply.status).set(reply.headers ?? {});
  if (typeof reply.body === 'string') res.type('text/plain').send(reply.body);
  else res.json(reply.body);
}

export function boardWebhookRouter(deps: ApiDeps, board: PartnerBoard): Router {
  const { webhook } = boardContract(board);
  const router = Router();
  router.post(`/webhooks/${board}/:tenantId`, requireBoardTenant(deps.config, board), rawBody(), async (req, res) => {
    const tenant = webhookTenant(res);
    const request = { rawBody: rawBodyOf(req), header: (name: string) => req.get(name) };
    const verdict = webhook.verify(request, tenant.boards[board]);
    if (!verdict.ok) {
      rejectUnverified(deps, tenant, board, verdict.reason);
      sendBoardReply(res, verdict.staleClock ? webhook.replies.staleClock : webhook.replies.badSignature);
      return;
    }
    const { parsed, deliveryId } = webhook.parse(tenant.id, request);
    const result = await processVerifiedDelivery(deps, {
      tenant,
      board,
      parsed,
      rawBody: request.rawBody,
      contentType: req.get('content-type') ?? webhook.contentType,
      deliveryId,
    });
    sendBoardReply(res, result.ok ? webhook.replies.accepted : webhook.replies.unavailable);
  });
  return router;
}
