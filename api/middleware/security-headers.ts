// Headers every response carries: nothing is cached by browsers or proxies (answers hold candidate
// data or live state), no MIME sniffing, and no Referer, so a link token never leaks to another site.
import type { RequestHandler } from 'express';

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set({
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    next();
  };
}
