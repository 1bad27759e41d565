// The hub's Prometheus metrics (prom-client): one registry for the process, served by GET /metrics.
// Other modules add their metrics here, on `metricsRegistry`, so one scrape sees everything.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export const metricsRegistry = new Registry();

let processMetrics = false;
/** CPU, memory, event loop lag…; once per process (entry points call it, tests need not). */
export function enableProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'hirebridge_' });
}

/** Board deliveries kept in the quarantine (counted once per delivery, not per redelivery). */
export const quarantinedTotal = new Counter({
  name: 'hirebridge_quarantined_total',
  help: 'Board deliveries (webhook, poll, CSV row) kept in the quarantine because they could not be used',
  labelNames: ['tenant', 'board', 'reason'] as const,
  registers: [metricsRegistry],
});

/** Every webhook request that reached a board route, by what the hub answered. */
export const webhookDeliveriesTotal = new Counter({
  name: 'hirebridge_webhook_deliveries_total',
  help: 'Board webhook deliveries by outcome (new, duplicate, closed, withdrawn, quarantined, unauthorized, unavailable)',
  labelNames: ['tenant', 'board', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Fields that arrived readable but carried no usable value (e.g. 面议 as expected wage), by reason. */
export const normalisationNotesTotal = new Counter({
  name: 'hirebridge_normalisation_notes_total',
  help: 'Board fields kept as null during normalisation, by field and reason (e.g. expect_salary Negotiable)',
  labelNames: ['board', 'field', 'reason'] as const,
  registers: [metricsRegistry],
});

/** Quarantine entries still waiting for a fix and a replay; refreshed from the database on each scrape. */
export const quarantineOpen = new Gauge({
  name: 'hirebridge_quarantine_open',
  help: 'Quarantined board deliveries not yet replayed (alert when this stays above 0)',
  labelNames: ['tenant', 'board', 'reason'] as const,
  registers: [metricsRegistry],
});

/** Open candidates whose running deadline was counted on provisional calendar days; refreshed from the database on each scrape. */
export const provisionalDeadlinesOpen = new Gauge({
  name: 'hirebridge_provisional_deadlines_open',
  help: 'Open candidates whose running deadline was counted on the statutory holidays of a year without an official schedule yet (it may move)',
  labelNames: ['tenant'] as const,
  registers: [metricsRegistry],
});

/** When the calendar's official data ends: alert when this comes within reach of deadlines (e.g. 60 days). */
export const calendarProvisionalFrom = new Gauge({
  name: 'hirebridge_calendar_provisional_from_seconds',
  help: 'Start (Beijing midnight, Unix seconds) of the first day the working-day calendar answers provisionally, without an official holiday schedule',
  registers: [metricsRegistry],
});
