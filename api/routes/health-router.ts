// GET /healthz (liveness: the process answers) and GET /readyz (Temporal and the database reachable).
import { Router } from 'express';
import type { ReadinessReport } from '../schemas/health-schemas';

export function healthRouter(readiness: () => Promise<ReadinessReport>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness();
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });
  return router;
}
