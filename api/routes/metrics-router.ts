// GET /metrics: the process's Prometheus metrics (common/metrics.ts). No personal data in any
// label (tenant IDs, boards, reasons); expose it on the internal network only, like /readyz.
import { Router } from 'express';
import { metricsRegistry, quarantineOpen } from '../../common/metrics';
import type { ApiDeps } from '../app-deps';

export function metricsRouter(deps: Pick<ApiDeps, 'store' | 'logger'>): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    try {
      // One GROUP BY per scrape: the open backlog is a fact of the database, not of this process.
      const open = await deps.store.quarantine.countOpen();
      quarantineOpen.reset();
      for (const row of open) quarantineOpen.set({ tenant: row.tenantId, board: row.board, reason: row.reason }, row.count);
    } catch (err) {
      deps.logger.warn({ err }, 'metrics: could not read the quarantine backlog; serving the other metrics');
    }
    res.set('Content-Type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}
