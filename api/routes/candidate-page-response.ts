// How the candidate's links answer: HTML for a browser, JSON for the page's script and API clients
// (content negotiation on Accept), pages under a strict Content-Security-Policy, and a plain page
// instead of an error body when a link is invalid or expired.
import type { Request, Response } from 'express';
import { ApiError, ApiErrorKind } from '../http-errors';
import { renderLinkErrorHtml } from '../presenters/candidate-html';
import { pageLang, type PageLang } from '../presenters/candidate-page-text';

/** Scripts, styles and fetches from this origin only; nothing inline, no framing, no forms elsewhere. */
export const CANDIDATE_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A browser (Accept: text/html first) gets the page; anything else, including no Accept header, JSON. */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

export function langOf(req: Request): PageLang {
  return pageLang(req.query.lang);
}

export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CANDIDATE_PAGE_CSP, 'X-Frame-Options': 'DENY', Vary: 'Accept' }).send(html);
}

/** Renders a page, or a clear error page when the link is invalid (404), expired (410) or the hub fails (500, logged). */
export async function sendCandidatePage(req: Request, res: Response, render: (lang: PageLang) => Promise<string>): Promise<void> {
  const lang = langOf(req);
  try {
    sendPage(res, 200, await render(lang));
  } catch (err) {
    if (err instanceof ApiError && err.kind === ApiErrorKind.GONE) return sendPage(res, 410, renderLinkErrorHtml('expired', lang));
    // A malformed token (400) is as invalid to a candidate as a forged one.
    if (err instanceof ApiError && (err.kind === ApiErrorKind.NOT_FOUND || err.kind === ApiErrorKind.BAD_REQUEST)) return sendPage(res, 404, renderLinkErrorHtml('invalid', lang));
    // The request logger logs it with the request; the candidate sees a plain page, never a stack.
    res.err = err instanceof Error ? err : new Error(String(err));
    sendPage(res, 500, renderLinkErrorHtml('error', lang));
  }
}
