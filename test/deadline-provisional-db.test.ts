// The read model's deadline_provisional column, the recordStage activity that sets it, and the
// choice of candidates the deadline refresh sends for recounting, on every dialect of the hub
// database: SQLite always, PostgreSQL and MariaDB/MySQL when reachable.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { findRecomputableDeadlines } from '../activities/deadline-refresh-activities';
import { createRecordActivities, type StageRecord } from '../activities/record-activities';
import { ChineseWorkdayCalendar } from '../common/chinese-workday-calendar';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../common/config';
import { CandidateStage } from '../common/types';
import { createHubDb, createHubStore, type CandidateWrite, type HubDb, type HubStore } from '../connectors/hub-db';
import { hubDbDialects, type HubDbFixture } from './support/hub-db-dialects';

const config = parseConfig(parseYaml(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')), {});
/** Official through 2026-12-24, as the package ships. */
const packageCalendar = ChineseWorkdayCalendar.withAdditionalYears({});
/** As after an operator entered 2027's schedule: official through 2027-12-24. */
const with2027 = ChineseWorkdayCalendar.withAdditionalYears({ '2027': { holidays: ['2027-01-01', '2027-02-05', '2027-02-08'], workdays: [] } });

const TENANT = 'demo';
const WORKING_DAYS_JOB = 'RX-SH-PROMO-001'; // review and onboarding in working days
const CALENDAR_DAYS_JOB = 'RX-SH-CS-001'; // onboarding in calendar days

function row(id: string, overrides: Partial<CandidateWrite> = {}): CandidateWrite {
  return {
    workflowId: `candidate:${TENANT}:doumi:${id}`,
    tenantId: TENANT,
    board: 'doumi',
    applicationId: id,
    jobCode: WORKING_DAYS_JOB,
    stage: CandidateStage.ONBOARDING,
    outcome: 'PASS',
    score: 80,
    reviewDueAt: null,
    onboardingDueAt: null,
    version: 1,
    createdAt: '2026-12-20T02:00:00.000Z',
    updatedAt: '2026-12-20T02:00:00.000Z',
    ...overrides,
  };
}

function stage(id: string, version: number, fields: Partial<StageRecord>): StageRecord {
  return {
    ref: { tenantId: TENANT, board: 'doumi', applicationId: id },
    jobCode: WORKING_DAYS_JOB,
    stage: CandidateStage.ONBOARDING,
    outcome: 'PASS',
    score: 80,
    reviewDueAt: null,
    onboardingDueAt: null,
    version,
    createdAt: '2026-12-20T02:00:00.000Z',
    at: `2026-12-30T02:00:0${version}.000Z`,
    event: { type: 'test', actor: 'system' },
    ...fields,
  };
}

for (const dialect of hubDbDialects('provisional-db-')) {
  if (dialect.skip) console.warn(`deadline-provisional-db: skipping ${dialect.name}, server unavailable: ${dialect.skip}`);
  (dialect.skip ? describe.skip : describe)(`deadline_provisional on ${dialect.name}`, () => suite(dialect.fresh));
}

function suite(fresh: () => Promise<HubDbFixture>): void {
  let fixture: HubDbFixture;
  let db: HubDb;
  let store: HubStore;
  const flagOf = async (id: string) => (await store.candidates.get(TENANT, `candidate:${TENANT}:doumi:${id}`))?.deadlineProvisional;

  beforeAll(async () => {
    fixture = await fresh();
    db = await createHubDb(fixture.options);
    store = createHubStore(db);
  });
  afterAll(async () => {
    await db?.close();
    await fixture?.drop();
  });

  test('the column defaults to false, comes back as a boolean and follows the version guard', async () => {
    await store.candidates.upsert(row('col-1'));
    expect(await flagOf('col-1')).toBe(false);
    await store.candidates.upsert(row('col-1', { version: 2, deadlineProvisional: true }));
    expect(await flagOf('col-1')).toBe(true);
    // An older write retried late changes nothing, the flag included.
    expect(await store.candidates.upsert(row('col-1', { version: 1, deadlineProvisional: false }))).toEqual({ applied: false });
    expect(await flagOf('col-1')).toBe(true);
    const raw = (await db.knex('candidates').where({ tenant_id: TENANT, workflow_id: `candidate:${TENANT}:doumi:col-1` }).first('deadline_provisional')) as { deadline_provisional: unknown };
    expect([true, 1]).toContain(raw.deadline_provisional);
  });

  describe('recordStage', () => {
    // Built per call: `store` is only assigned in beforeAll.
    const recordStage = (r: StageRecord) => createRecordActivities({ store, config, calendar: packageCalendar }).recordStage(r);

    test('flags a working-day deadline that ends on a provisional day, in the stage that waits on it', async () => {
      await recordStage(stage('rs-review', 1, { stage: CandidateStage.HR_REVIEW, reviewDueAt: '2027-01-05T16:00:00.000Z' }));
      expect(await flagOf('rs-review')).toBe(true);
      await recordStage(stage('rs-official', 1, { stage: CandidateStage.HR_REVIEW, reviewDueAt: '2026-12-24T16:00:00.000Z' }));
      expect(await flagOf('rs-official')).toBe(false);
      await recordStage(stage('rs-onboarding', 1, { reviewDueAt: '2026-12-24T16:00:00.000Z', onboardingDueAt: '2027-02-11T16:00:00.000Z' }));
      expect(await flagOf('rs-onboarding')).toBe(true);
    });

    test('clears it when the stage no longer waits on that deadline', async () => {
      await recordStage(stage('rs-onboarding', 2, { stage: CandidateStage.ONBOARDED, onboardingDueAt: '2027-02-11T16:00:00.000Z' }));
      expect(await flagOf('rs-onboarding')).toBe(false);
      // The review deadline of 2027 no longer counts once the candidate is onboarding.
      await recordStage(stage('rs-past-review', 1, { reviewDueAt: '2027-01-05T16:00:00.000Z', onboardingDueAt: '2026-12-23T16:00:00.000Z' }));
      expect(await flagOf('rs-past-review')).toBe(false);
    });

    test('does not flag calendar days, checks a job no longer configured, and keeps what computeDeadline reported', async () => {
      await recordStage(stage('rs-calendar-days', 1, { jobCode: CALENDAR_DAYS_JOB, onboardingDueAt: '2027-01-05T16:00:00.000Z' }));
      expect(await flagOf('rs-calendar-days')).toBe(false);
      await recordStage(stage('rs-unknown-job', 1, { jobCode: 'GONE-001', onboardingDueAt: '2027-01-05T16:00:00.000Z' }));
      expect(await flagOf('rs-unknown-job')).toBe(true);
      await recordStage(stage('rs-reported', 1, { onboardingDueAt: '2026-12-22T16:00:00.000Z', deadlineProvisional: true }));
      expect(await flagOf('rs-reported')).toBe(true);
    });
  });

  describe('the deadline refresh', () => {
    const tenant = 'refresh';
    const refreshRow = (id: string, overrides: Partial<CandidateWrite>) =>
      row(id, { tenantId: tenant, workflowId: `candidate:${tenant}:doumi:${id}`, deadlineProvisional: true, ...overrides });
    const pick = async (calendar: ChineseWorkdayCalendar, limit = 50) => {
      const picked: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await findRecomputableDeadlines({ store, config, calendar }, { tenantId: tenant, afterWorkflowId: after, limit });
        picked.push(...page.workflowIds.map((id) => id.split(':').pop()!));
        after = page.nextAfter;
        pages += 1;
      } while (after !== null);
      return { picked, pages };
    };

    beforeAll(async () => {
      const rows = [
        refreshRow('a-review-2027', { stage: CandidateStage.HR_REVIEW, reviewDueAt: '2027-01-05T16:00:00.000Z' }),
        refreshRow('b-onboarding-2027', { onboardingDueAt: '2027-02-11T16:00:00.000Z' }),
        refreshRow('c-onboarding-2028', { onboardingDueAt: '2028-01-05T16:00:00.000Z' }),
        refreshRow('d-late-december-2027', { onboardingDueAt: '2027-12-28T16:00:00.000Z' }),
        refreshRow('e-closed', { stage: CandidateStage.ONBOARDED, onboardingDueAt: '2027-02-11T16:00:00.000Z' }),
        refreshRow('f-not-flagged', { onboardingDueAt: '2027-02-11T16:00:00.000Z', deadlineProvisional: false }),
        refreshRow('g-reported-only', { onboardingDueAt: '2026-12-22T16:00:00.000Z' }),
        refreshRow('h-overdue', { stage: CandidateStage.ONBOARDING_OVERDUE, onboardingDueAt: '2027-02-11T16:00:00.000Z' }),
      ];
      for (const r of rows) await store.candidates.upsert(r);
      await store.candidates.upsert(row('other-tenant', { tenantId: 'someone-else', workflowId: 'candidate:someone-else:doumi:x', deadlineProvisional: true, onboardingDueAt: '2027-02-11T16:00:00.000Z' }));
    });

    test('with 2027 now official, picks the open candidates whose deadline is no longer provisional', async () => {
      // Not c and d (still provisional: 2028, and late December 2027), not e (closed), not f (never
      // flagged); h is open but waits on no deadline any more: a recount puts the flag right.
      expect((await pick(with2027)).picked).toEqual(['a-review-2027', 'b-onboarding-2027', 'g-reported-only', 'h-overdue']);
    });

    test('with the package calendar unchanged, picks only what is already official', async () => {
      expect((await pick(packageCalendar)).picked).toEqual(['g-reported-only', 'h-overdue']);
    });

    test('pages through in workflow-ID order, whatever the page size', async () => {
      const { picked, pages } = await pick(with2027, 2);
      expect(picked).toEqual(['a-review-2027', 'b-onboarding-2027', 'g-reported-only', 'h-overdue']);
      expect(pages).toBe(3); // 6 open flagged rows, 2 a page
    });

    test('the metrics count open provisional candidates per tenant', async () => {
      const counts = await store.candidates.countProvisional();
      expect(counts.find((c) => c.tenantId === tenant)).toEqual({ tenantId: tenant, count: 6 });
      expect(counts.find((c) => c.tenantId === 'someone-else')).toEqual({ tenantId: 'someone-else', count: 1 });
    });
  });
}
