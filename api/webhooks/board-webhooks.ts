// The inbound board webhooks: one router per board of the registry (connectors/board-registry.ts).
import type { Router } from 'express';
import { PARTNER_BOARDS } from '../../connectors/board-registry';
import type { ApiDeps } from '../app-deps';
import { boardWebhookRouter } from './board-webhook-router';

export function boardWebhookRouters(deps: ApiDeps): Router[] {
  return PARTNER_BOARDS.map((board) => boardWebhookRouter(deps, board));
}
