// The deadline refresh's activity: finds one page of a tenant's open candidates whose running
// deadline was counted on provisional calendar days that the calendar now answers officially, and
// signals each candidate workflow to count it again.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { recomputeDeadlinesSignal } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { createProvisionalDeadlineCheck } from './provisional-deadline-check';

export interface DeadlineRefreshPageInput {
  tenantId: string;
  /** The `nextAfter` of the previous page; null: from the start. */
  afterWorkflowId: string | null;
  limit: number;
}

export interface DeadlineRefreshPageResult {
  /** Provisional rows read on this page. */
  examined: number;
  /** Candidates told to count again. */
  signalled: number;
  /** Candidates due a recount whose workflow has closed meanwhile (nothing left to remind of). */
  closed: number;
  /** Where the next page starts; null on the last page. */
  nextAfter: string | null;
}

/** Signals sent at once: enough to be quick, few enough not to swamp the frontend at start-up. */
const SIGNALS_IN_FLIGHT = 10;

type RefreshDeps = Pick<ActivityDeps, 'store' | 'config' | 'calendar'>;

/**
 * The candidates of one page that are due a recount: flagged provisional in the read model, and no
 * longer provisional under the current calendar (whose official data has grown since). Apart from
 * the signalling, so that tests can check the choice against a real hub database.
 */
export async function findRecomputableDeadlines(deps: RefreshDeps, input: DeadlineRefreshPageInput): Promise<{ workflowIds: string[]; examined: number; nextAfter: string | null }> {
  const stillProvisional = createProvisionalDeadlineCheck(deps);
  const page = await deps.store.candidates.listProvisional({ tenantId: input.tenantId, afterWorkflowId: input.afterWorkflowId ?? undefined, limit: input.limit });
  return { workflowIds: page.items.filter((row) => !stillProvisional(row)).map((row) => row.workflowId), examined: page.items.length, nextAfter: page.nextAfter };
}

export function createDeadlineRefreshActivities(deps: RefreshDeps & Pick<ActivityDeps, 'logger'>) {
  return {
    async refreshProvisionalDeadlines(input: DeadlineRefreshPageInput): Promise<DeadlineRefreshPageResult> {
      const { workflowIds, examined, nextAfter } = await findRecomputableDeadlines(deps, input);
      const reason = `the working-day calendar now has the official holiday schedule through ${deps.calendar.coveredYears().last}`;
      const { client } = Context.current();
      let closed = 0;
      for (let i = 0; i < workflowIds.length; i += SIGNALS_IN_FLIGHT) {
        await Promise.all(
          workflowIds.slice(i, i + SIGNALS_IN_FLIGHT).map(async (workflowId) => {
            try {
              await client.workflow.getHandle(workflowId).signal(recomputeDeadlinesSignal, { reason });
            } catch (err) {
              // Closed since its last write (or terminated): no reminder is left to put right.
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              closed += 1;
            }
          }),
        );
      }
      const signalled = workflowIds.length - closed;
      if (workflowIds.length > 0) deps.logger.info({ tenantId: input.tenantId, examined, signalled, closed }, 'provisional deadlines sent for recounting');
      return { examined, signalled, closed, nextAfter };
    },
  };
}
