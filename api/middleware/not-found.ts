// JSON 404 for every path no router answered, so clients never see express's HTML page.
import type { RequestHandler } from 'express';
import { notFound } from '../http-errors';

export function routeNotFound(): RequestHandler {
  return (req, _res, next) => next(notFound(`no route for ${req.method} ${req.path}`));
}
