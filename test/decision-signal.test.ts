// HR's decision as the `decisionSignal` Signal, the path for tools that can only fire and forget, on
// the time-skipping test server: a valid decision is applied and records who sent it from which
// tool; an invalid one is dropped once the workflow has handled it, leaving the stage as it was.
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CandidateStage, DecisionTool, HrAction, type HrDecision } from '../common/types';
import { decisionSignal } from '../workflows/definitions';
import { eventually } from './support/eventually';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import { createHarness, type Harness } from './support/hub-harness';

const EventType = temporal.api.enums.v1.EventType;

let hub: Harness;

beforeAll(async () => {
  hub = await createHarness({ server: 'time-skipping' });
});
afterAll(async () => {
  await hub?.shutdown();
});

async function inReview() {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, PROMOTER_ANSWERS.PASS);
  await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  return app;
}

/**
 * Sends the Signal and waits until a workflow task that started after it has completed: from then
 * on, the workflow has run the handler, so a query shows whatever the Signal did (or did not do).
 */
async function signalAndSettle(handle: WorkflowHandle, decision: unknown): Promise<void> {
  await handle.signal(decisionSignal, decision as HrDecision);
  await eventually(
    async () => (await handle.fetchHistory()).events ?? [],
    (events) => {
      const signalled = events.map((e) => e.eventType).lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
      const started = events.findIndex((e, i) => i > signalled && e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
      return signalled >= 0 && started >= 0 && events.some((e, i) => i > started && e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    },
    20_000,
  );
}

const hr = { reviewer: 'hr.wang@demo.example', tool: DecisionTool.DINGTALK } as const;

test('an approval sent as a Signal is applied, with its reviewer and tool on record', async () => {
  const app = await inReview();
  await hub.handle(app).signal(decisionSignal, { action: HrAction.APPROVE, expectedStage: CandidateStage.HR_REVIEW, ...hr });
  const onboarding = await hub.waitForStage(app, CandidateStage.ONBOARDING);
  expect(onboarding.lastDecision).toMatchObject({ action: 'approve', reviewer: 'hr.wang@demo.example', tool: 'dingtalk', at: expect.any(String) });
  const audit = await hub.store.audit.list('demo', onboarding.workflowId);
  expect(audit.find((e) => e.type === 'review_passed')?.actor).toBe('dingtalk:hr.wang@demo.example');
});

test('a rejection sent as a Signal is applied', async () => {
  const app = await inReview();
  await hub.handle(app).signal(decisionSignal, { action: HrAction.REJECT, reason: 'not a fit', ...hr, tool: DecisionTool.FEISHU });
  expect(await hub.waitForStage(app, CandidateStage.REJECTED)).toMatchObject({ lastDecision: { action: 'reject', tool: 'feishu' } });
});

test('invalid decisions sent as Signals are ignored: the stage stays, nothing is recorded, a valid one still gets through', async () => {
  const app = await inReview();
  const handle = hub.handle(app);
  const before = await hub.status(app);
  const invalid: [string, unknown][] = [
    ['stale (made for another stage)', { action: HrAction.APPROVE, expectedStage: CandidateStage.INTERVIEWING, ...hr }],
    ['without a reviewer', { action: HrAction.APPROVE, reviewer: '  ', tool: DecisionTool.WECOM }],
    ['not possible in HR review', { action: HrAction.EXTEND, extendBy: 2, ...hr }],
    ['an action that does not exist', { action: 'maybe', ...hr }],
    ['no decision at all', null],
  ];
  for (const [what, decision] of invalid) {
    await signalAndSettle(handle, decision);
    const now = await hub.status(app);
    expect({ what, stage: now.stage, lastDecision: now.lastDecision, updatedAt: now.updatedAt }).toEqual({
      what,
      stage: CandidateStage.HR_REVIEW,
      lastDecision: null,
      updatedAt: before.updatedAt,
    });
  }
  const audit = await hub.store.audit.list('demo', before.workflowId);
  expect(audit.map((e) => e.stage)).toEqual(['INGESTED', 'INTERVIEW_INVITED', 'INTERVIEWING', 'SCORING', 'HR_REVIEW']);

  // Nothing was left half-accepted: a valid decision after them is applied as usual.
  await handle.signal(decisionSignal, { action: HrAction.APPROVE, expectedStage: CandidateStage.HR_REVIEW, ...hr });
  expect((await hub.waitForStage(app, CandidateStage.ONBOARDING)).lastDecision).toMatchObject({ action: 'approve', tool: 'dingtalk' });
});

test('once one decision is applied, a second Signal for the old stage is ignored', async () => {
  const app = await inReview();
  const handle = hub.handle(app);
  await handle.signal(decisionSignal, { action: HrAction.APPROVE, expectedStage: CandidateStage.HR_REVIEW, ...hr });
  await hub.waitForStage(app, CandidateStage.ONBOARDING);
  await signalAndSettle(handle, { action: HrAction.REJECT, expectedStage: CandidateStage.HR_REVIEW, reviewer: 'hr.li@demo.example', tool: DecisionTool.WECOM });
  expect(await hub.status(app)).toMatchObject({ stage: CandidateStage.ONBOARDING, lastDecision: { action: 'approve', reviewer: 'hr.wang@demo.example' } });
});
