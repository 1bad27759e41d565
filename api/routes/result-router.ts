// The result link, /r/:token: the candidate looks up their result and what is left to hand in.
import { Router } from 'express';
import type { HubConfig } from '../../common/config';
import type { CandidateWorkflows } from '../candidate-workflows';
import { LinkTokenParams } from '../schemas/common-schemas';
import { viewResult } from '../services/candidate-portal';
import { parseRequest } from '../validation';

export function resultRouter(config: HubConfig, workflows: CandidateWorkflows): Router {
  const router = Router();
  router.get('/r/:token', async (req, res) => {
    const { token } = parseRequest(LinkTokenParams, req.params, 'path');
    res.json(await viewResult({ config, workflows }, token));
  });
  return router;
}
