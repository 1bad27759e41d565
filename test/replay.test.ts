// Determinism guard: histories recorded from real runs (test/histories, every workflow type) are
// replayed against the current workflow code. They are kept, never rewritten (see
// history-manifest.test.ts): a change that would break running workflows fails here and must be
// versioned with patched() instead.
import * as workflows from '../workflows';
import { historyFiles, loadHistory, replayHistories } from './support/history-replay';

const histories = historyFiles().map(loadHistory);

test('every workflow the worker runs has kept histories', () => {
  // Loading the bundle's entry outside a worker only defines its functions and handlers' names.
  const recorded = new Set(histories.map((h) => h.workflowType));
  expect(Object.keys(workflows).filter((name) => !recorded.has(name))).toEqual([]);
});

test('every recorded history replays against the current workflow code', async () => {
  const results = await replayHistories(require.resolve('../workflows'), histories);
  expect(results.map(({ file, error }) => ({ file, error: error?.message ?? null }))).toEqual(histories.map(({ file }) => ({ file, error: null })));
});
