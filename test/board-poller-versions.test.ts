// The board poller's two versions replay (issue 9, part 2): histories recorded by test/board-
// polling.test.ts from the poller before the board registry (v1: pollDoumiPage/pollJianzhimaoPage,
// no patch marker) and after it (v2: pollBoardPage behind patch board-poll-step-activity). Both
// include continue-as-new, a re-read page, Retry-After, a webhook/poll overlap, a withdrawal, Doumi's
// expired cursor (40010) and Jianzhimao's open and closed windows. Kept as recorded, never rewritten.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { POLL_STEP_PATCH } from '../workflows/board-poller';

jest.setTimeout(120_000);

const DIR = join(__dirname, 'fixtures', 'board-poller');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { events: Array<Record<string, any>> };
const activityTypes = (file: string) =>
  new Set(load(file).events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType.name as string] : [])));
const hasPatchMarker = (file: string) =>
  load(file).events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch' && Buffer.from(e.markerRecordedEventAttributes.details['patch-data'].payloads[0].data, 'base64').toString('utf8').includes(POLL_STEP_PATCH));

test('both versions are recorded, and each took the path its version says', () => {
  const v1 = files.filter((f) => f.startsWith('v1-'));
  const v2 = files.filter((f) => f.startsWith('v2-'));
  expect(v1.length).toBeGreaterThanOrEqual(5);
  expect(v2.length).toBeGreaterThanOrEqual(5);
  for (const file of v1) {
    expect([file, hasPatchMarker(file), activityTypes(file).has('pollBoardPage')]).toEqual([file, false, false]);
  }
  for (const file of v2) {
    expect([file, hasPatchMarker(file), [...activityTypes(file)].sort()]).toEqual([file, true, ['boardPollSettings', 'pollBoardPage']]);
  }
});

test('every recorded poller history replays against the current workflow code', async () => {
  const histories = files.map((file) => ({ workflowId: file, history: temporal.api.history.v1.History.fromObject(load(file)) }));
  const results: Array<{ workflowId: string; error: string | null }> = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('../workflows') }, histories)) {
    results.push({ workflowId: result.workflowId, error: result.error ? String(result.error) : null });
  }
  expect(results).toEqual(files.map((workflowId) => ({ workflowId, error: null })));
});
