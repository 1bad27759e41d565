// POST /api/v1/applications: a canonical application for the caller's tenant (career sites, manual tests).
import { Router } from 'express';
import type { ApiDeps } from '../app-deps';
import { callerTenant } from '../middleware/api-key-auth';
import { ApplicationIntakeSchema } from '../schemas/application-schemas';
import { submitApplication } from '../services/application-intake';
import { parseRequest } from '../validation';

export function applicationsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/applications', async (req, res) => {
    const intake = parseRequest(ApplicationIntakeSchema, req.body, 'body');
    const result = await submitApplication(deps, callerTenant(res), intake);
    res.status(202).location(`/api/v1/candidates/${encodeURIComponent(result.workflowId)}`).json(result);
  });
  return router;
}
