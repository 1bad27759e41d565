// The registry of inbound board webhooks: one router per board; a new board adds one line here.
import type { Router } from 'express';
import type { ApiDeps } from '../app-deps';
import { doumiWebhookRouter } from './doumi-webhook-router';
import { jianzhimaoWebhookRouter } from './jianzhimao-webhook-router';

export function boardWebhookRouters(deps: ApiDeps): Router[] {
  return [doumiWebhookRouter(deps), jianzhimaoWebhookRouter(deps)];
}
