// Shown once: an unversioned change to the candidate workflow fails the replay suite. The kept
// candidate histories are replayed, as replay.test.ts does, against two fixture copies of the
// candidate workflow that issue one extra timer first: without patched() every replay fails with a
// determinism error; the same change behind patched() replays them all cleanly.
import { DeterminismViolationError } from '@temporalio/workflow';
import { historyFiles, loadHistory, replayHistories } from './support/history-replay';

const candidateHistories = historyFiles().map(loadHistory).filter((h) => h.workflowType === 'candidateWorkflow');

test('the kept candidate histories include the pass-to-onboarded journey', () => {
  expect(candidateHistories.map((h) => h.file)).toContain('pass-onboarded.json');
});

test('an extra command without patched() fails the replay of every candidate history with a determinism error', async () => {
  const results = await replayHistories(require.resolve('./fixtures/unversioned-candidate-change'), candidateHistories);
  expect(results).toHaveLength(candidateHistories.length);
  for (const { file, error } of results) {
    expect({ file, error }).toEqual({ file, error: expect.any(DeterminismViolationError) });
    expect(error!.message).toMatch(/nondeterminism/);
  }
});

test('the same change versioned with patched() replays every candidate history cleanly', async () => {
  const results = await replayHistories(require.resolve('./fixtures/patched-candidate-change'), candidateHistories);
  expect(results).toEqual(candidateHistories.map(({ file }) => ({ file, error: null })));
});
