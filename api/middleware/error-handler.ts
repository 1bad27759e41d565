// The one error handler: every error a route throws ends here and leaves as JSON with the status
// ./error-response.ts assigns. Server faults are logged with the error; the client gets no stack.
import type { ErrorRequestHandler } from 'express';
import { toErrorResponse } from '../error-response';

export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, next) => {
    const response = toErrorResponse(err);
    if (response.serverFault) {
      req.log.error({ err }, 'request failed');
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
