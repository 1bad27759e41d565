// HR's reads: GET /api/v1/candidates (filtered, paged read model) and one candidate's detail,
// audit events and notifications.
import { Router } from 'express';
import type { ApiDeps } from '../app-deps';
import type { CandidateWorkflows } from '../candidate-workflows';
import { callerTenant } from '../middleware/api-key-auth';
import { AssessmentQuerySchema } from '../schemas/assessment-schemas';
import { CandidateListQuerySchema } from '../schemas/candidate-schemas';
import { CandidateIdParams } from '../schemas/common-schemas';
import { getAssessment } from '../services/assessment-queries';
import { getCandidateDetail, listCandidateEvents, listCandidateNotifications } from '../services/candidate-queries';
import { parseRequest } from '../validation';

export function candidatesRouter(deps: ApiDeps, workflows: CandidateWorkflows): Router {
  const router = Router();
  const queryDeps = { store: deps.store, workflows };

  router.get('/candidates', async (req, res) => {
    const query = parseRequest(CandidateListQuerySchema, req.query, 'query');
    res.json(await deps.store.candidates.list({ ...query, tenantId: callerTenant(res).id }));
  });

  router.get('/candidates/:id', async (req, res) => {
    const { id } = parseRequest(CandidateIdParams, req.params, 'path');
    res.json(await getCandidateDetail(queryDeps, callerTenant(res), id));
  });

  router.get('/candidates/:id/events', async (req, res) => {
    const { id } = parseRequest(CandidateIdParams, req.params, 'path');
    res.json({ items: await listCandidateEvents(queryDeps, callerTenant(res), id) });
  });

  router.get('/candidates/:id/assessment', async (req, res) => {
    const { id } = parseRequest(CandidateIdParams, req.params, 'path');
    const { round } = parseRequest(AssessmentQuerySchema, req.query, 'query');
    res.json(await getAssessment(deps.store, callerTenant(res), id, round));
  });

  router.get('/candidates/:id/notifications', async (req, res) => {
    const { id } = parseRequest(CandidateIdParams, req.params, 'path');
    res.json({ items: await listCandidateNotifications(queryDeps, callerTenant(res), id) });
  });

  return router;
}
