// GET /metrics: the process's Prometheus metrics (common/metrics.ts). No personal data in any
// label (tenant IDs, boards, reasons); expose it on the internal network only, like /readyz.
import { Router } from 'express';
import { ChineseWorkdayCalendar } from '../../common/chinese-workday-calendar';
import { calendarProvisionalFrom, metricsRegistry, provisionalDeadlinesOpen, quarantineOpen } from '../../common/metrics';
import type { ApiDeps } from '../app-deps';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

export function metricsRouter(deps: Pick<ApiDeps, 'store' | 'logger' | 'config'>): Router {
  // The same calendar the workers build from the same config: where its official data ends.
  const provisionalFrom = ChineseWorkdayCalendar.withAdditionalYears(deps.config.hub.calendar.additionalYears).provisionalFrom();
  calendarProvisionalFrom.set((Date.parse(`${provisionalFrom}T00:00:00Z`) - BEIJING_OFFSET_MS) / 1000);
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    try {
      // One GROUP BY each per scrape: open backlogs are facts of the database, not of this process.
      const [open, provisional] = await Promise.all([deps.store.quarantine.countOpen(), deps.store.candidates.countProvisional()]);
      quarantineOpen.reset();
      for (const row of open) quarantineOpen.set({ tenant: row.tenantId, board: row.board, reason: row.reason }, row.count);
      provisionalDeadlinesOpen.reset();
      for (const row of provisional) provisionalDeadlinesOpen.set({ tenant: row.tenantId }, row.count);
    } catch (err) {
      deps.logger.warn({ err }, 'metrics: could not read the open backlogs; serving the other metrics');
    }
    res.set('Content-Type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}
