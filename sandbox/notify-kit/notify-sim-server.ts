// Serving a message simulator on 127.0.0.1: the provider's API, the outbox page (GET / and /_sim),
// and the /_sim controls every one of them shares (state, outbox, failures, clock, down-for),
// plus any the provider adds. The listener can go down for a while and come back on its port.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { SimClock } from '../board-kit/sim-clock';
import { listenReopenable } from '../sim-kit/http-listen';
import type { NotifyFailureInjector } from './notify-failures';
import type { SandboxOutboxEntry } from './outbox-entry';
import { renderOutboxPage } from './outbox-page';

export type ControlHandler = (body: Record<string, unknown>) => unknown;

export interface NotifySimServerOptions {
  title: string;
  port?: number;
  clock: SimClock;
  failures: NotifyFailureInjector;
  api: Router;
  outbox(): SandboxOutboxEntry[];
  snapshot(): Record<string, unknown>;
  /** Extra POST /_sim/<name> controls of this provider; the body is the parsed JSON. */
  controls?: Record<string, ControlHandler>;
  notes?: string[];
}

export interface NotifySimServer {
  url: string;
  port: number;
  /** Refuses connections for `ms` (the provider is down), then listens again on the same port. */
  downFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

const FailureRequest = z.object({
  kind: z.enum(['refuse', 'slow', 'drop', 'dropAfterAccept']).optional(),
  code: z.union([z.string(), z.number()]).transform(String).optional(),
  message: z.string().optional(),
  scope: z.enum(['number', 'request']).optional(),
  count: z.number().int().min(1).optional(),
  match: z.string().optional(),
  delayMs: z.number().int().min(0).optional(),
});
const ClockRequest = z.object({ advanceMs: z.number().optional(), set: z.string().optional(), reset: z.boolean().optional() });

export async function serveNotifySimulator(options: NotifySimServerOptions): Promise<NotifySimServer> {
  const app = express();
  app.disable('x-powered-by');
  const control = express.Router();
  control.use(express.json({ limit: '1mb' }));
  const run = (fn: ControlHandler) => (req: Request, res: Response) => {
    try {
      res.json(fn((req.body ?? {}) as Record<string, unknown>) ?? { ok: true });
    } catch (err) {
      const message = err instanceof z.ZodError
        ? err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
        : err instanceof Error ? err.message : String(err);
      res.status(400).json({ error: message });
    }
  };
  const page = (_req: Request, res: Response) => {
    res.type('html').send(renderOutboxPage(options.title, options.outbox(), options.notes));
  };

  control.get('/', page);
  control.get('/state', run(() => ({ ...options.snapshot(), failuresPending: options.failures.pending(), now: new Date(options.clock.now()).toISOString() })));
  control.get('/outbox', run(() => options.outbox()));
  control.post('/failures', run((body) => { options.failures.add(FailureRequest.parse(body)); }));
  control.delete('/failures', run(() => { options.failures.clear(); }));
  control.post('/clock', run((body) => {
    const c = ClockRequest.parse(body);
    if (c.reset) options.clock.reset();
    if (c.set !== undefined) {
      const at = Date.parse(c.set);
      if (Number.isNaN(at)) throw new Error('set: expected an ISO-8601 time');
      options.clock.set(at);
    }
    if (c.advanceMs !== undefined) options.clock.advance(c.advanceMs);
    return { now: new Date(options.clock.now()).toISOString() };
  }));
  control.post('/down', run((body) => {
    const ms = z.object({ ms: z.number().int().min(1).max(3_600_000) }).parse(body).ms;
    // Answer first, then go down: the caller should see the acknowledgement.
    setTimeout(() => void server.downFor(ms), 20);
    return { downForMs: ms };
  }));
  for (const [name, fn] of Object.entries(options.controls ?? {})) control.post(`/${name}`, run(fn));

  app.use('/_sim', control);
  app.get('/', page);
  app.use(options.api);

  const server = await listenReopenable(app, { host: '127.0.0.1', port: options.port ?? 0 });
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    downFor: (ms) => server.downFor(ms),
    close: () => server.close(),
  };
}
