// The candidate workflow on the real Temporal dev server, as an operator sees it: search
// attributes through visibility queries, duplicate starts, decisions HR sends twice or too late,
// withdrawals from several stages, and a system of record that refuses a record until the
// config is fixed. With RECORD_HISTORIES=1 the runs are kept for the replay test.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { SA } from '../common/search-attributes';
import { CandidateStage, HrAction, InterviewOutcome } from '../common/types';
import { createHarness, type Harness } from './support/hub-harness';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import { updateRejection } from './support/update-rejection';
import { eventually } from './support/eventually';

const RIDER_ANSWERS = ['下雨时我会马上联系顾客说明情况，注意安全并及时报备。', '我会先规划路线，顺路的订单优先，保持冷静控制时间。'];

let hub: Harness;

beforeAll(async () => {
  hub = await createHarness({
    server: 'dev',
    configure: (doc) => {
      // A payroll system that requires a bank account the mapping does not provide yet.
      const demo = doc.tenants[0];
      demo.destinations.push({ id: 'payroll', type: 'recording', events: ['review_passed'], requiredFields: ['externalId', 'bankAccount'], fields: { externalId: 'externalId' } });
      demo.jobs.find((j: { code: string }) => j.code === 'RX-SH-RIDER-001').destinations = ['ehr', 'payroll'];
    },
  });
});
afterAll(async () => {
  await hub?.shutdown();
});

async function visible(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of hub.client.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}

async function eventuallyVisible(query: string, workflowId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await visible(query)).includes(workflowId)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${workflowId} not visible for ${query}`);
}

test('a pass to onboarded journey, filtered in visibility as an operator filters the Web UI', async () => {
  const app = makeApplication();
  expect((await hub.ingest(app)).outcome).toBe('new');
  const invited = await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await eventuallyVisible(`CandidateStage = 'INTERVIEW_INVITED' AND TenantId = 'demo' AND JobCode = 'RX-SH-PROMO-001' AND SourceBoard = 'doumi'`, invited.workflowId);

  await hub.answerAll(app, PROMOTER_ANSWERS.PASS);
  await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  await eventuallyVisible(`CandidateStage = 'HR_REVIEW' AND TenantId = 'demo' AND InterviewOutcome = 'PASS'`, invited.workflowId);

  await hub.decide(app, { action: HrAction.APPROVE, tool: 'wecom' });
  const onboarding = await hub.waitForStage(app, CandidateStage.ONBOARDING);
  // "Who must hand in their papers by tomorrow night?"
  const dueAt = Date.parse(onboarding.deadlines.onboardingDueAt!);
  const window = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await eventuallyVisible(`CandidateStage = 'ONBOARDING' AND OnboardingDeadline > '${window(dueAt - 3600_000)}' AND OnboardingDeadline < '${window(dueAt + 3600_000)}'`, invited.workflowId);

  await hub.handle(app).executeUpdate('verifyMaterials', { args: [{ verified: ['id_card', 'health_certificate', 'bank_card'], reviewer: 'hr.li@demo.example' }] });
  await hub.waitForStage(app, CandidateStage.ONBOARDED);
  await eventuallyVisible(`CandidateStage = 'ONBOARDED' AND ExecutionStatus = 'Completed'`, invited.workflowId);
  const description = await hub.handle(app).describe();
  expect(description.typedSearchAttributes.get(SA.InterviewOutcome)).toBe(InterviewOutcome.PASS);
  // Search attributes never carry personal data.
  expect(JSON.stringify(description.typedSearchAttributes.getAll())).not.toMatch(/13800138000|测试候选人/);
  await hub.recordHistory(app, 'pass-onboarded');
  hub.recordWorkflowHistory({ workflowId: invited.interviewWorkflowId! }, 'interview-session-completed');
});

test('a duplicate start joins the same run, and a late redelivery after the end starts nothing', async () => {
  const app = makeApplication({}, { city: '北京' });
  const first = await hub.ingest(app);
  const again = await Promise.all([hub.ingest(app), hub.ingest(app), hub.ingest(app)]);
  expect(again.map((r) => r.workflowId)).toEqual([first.workflowId, first.workflowId, first.workflowId]);
  expect(again.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  await hub.waitForStage(app, CandidateStage.PRESCREEN_REJECTED);
  const runs = await visible(`WorkflowId = '${first.workflowId}'`);
  expect(runs).toHaveLength(1);
  // The stage shows before the run has closed: wait for the run itself to end.
  await hub.handle(app).result();
  expect((await hub.ingest(app)).outcome).toBe('closed');
  await expect(
    hub.client.workflow.start('candidateWorkflow', { workflowId: first.workflowId, taskQueue: hub.taskQueue, args: [{}], workflowIdReusePolicy: 'REJECT_DUPLICATE' }),
  ).rejects.toThrow(WorkflowExecutionAlreadyStartedError);
});

test('a stale or duplicate decision is rejected by the validator and leaves no trace in history', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  expect(await updateRejection(hub.decide(app, { action: HrAction.APPROVE }))).toMatchObject({ type: 'NotAwaitingDecision' });
  await hub.answerAll(app, PROMOTER_ANSWERS.FAIL);
  await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  const countUpdateEvents = async () => (await hub.handle(app).fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
  const before = await countUpdateEvents();

  expect(await updateRejection(hub.decide(app, { action: HrAction.APPROVE, expectedStage: CandidateStage.INTERVIEWING }))).toMatchObject({ type: 'StaleDecision' });
  expect(await updateRejection(hub.decide(app, { action: HrAction.APPROVE, reviewer: ' ' }))).toMatchObject({ type: 'MissingReviewer' });
  expect(await hub.decide(app, { action: HrAction.REJECT, expectedStage: CandidateStage.HR_REVIEW })).toEqual({ stage: CandidateStage.REJECTED });
  // A decision after the end: refused by the validator while the run finishes, by the server once it has.
  const late = await updateRejection(hub.decide(app, { action: HrAction.APPROVE, expectedStage: CandidateStage.HR_REVIEW })).catch((err: unknown) => {
    if (err instanceof WorkflowNotFoundError) return { type: 'RunCompleted' };
    throw err;
  });
  expect(['CandidateClosed', 'RunCompleted']).toContain(late.type);

  // Only the one accepted decision is in history; the rejected ones left nothing.
  expect((await countUpdateEvents()) - before).toBe(1);
  await hub.recordHistory(app, 'fail-rejected-with-stale-decisions');
});

test('withdrawal ends the workflow cleanly from the invitation, from HR review and from onboarding', async () => {
  const invited = makeApplication();
  await hub.ingest(invited);
  await hub.waitForStage(invited, CandidateStage.INTERVIEW_INVITED);
  await hub.handle(invited).signal('withdraw', { by: 'board', reason: 'application.withdrawn' });
  expect(await hub.waitForStage(invited, CandidateStage.WITHDRAWN)).toMatchObject({ withdrawal: { by: 'board' } });

  const reviewing = makeApplication();
  await hub.ingest(reviewing);
  await hub.waitForStage(reviewing, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(reviewing, PROMOTER_ANSWERS.BORDERLINE);
  await hub.waitForStage(reviewing, CandidateStage.HR_REVIEW);
  await hub.handle(reviewing).signal('withdraw', { by: 'candidate' });
  await hub.waitForStage(reviewing, CandidateStage.WITHDRAWN);
  expect(await hub.store.destinationWrites.list({ tenantId: 'demo', externalId: `HB-demo-doumi-${reviewing.applicationId}` })).toEqual([]);

  const onboarding = makeApplication();
  await hub.ingest(onboarding);
  await hub.waitForStage(onboarding, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(onboarding, PROMOTER_ANSWERS.PASS);
  await hub.waitForStage(onboarding, CandidateStage.HR_REVIEW);
  await hub.decide(onboarding, { action: HrAction.APPROVE });
  await hub.waitForStage(onboarding, CandidateStage.ONBOARDING);
  expect(await hub.decide(onboarding, { action: HrAction.WITHDRAW, reason: 'position filled' })).toEqual({ stage: CandidateStage.WITHDRAWN });
  const writes = await hub.store.destinationWrites.list({ tenantId: 'demo', externalId: `HB-demo-doumi-${onboarding.applicationId}` });
  // The EHR had the person as passed, so it is told of the withdrawal.
  expect(writes.map((w) => `${w.destinationId}:${w.event}`).sort()).toEqual(['ehr:review_passed', 'ehr:withdrawn']);
  const templates = async () => (await hub.notifications(onboarding)).map((n) => n.template);
  expect(await eventually(templates, (t) => t.includes('offer_withdrawn'))).toContain('offer_withdrawn');
  for (const app of [invited, reviewing, onboarding]) expect((await hub.handle(app).result()).stage).toBe(CandidateStage.WITHDRAWN);
  await hub.recordHistory(onboarding, 'withdrawn-during-onboarding');
});

test('a record the ERP refuses waits in NEEDS_ATTENTION; after the config is fixed, a retry writes only that one', async () => {
  const app = makeApplication({ jobCode: 'RX-SH-RIDER-001' });
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, RIDER_ANSWERS);
  await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  await hub.decide(app, { action: HrAction.APPROVE });
  const stuck = await hub.waitForStage(app, CandidateStage.NEEDS_ATTENTION);
  expect(stuck.attention).toEqual({ code: 'DestinationValidation', message: 'destination "payroll" rejected the record: missing bankAccount' });
  const templates = async () => (await hub.notifications(app)).map((n) => n.template);
  expect(await eventually(templates, (t) => t.includes('needs_attention'))).toContain('needs_attention');

  // The operator fixes the mapping (a restarted worker would load it from the file).
  hub.config.tenants[0]!.destinations.find((d) => d.id === 'payroll')!.fields.bankAccount = "'6222020000000000000'";
  expect(await hub.decide(app, { action: HrAction.RETRY, expectedStage: CandidateStage.NEEDS_ATTENTION })).toEqual({ stage: CandidateStage.SYNCING });
  await hub.waitForStage(app, CandidateStage.ONBOARDING);

  const history = await hub.handle(app).fetchHistory();
  const scheduledWrites = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'writeToDestination');
  expect(scheduledWrites).toHaveLength(3); // ehr once, payroll twice: the retry did not re-run the EHR write
  const writes = await hub.store.destinationWrites.list({ tenantId: 'demo', externalId: `HB-demo-doumi-${app.applicationId}` });
  expect(writes.map((w) => w.destinationId).sort()).toEqual(['ehr', 'payroll']);
  await hub.recordHistory(app, 'needs-attention-then-retry');
});
