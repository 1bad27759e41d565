// /assets/candidate-page.{css,js}: the one stylesheet and script of the candidate's pages, same
// origin so the pages' Content-Security-Policy allows them and nothing inline.
import { Router } from 'express';
import { CANDIDATE_PAGE_CSS, CANDIDATE_PAGE_JS } from '../presenters/candidate-page-assets';

export function candidateAssetsRouter(): Router {
  const router = Router();
  const asset = (type: string, body: string) => (_req: unknown, res: import('express').Response) => {
    // Overrides the API-wide no-store: these are the same for everyone and change only with a release.
    res.set({ 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'public, max-age=300' }).send(body);
  };
  router.get('/assets/candidate-page.css', asset('text/css', CANDIDATE_PAGE_CSS));
  router.get('/assets/candidate-page.js', asset('text/javascript', CANDIDATE_PAGE_JS));
  return router;
}
