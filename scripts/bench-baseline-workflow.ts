// The bare Temporal baseline of `npm run bench:decision`: a workflow that waits for one signal and
// then runs one activity that inserts one row. Deterministic; imports only @temporalio/workflow.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

export interface BaselineActivities {
  insertRow(id: string): Promise<void>;
}

export const goSignal = defineSignal('go');

const { insertRow } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '10m' },
});

export async function baselineWorkflow(id: string): Promise<void> {
  let go = false;
  setHandler(goSignal, () => void (go = true));
  await condition(() => go);
  await insertRow(id);
}
