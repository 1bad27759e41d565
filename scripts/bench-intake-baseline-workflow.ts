// The bare-Temporal baseline of `npm run bench:intake`: start, one no-op activity, done.
// Workflow code (bundled by the bench's own worker), so deterministic and Temporal-only.
import { proxyActivities } from '@temporalio/workflow';

const { benchNoop } = proxyActivities<{ benchNoop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function benchBaselineWorkflow(): Promise<void> {
  await benchNoop();
}
