// The one error handler: every error a route throws ends here and leaves as JSON with the status
// ./error-response.ts assigns. A server fault is handed to the request logger (res.err), which
// logs it with the request; the client gets a request ID to quote, never a message or stack.
import type { ErrorRequestHandler } from 'express';
import { toErrorResponse } from '../error-response';

export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, next) => {
    const response = toErrorResponse(err);
    if (response.serverFault) {
      res.err = err instanceof Error ? err : new Error(String(err));
      response.body.error.requestId = String(req.id);
    }
    if (res.headersSent) {
      // Too late for a JSON answer: let express close the connection.
      next(err);
      return;
    }
    res.status(response.status).set(response.headers).json(response.body);
  };
}
