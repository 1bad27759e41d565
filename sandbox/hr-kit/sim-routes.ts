// The HR-tool simulators' own endpoints (loopback only, never part of a vendor API): the HTML page
// at `/`, and under /_sim the JSON state, clicks as a given user, callback faults and API failures,
// redelivery, the URL check, token expiry, the clock and the redelivery scale.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { FailureSpec } from '../board-kit/failure-injector';
import type { SimClock } from '../board-kit/sim-clock';
import type { CallbackDelivery } from './callback-sender';
import type { CallbackFault } from './callback-faults';

export interface HrSimRouteTarget {
  clock: SimClock;
  /** The tool's click (or approval action); the body is the tool's own shape, validated there. */
  click(body: Record<string, unknown>): Promise<CallbackDelivery | CallbackDelivery[]>;
  snapshot(): unknown;
  /** The tool's URL verification handshake for one tenant (all when missing). */
  verify(tenantId?: string): Promise<CallbackDelivery[]>;
  redeliver(id: string, options: { unchanged?: boolean }): Promise<CallbackDelivery>;
  addCallbackFault(fault: CallbackFault): void;
  addApiFailure(spec: FailureSpec): void;
  clearFaults(): void;
  expireTokens(): void;
  setRedeliveryScale(scale: number): void;
  /** The HTML page; `flashId` is the delivery a form click just produced. */
  page(options: { flashId?: string; user?: string }): string;
  /** Tool-specific /_sim routes (DingTalk's act). */
  extend?(router: Router): void;
}

const FaultRequest = z.object({
  kind: z.enum(['delay', 'duplicate', 'missign', 'stale', 'tamper']),
  count: z.coerce.number().int().min(1).optional(),
  delayMs: z.coerce.number().int().min(0).optional(),
  copies: z.coerce.number().int().min(1).max(10).optional(),
  skewSeconds: z.coerce.number().int().optional(),
  match: z.string().optional(),
});
const FailureRequest = z.object({
  kind: z.enum(['error', 'rateLimit', 'slow', 'drop']),
  count: z.number().int().min(1).optional(),
  delayMs: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  match: z.string().optional(),
});
const ClockRequest = z.object({ advanceMs: z.number().optional(), set: z.string().optional(), reset: z.boolean().optional() });

const errorText = (err: unknown): string => err instanceof z.ZodError
  ? err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
  : err instanceof Error ? err.message : String(err);

const isForm = (req: Request): boolean => Boolean(req.is('application/x-www-form-urlencoded'));

export function createHrSimRoutes(target: HrSimRouteTarget): { page: Router; control: Router } {
  const control = express.Router();
  control.use(express.json({ limit: '1mb' }), express.urlencoded({ extended: false }));
  const run = (fn: (req: Request) => unknown) => async (req: Request, res: Response) => {
    try {
      res.json((await fn(req)) ?? { ok: true });
    } catch (err) {
      res.status(400).json({ error: errorText(err) });
    }
  };

  control.get('/state', run(() => target.snapshot()));
  control.post('/click', async (req, res) => {
    try {
      const result = await target.click((req.body ?? {}) as Record<string, unknown>);
      if (isForm(req)) {
        const first = Array.isArray(result) ? result[result.length - 1] : result;
        const user = typeof req.body?.userId === 'string' ? `&user=${encodeURIComponent(req.body.userId as string)}` : '';
        res.redirect(303, `/?flash=${encodeURIComponent(first?.id ?? '')}${user}`);
        return;
      }
      res.json(result);
    } catch (err) {
      if (isForm(req)) res.status(400).type('text/plain').send(errorText(err));
      else res.status(400).json({ error: errorText(err) });
    }
  });
  control.post('/faults', run((req) => { target.addCallbackFault(FaultRequest.parse(req.body)); }));
  control.post('/failures', run((req) => { target.addApiFailure(FailureRequest.parse(req.body)); }));
  control.delete('/faults', run(() => { target.clearFaults(); }));
  control.post('/redeliver/:id', run((req) => target.redeliver(String(req.params.id), z.object({ unchanged: z.boolean().optional() }).parse(req.body ?? {}))));
  control.post('/verify', run((req) => target.verify(z.object({ tenantId: z.string().optional() }).parse(req.body ?? {}).tenantId)));
  control.post('/tokens/expire', run(() => { target.expireTokens(); }));
  control.post('/redelivery-scale', run((req) => { target.setRedeliveryScale(z.object({ scale: z.number().positive() }).parse(req.body).scale); }));
  control.post('/clock', run((req) => {
    const c = ClockRequest.parse(req.body);
    if (c.reset) target.clock.reset();
    if (c.set !== undefined) {
      const at = Date.parse(c.set);
      if (Number.isNaN(at)) throw new Error('set: expected an ISO-8601 time');
      target.clock.set(at);
    }
    if (c.advanceMs !== undefined) target.clock.advance(c.advanceMs);
    return { now: new Date(target.clock.now()).toISOString() };
  }));
  target.extend?.(control);

  const page = express.Router();
  page.get('/', (req, res) => {
    res.type('html').send(target.page({
      flashId: typeof req.query.flash === 'string' ? req.query.flash : undefined,
      user: typeof req.query.user === 'string' ? req.query.user : undefined,
    }));
  });
  return { page, control };
}
