// The deadline refresh: started by the worker at start-up, one per tenant. When the calendar now has
// the official schedule of a year it answered provisionally before (a package update, or
// hub.calendar.additionalYears), it has every open candidate counted on those days count again, in
// pages, before anyone is reminded on the wrong day. With nothing to refresh it ends after one page.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';

/** Database reads and signals: retried with backoff without limit (the pass must finish). */
const refreshing = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Candidates per activity: the batch of signals one attempt sends (and re-sends on a retry). */
const PAGE_SIZE = 50;
/** Pages per run before continue-as-new, keeping history short for a tenant with many candidates. */
const PAGES_PER_RUN = 100;

export const deadlineRefreshWorkflowId = (tenantId: string) => `deadline-refresh:${tenantId}`;

export interface DeadlineRefreshTotals {
  examined: number;
  signalled: number;
  closed: number;
}

export interface DeadlineRefreshInput {
  tenantId: string;
  /** Carried over continue-as-new: where the pass stands, and what it has done so far. */
  afterWorkflowId?: string | null;
  totals?: DeadlineRefreshTotals;
}

export async function deadlineRefreshWorkflow(input: DeadlineRefreshInput): Promise<DeadlineRefreshTotals> {
  const { tenantId } = input;
  const totals: DeadlineRefreshTotals = { examined: 0, signalled: 0, closed: 0, ...input.totals };
  let afterWorkflowId = input.afterWorkflowId ?? null;
  for (let page = 0; ; page++) {
    if (page >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof deadlineRefreshWorkflow>({ tenantId, afterWorkflowId, totals });
    }
    const r = await refreshing.refreshProvisionalDeadlines({ tenantId, afterWorkflowId, limit: PAGE_SIZE });
    totals.examined += r.examined;
    totals.signalled += r.signalled;
    totals.closed += r.closed;
    if (r.nextAfter === null) return totals;
    afterWorkflowId = r.nextAfter;
  }
}
