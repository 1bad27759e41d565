// Builds the HireBridge HTTP API (express): board webhooks, the tenant API under /api/v1, the
// candidate's links, health and the OpenAPI document. Pure wiring; it opens no connections itself.
import express from 'express';
import type { ApiDeps } from './app-deps';
import { CandidateWorkflows } from './candidate-workflows';
import { errorHandler } from './middleware/error-handler';
import { routeNotFound } from './middleware/not-found';
import { requestLogger } from './middleware/request-logger';
import { securityHeaders } from './middleware/security-headers';
import { createReadinessProbe } from './readiness';
import { apiV1Router } from './routes/api-v1-router';
import { healthRouter } from './routes/health-router';
import { metricsRouter } from './routes/metrics-router';
import { candidateAssetsRouter } from './routes/candidate-assets-router';
import { interviewRouter } from './routes/interview-router';
import { openApiRouter } from './routes/openapi-router';
import { resultRouter } from './routes/result-router';
import { boardWebhookRouters } from './webhooks/board-webhooks';

export type { ApiDeps } from './app-deps';

export function createApp(deps: ApiDeps): express.Application {
  const app = express();
  const workflows = new CandidateWorkflows(deps.client);

  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(deps.logger), securityHeaders());

  app.use(healthRouter(deps.readiness ?? createReadinessProbe(deps)));
  app.use(openApiRouter(deps.config));
  app.use(metricsRouter(deps));
  app.use(boardWebhookRouters(deps));
  app.use('/api/v1', apiV1Router(deps, workflows));
  const portal = { config: deps.config, workflows, store: deps.store };
  app.use(candidateAssetsRouter());
  app.use(interviewRouter(portal));
  app.use(resultRouter(portal));

  app.use(routeNotFound());
  app.use(errorHandler());
  return app;
}
