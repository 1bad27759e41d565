// Everything under /api/v1: tenant API key first, then JSON bodies, then the resource routers.
import { Router } from 'express';
import type { ApiDeps } from '../app-deps';
import type { CandidateWorkflows } from '../candidate-workflows';
import { apiKeyAuth } from '../middleware/api-key-auth';
import { jsonBody } from '../middleware/body-parsers';
import { applicationsRouter } from './applications-router';
import { candidateActionsRouter } from './candidate-actions-router';
import { candidatesRouter } from './candidates-router';
import { quarantineRouter } from './quarantine-router';

export function apiV1Router(deps: ApiDeps, workflows: CandidateWorkflows): Router {
  const router = Router();
  router.use(apiKeyAuth(deps.config), jsonBody());
  router.use(applicationsRouter(deps));
  router.use(candidatesRouter(deps, workflows));
  router.use(candidateActionsRouter(workflows));
  router.use(quarantineRouter(deps));
  return router;
}
