// HR's commands: POST /api/v1/candidates/:id/decision and /materials, each a workflow Update.
import { Router } from 'express';
import type { CandidateWorkflows } from '../candidate-workflows';
import { callerTenant } from '../middleware/api-key-auth';
import { CandidateIdParams } from '../schemas/common-schemas';
import { DecisionRequestSchema, MaterialsRequestSchema } from '../schemas/decision-schemas';
import { decide, verifyMaterials } from '../services/candidate-commands';
import { parseRequest } from '../validation';

export function candidateActionsRouter(workflows: CandidateWorkflows): Router {
  const router = Router();

  router.post('/candidates/:id/decision', async (req, res) => {
    const { id } = parseRequest(CandidateIdParams, req.params, 'path');
    const request = parseRequest(DecisionRequestSchema, req.body, 'body');
    res.json(await decide(workflows, callerTenant(res), id, request));
  });

  router.post('/candidates/:id/materials', async (req, res) => {
    const { id } = parseRequest(CandidateIdParams, req.params, 'path');
    const submission = parseRequest(MaterialsRequestSchema, req.body, 'body');
    res.json(await verifyMaterials(workflows, callerTenant(res), id, submission));
  });

  return router;
}
