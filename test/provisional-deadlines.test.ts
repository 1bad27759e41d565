// Working-day deadlines after the calendar package's data ends, on the time-skipping server with the
// package's own data (no stand-in years): across New Year 2027 and 春节 2027 a candidate gets a
// deadline on the statutory holidays, not NEEDS_ATTENTION, and the read model and the API say it is
// provisional. Then a worker whose calendar has 2027's schedule runs the deadline refresh, which
// signals the open candidate and skips the closed one.
import type express from 'express';
import request from 'supertest';
import { createApp } from '../api/create-app';
import { parseConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { CandidateStage, HrAction, type CanonicalApplication } from '../common/types';
import { candidateWorkflowId } from '../common/workflow-ids';
import { buildActivityDeps } from '../workers/build-activity-deps';
import { createCandidateWorker } from '../workers/create-candidate-worker';
import { ensureDeadlineRefresh } from '../workers/ensure-deadline-refresh';
import type { DeadlineRefreshTotals } from '../workflows/deadline-refresh';
import { eventually } from './support/eventually';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import { createHarness, devConfigDocument, type Harness } from './support/hub-harness';

const NEW_YEAR_TOLD = Date.parse('2026-12-30T10:00:00+08:00'); // Wednesday
const SPRING_FESTIVAL_TOLD = Date.parse('2027-02-04T10:00:00+08:00'); // Thursday, the day before 除夕

// The time-skipping server starts at today's real time and only moves forward; once today is past
// the first moment these tests need, they cannot run as written (the unit tests of the statutory
// rule in workday-calendar.test.ts do not depend on the date).
const reachable = Date.now() < NEW_YEAR_TOLD - 3_600_000;
if (!reachable) console.warn('provisional-deadlines: skipped, today is past 2026-12-30, the first instant these tests set the clock to');
const describeReachable = reachable ? describe : describe.skip;

let hub: Harness;
let api: express.Application;
let apiKey: string;

beforeAll(async () => {
  if (!reachable) return;
  // The package's data as shipped: official through 2026, then the statutory rule.
  hub = await createHarness({ server: 'time-skipping', configure: (doc) => void (doc.hub.calendar = { additionalYears: {} }) });
  api = createApp({ config: hub.config, store: hub.store, client: hub.client, db: hub.db, taskQueue: hub.taskQueue, logger: createLogger('api-test', 'silent') });
  apiKey = hub.config.tenants[0]!.apiKeys[0]!;
});
afterAll(async () => {
  await hub?.shutdown();
});

async function sleepUntil(atMs: number): Promise<void> {
  const now = await hub.env.currentTimeMs();
  if (atMs > now) await hub.env.sleep(atMs - now);
}

/** Interview passed, HR review (its deadline checked), approved: the candidate's onboarding status. */
async function toOnboarding(app: CanonicalApplication, expectedDueAt: string) {
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, PROMOTER_ANSWERS.PASS);
  const review = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  expect(review.deadlines.reviewDueAt).toBe(expectedDueAt);
  expect(await flagOf(app)).toBe(true);
  await hub.decide(app, { action: HrAction.APPROVE });
  return hub.waitForStage(app, CandidateStage.ONBOARDING);
}

/** The read model's flag, once recordStage of the current stage has landed. */
async function flagOf(app: CanonicalApplication, expected = true): Promise<boolean | undefined> {
  const status = await hub.status(app);
  const row = await eventually(
    () => hub.store.candidates.get(app.tenantId, candidateWorkflowId(app)),
    (r) => r?.stage === status.stage && r.deadlineProvisional === expected,
  );
  return row?.deadlineProvisional;
}

const detail = (app: CanonicalApplication) => request(api).get(`/api/v1/candidates/${encodeURIComponent(candidateWorkflowId(app))}`).set('Authorization', `Bearer ${apiKey}`);

describeReachable('deadlines beyond the calendar data', () => {
  const newYear = makeApplication();
  const springFestival = makeApplication();
  const terminated = makeApplication();

  test('told on Wed 30 December 2026: three working days are Thu 31 Dec, Mon 4 and Tue 5 January (元旦 off), provisional', async () => {
    await sleepUntil(NEW_YEAR_TOLD);
    const onboarding = await toOnboarding(newYear, '2027-01-05T16:00:00.000Z');
    expect(onboarding.deadlines.onboardingDueAt).toBe('2027-01-05T16:00:00.000Z');
    expect(onboarding.attention).toBeNull();
    expect(await flagOf(newYear)).toBe(true);
    const body = (await detail(newYear).expect(200)).body as { deadlineProvisional: boolean; onboardingDueAt: string };
    expect(body).toMatchObject({ deadlineProvisional: true, onboardingDueAt: '2027-01-05T16:00:00.000Z' });
  });

  test('told on Thu 4 February 2027: 除夕 Fri 5 to 初三 Mon 8 and the in-lieu Tue 9 and Wed 10 are off, so the days are Thu 11 to Mon 15 February', async () => {
    await sleepUntil(SPRING_FESTIVAL_TOLD);
    // Meanwhile the New Year candidate's deadline passed: overdue, no longer waiting on a deadline.
    await hub.waitForStage(newYear, CandidateStage.ONBOARDING_OVERDUE);
    expect(await flagOf(newYear, false)).toBe(false);

    const onboarding = await toOnboarding(springFestival, '2027-02-15T16:00:00.000Z');
    expect(onboarding.deadlines.onboardingDueAt).toBe('2027-02-15T16:00:00.000Z');
    expect(await flagOf(springFestival)).toBe(true);
    expect((await detail(springFestival).expect(200)).body).toMatchObject({ deadlineProvisional: true });
  });

  test('the OpenAPI document and the metrics show the flag', async () => {
    const doc = (await request(api).get('/openapi.json').expect(200)).body as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(doc.components.schemas.CandidateDetail!.properties.deadlineProvisional).toMatchObject({ type: 'boolean' });
    expect(doc.components.schemas.CandidateRow!.properties.deadlineProvisional).toMatchObject({ type: 'boolean' });
    const metrics = (await request(api).get('/metrics').expect(200)).text;
    expect(metrics).toContain('hirebridge_provisional_deadlines_open{tenant="demo"} 1');
    expect(metrics).toContain(`hirebridge_calendar_provisional_from_seconds ${Date.parse('2026-12-25T00:00:00+08:00') / 1000}`);
  });

  test("once 2027's schedule is configured, the refresh signals the open provisional candidate and skips a closed one", async () => {
    // A third candidate closes without a last write (an operator terminated it): its row still says
    // ONBOARDING, provisional.
    await toOnboarding(terminated, '2027-02-15T16:00:00.000Z');
    expect(await flagOf(terminated)).toBe(true);
    await hub.handle(terminated).terminate('test: closed without a last write');

    // A worker started with 2027's official schedule (here only the statutory days plus 2 in lieu).
    const doc = devConfigDocument();
    delete doc.hub.llm;
    doc.hub.calendar = { additionalYears: { '2027': { holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'] } } };
    const config = parseConfig(doc, {});
    const taskQueue = `${hub.taskQueue}-refresh`;
    const worker = await createCandidateWorker({
      connection: hub.env.nativeConnection,
      namespace: hub.env.namespace ?? 'default',
      taskQueue,
      deps: buildActivityDeps(config, hub.store, createLogger('test', 'silent')),
    });
    let refreshId = '';
    const totals = await worker.runUntil(async () => {
      [refreshId] = (await ensureDeadlineRefresh(hub.client, config, createLogger('test', 'silent'), taskQueue)) as [string];
      return hub.client.workflow.getHandle<() => Promise<DeadlineRefreshTotals>>(refreshId).result();
    });
    expect(totals).toEqual({ examined: 2, signalled: 1, closed: 1 });
    hub.recordWorkflowHistory({ workflowId: refreshId }, 'deadline-refresh-signalled');

    const history = await hub.handle(springFestival).fetchHistory();
    const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'recomputeDeadlines');
    expect(signals).toHaveLength(1);
    expect((await hub.status(springFestival)).stage).toBe(CandidateStage.ONBOARDING);
  });
});
