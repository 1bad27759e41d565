// The interview link, /i/:token: the mobile interview page for a browser, its state as JSON for
// the page's script, and the start and answer endpoints. The signed token is the only credential
// (no API key); the interview itself is the candidate's current interview session workflow.
import { Router } from 'express';
import { jsonBody } from '../middleware/body-parsers';
import { renderInterviewHtml } from '../presenters/candidate-html';
import { AnswerSchema, StartInterviewSchema } from '../schemas/candidate-page-schemas';
import { LinkTokenParams } from '../schemas/common-schemas';
import { startInterview, submitAnswer, viewInterview, type PortalDeps } from '../services/candidate-portal';
import { parseRequest } from '../validation';
import { sendCandidatePage, wantsHtml } from './candidate-page-response';

export function interviewRouter(deps: PortalDeps): Router {
  const router = Router();

  router.get('/i/:token', async (req, res) => {
    if (wantsHtml(req)) {
      await sendCandidatePage(req, res, async (lang) => renderInterviewHtml(await viewInterview(deps, parseRequest(LinkTokenParams, req.params, 'path').token), lang));
      return;
    }
    const { token } = parseRequest(LinkTokenParams, req.params, 'path');
    res.set('Vary', 'Accept').json(await viewInterview(deps, token));
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
