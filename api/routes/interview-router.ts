// The interview link, /i/:token: the candidate's view, starting the interview, and answers. The
// signed token is the only credential (no API key); issue #4 turns the GET into a mobile page.
import { Router } from 'express';
import type { HubConfig } from '../../common/config';
import type { CandidateWorkflows } from '../candidate-workflows';
import { jsonBody } from '../middleware/body-parsers';
import { AnswerSchema, StartInterviewSchema } from '../schemas/candidate-page-schemas';
import { LinkTokenParams } from '../schemas/common-schemas';
import { startInterview, submitAnswer, viewInterview } from '../services/candidate-portal';
import { parseRequest } from '../validation';

export function interviewRouter(config: HubConfig, workflows: CandidateWorkflows): Router {
  const router = Router();
  const deps = { config, workflows };

  router.get('/i/:token', async (req, res) => {
    const { token } = parseRequest(LinkTokenParams, req.params, 'path');
    res.json(await viewInterview(deps, token));
  });

  router.post('/i/:token/start', jsonBody(), async (req, res) => {
    const { token } = parseRequest(LinkTokenParams, req.params, 'path');
    const request = parseRequest(StartInterviewSchema, req.body, 'body');
    res.json(await startInterview(deps, token, request));
  });

  router.post('/i/:token/answers', jsonBody(), async (req, res) => {
    const { token } = parseRequest(LinkTokenParams, req.params, 'path');
    const submission = parseRequest(AnswerSchema, req.body, 'body');
    res.json(await submitAnswer(deps, token, submission));
  });

  return router;
}
