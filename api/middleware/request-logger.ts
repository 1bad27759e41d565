// Access logs through pino-http with the hub's logger: method, path, status and duration, never
// bodies or headers; link tokens in candidate URLs are replaced, so no log holds a working link.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../common/logger';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const LINK_TOKEN = /^(\/(?:i|r)\/)[^/?#]+/;

/** The URL as it may be logged: candidate link tokens redacted. */
export function loggableUrl(url: string): string {
  return url.replace(LINK_TOKEN, '$1[redacted]');
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // An upstream proxy's request ID is kept so one request can be followed across services.
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  });
}
