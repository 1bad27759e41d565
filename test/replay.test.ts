// Determinism guard: histories recorded from real runs (test/histories, refreshed with
// `npm run histories:record`) are replayed against the current workflow code. A change that
// would break running candidates fails here; such a change needs workflow versioning (patched()).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from './support/hub-harness';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

test('recorded histories are kept for every journey the suites record', () => {
  expect(files).toEqual(
    expect.arrayContaining(['pass-onboarded.json', 'fail-rejected-with-stale-decisions.json', 'withdrawn-during-onboarding.json', 'needs-attention-then-retry.json', 'onboarding-overdue-extended.json', 'interview-expired.json']),
  );
});

test('every recorded history replays against the current workflow code', async () => {
  // The recorded workflow ID, not the file name: the candidate derives its children's IDs from it.
  const histories = files.map((file) => {
    const history = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'));
    return { workflowId: history.events[0].workflowExecutionStartedEventAttributes.workflowId as string, history };
  });
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('../workflows') }, histories)) {
    results.push({ workflowId: result.workflowId, error: result.error?.message ?? null });
  }
  expect(results).toEqual(histories.map(({ workflowId }) => ({ workflowId, error: null })));
});
