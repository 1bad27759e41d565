// The result link, /r/:token: the candidate looks up their result and what is left to hand in; in
// a browser, a print-friendly page with their answers and, once decided, what the tenant shows of
// the assessment. The JSON form carries no assessment at all.
import { Router } from 'express';
import { renderResultHtml } from '../presenters/candidate-html';
import { LinkTokenParams } from '../schemas/common-schemas';
import { viewResult, viewResultWithReport, type PortalDeps } from '../services/candidate-portal';
import { parseRequest } from '../validation';
import { langOf, sendCandidatePage, wantsHtml } from './candidate-page-response';

export function resultRouter(deps: PortalDeps): Router {
  const router = Router();
  router.get('/r/:token', async (req, res) => {
    if (wantsHtml(req)) {
      await sendCandidatePage(req, res, async (lang) => {
        const { result, report } = await viewResultWithReport(deps, parseRequest(LinkTokenParams, req.params, 'path').token, lang);
        return renderResultHtml(result, report, lang);
      });
      return;
    }
    const { token } = parseRequest(LinkTokenParams, req.params, 'path');
    res.set('Vary', 'Accept').json(await viewResult(deps, token, langOf(req)));
  });
  return router;
}
