// The simulators' own control endpoints under /_sim (loopback only, never part of a board's API):
// produce applications on request, withdraw one, inject failures, move the clock, inspect state.
// Used by `npm run sim:applications` and by anyone driving `npm run dev` by hand.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { FailureSpec } from './failure-injector';
import type { SimClock } from './sim-clock';

export interface SimControlTarget {
  clock: SimClock;
  /** Adds applications, returns their ids. */
  add(request: AddRequest): string[];
  withdraw(id: string, request: { reason?: string; deliver?: 'webhook' | 'poll' | 'both' | 'none' }): void;
  injectFailure(spec: FailureSpec): void;
  /** What the hub did so far (status reports, jobs, deliveries, request counts). */
  snapshot(): unknown;
}

const Deliver = z.enum(['webhook', 'poll', 'both', 'none']);
const AddRequest = z.object({
  tenantId: z.string().optional(),
  count: z.number().int().min(0).max(10_000).prefault(1),
  jobCode: z.string().optional(),
  deliver: Deliver.optional(),
  /** Explicit applications in the board's own format; missing fields are generated. */
  applications: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type AddRequest = z.infer<typeof AddRequest>;
const WithdrawRequest = z.object({ reason: z.string().optional(), deliver: Deliver.optional() });
const FailureRequest = z.object({
  kind: z.enum(['error', 'rateLimit', 'slow', 'drop']),
  count: z.number().int().min(1).optional(),
  delayMs: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  match: z.string().optional(),
});
const ClockRequest = z.object({ advanceMs: z.number().optional(), set: z.string().optional(), reset: z.boolean().optional() });

export function createControlRoutes(target: SimControlTarget): Router {
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));

  const run = (fn: (body: unknown, id?: string) => unknown) => (req: express.Request, res: express.Response) => {
    try {
      res.json(fn(req.body ?? {}, req.params.id as string | undefined) ?? { ok: true });
    } catch (err) {
      const message = err instanceof z.ZodError
        ? err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
        : err instanceof Error ? err.message : String(err);
      res.status(400).json({ error: message });
    }
  };

  router.post('/applications', run((body) => {
    const ids = target.add(AddRequest.parse(body));
    return { count: ids.length, ids };
  }));
  router.post('/applications/:id/withdraw', run((body, id) => { target.withdraw(id!, WithdrawRequest.parse(body)); }));
  router.post('/failures', run((body) => { target.injectFailure(FailureRequest.parse(body)); }));
  router.post('/clock', run((body) => {
    const c = ClockRequest.parse(body);
    if (c.reset) target.clock.reset();
    if (c.set !== undefined) {
      const at = Date.parse(c.set);
      if (Number.isNaN(at)) throw new Error('set: expected an ISO-8601 time');
      target.clock.set(at);
    }
    if (c.advanceMs !== undefined) target.clock.advance(c.advanceMs);
    return { now: new Date(target.clock.now()).toISOString() };
  }));
  router.get('/state', run(() => target.snapshot()));
  return router;
}
