// Systems of record under failure, through the real candidate workflow on a Temporal dev server:
// an EHR down for 30 s gives one record; a worker process killed while the EHR holds the request
// gives exactly one record; five concurrent retries of the write activity give one row (SQL) and
// one record (REST); a SOAP validation fault and an EHR 422 wait in NEEDS_ATTENTION until the
// config is fixed and HR sends retry. Wall-clock: about 2 minutes, mostly the 30 s outage and the
// 1 min start-to-close timeout that tells Temporal the killed worker's attempt is lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knex from 'knex';
import { createDestinationActivities } from '../activities/destination-activities';
import type { DestinationConfig } from '../common/config-schema';
import { createLogger } from '../common/logger';
import { CandidateStage, type CanonicalApplication } from '../common/types';
import { createDestinationWriterCache } from '../connectors/destination-registry';
import { ingestApplication } from '../intake/candidate-intake';
import { startEhrSimulator, type EhrSimulator } from '../sandbox/ehr/ehr-simulator';
import { startErpSimulator, type ErpSimulator } from '../sandbox/erp/erp-simulator';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import { createHarness, type Harness } from './support/hub-harness';

const HMAC = { keyId: 'fault-key', secret: 'fault-test-hmac-secret-0001' };
const WSS = { username: 'hub-isu', password: 'hub-isu-password' };
const logger = createLogger('test', 'silent');

let ehr: EhrSimulator;
let erp: ErpSimulator;
let hub: Harness;
let stagingDir: string;

beforeAll(async () => {
  ehr = await startEhrSimulator({ auth: { mode: 'hmac', ...HMAC } });
  erp = await startErpSimulator({ wsSecurity: WSS });
  stagingDir = mkdtempSync(join(tmpdir(), 'faults-staging-'));
  hub = await createHarness({
    server: 'dev',
    configure: (doc) => {
      const demo = doc.tenants[0];
      demo.destinations.push(
        {
          id: 'fault-ehr', type: 'ehr-rest', baseUrl: ehr.url, auth: { mode: 'hmac', ...HMAC }, timeout: '10s', events: ['review_passed', 'onboarded'],
          fields: { name: 'candidate.name', mobile: 'candidate.phoneE164', jobCode: 'jobCode', event: 'event' },
        },
        {
          // jobCode is deliberately not mapped: the EHR answers 422 until the config is fixed.
          id: 'fault-ehr-422', type: 'ehr-rest', baseUrl: ehr.url, auth: { mode: 'hmac', ...HMAC }, timeout: '10s', events: ['review_passed'],
          fields: { name: 'candidate.name', mobile: 'candidate.phoneE164' },
        },
        {
          // Job_Code is deliberately not mapped: the ERP refuses the record until the config is fixed.
          id: 'fault-erp', type: 'erp-soap', endpoint: erp.soapUrl, wsSecurity: WSS, timeout: '10s', events: ['review_passed'],
          fields: { Legal_Name: 'candidate.name', Hourly_Rate: 'job.hourlyWage', Recruiting_Status: 'event' },
        },
        {
          id: 'fault-sql', type: 'erp-sql', dialect: 'sqlite', connection: join(stagingDir, 'erp.sqlite'), table: 'staging', createTable: true, events: ['review_passed'],
          fields: { full_name: 'candidate.name', job_code: 'jobCode' },
        },
      );
      const promo = demo.jobs.find((j: { code: string }) => j.code === 'RX-SH-PROMO-001');
      demo.jobs.push({ ...structuredClone(promo), code: 'FT-REST', destinations: ['fault-ehr'] });
      demo.jobs.push({ ...structuredClone(promo), code: 'FT-SOAP', destinations: ['fault-erp'] });
      demo.jobs.push({ ...structuredClone(promo), code: 'FT-REST-422', destinations: ['fault-ehr-422'] });
    },
  });
}, 120_000);

afterAll(async () => {
  await hub?.shutdown();
  await ehr?.close();
  await erp?.close();
  rmSync(stagingDir, { recursive: true, force: true });
});

async function toHrReview(app: CanonicalApplication): Promise<void> {
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, PROMOTER_ANSWERS.PASS);
  await hub.waitForStage(app, CandidateStage.HR_REVIEW);
}

const externalId = (app: CanonicalApplication) => `HB-${app.tenantId}-${app.board}-${app.applicationId}`;

test('the EHR down for 30 s, then back: the write is retried (honouring Retry-After) and makes one record', async () => {
  const app = makeApplication({ jobCode: 'FT-REST' });
  await hub.ingest(app);
  await toHrReview(app);
  // Every request answered 503 + Retry-After: 5 for 30 s: a maintenance window.
  await ehr.down(30_000, '503', 5);
  const downAt = Date.now();
  await hub.decide(app, { action: 'approve', expectedStage: CandidateStage.HR_REVIEW });
  await hub.waitForStage(app, CandidateStage.SYNCING, 5_000);
  const done = await hub.waitForStage(app, CandidateStage.ONBOARDING, 60_000);
  expect(Date.now() - downAt).toBeGreaterThanOrEqual(30_000);
  expect(done.destinations).toEqual([{ destinationId: 'fault-ehr', event: 'review_passed', status: 'written' }]);
  expect(ehr.workers().filter((w) => w.externalId === externalId(app))).toHaveLength(1);
  const refused = ehr.requests().filter((r) => r.status === 503).length;
  // Retry-After 5 s over a 30 s window: about six refused attempts, not the dozens a tight loop makes.
  expect(refused).toBeGreaterThanOrEqual(5);
  expect(refused).toBeLessThanOrEqual(8);
}, 90_000);

test('the worker process killed while the EHR holds the request: another worker finishes it, exactly one record', async () => {
  const taskQueue = `faults-child-${Date.now().toString(36)}`;
  const dbFile = (hub.db.knex.client.config.connection as { filename: string }).filename;
  const startChild = () => {
    // Node itself runs the worker (tsx as a loader, not the tsx CLI, which would put the worker in a
    // grandchild process that SIGKILL does not reach).
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'support', 'child-worker.ts')], {
      cwd: resolve(__dirname, '..'),
      env: { ...process.env, CHILD_HUB_CONFIG_JSON: JSON.stringify(hub.config), CHILD_HUB_DB_FILE: dbFile, CHILD_TEMPORAL_ADDRESS: hub.env.address, CHILD_TASK_QUEUE: taskQueue },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ready = new Promise<void>((ok, fail) => {
      child.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('ready') && ok());
      child.once('exit', (code) => fail(new Error(`child worker exited early (${code})`)));
    });
    return { child, ready };
  };
  let first: ChildProcess | undefined;
  let second: ChildProcess | undefined;
  try {
    const a = startChild();
    first = a.child;
    await a.ready;
    const app = makeApplication({ jobCode: 'FT-REST' });
    // Started on the child's task queue, so only child workers run this candidate.
    await ingestApplication({ client: hub.client, store: hub.store, taskQueue }, app, 'api');
    await toHrReview(app);
    // The EHR commits the record, then holds the answer: the worst moment to lose the worker.
    ehr.slow(8_000, 'after-commit');
    await hub.decide(app, { action: 'approve', expectedStage: CandidateStage.HR_REVIEW });
    const until = Date.now() + 20_000;
    while (!ehr.writes().some((w) => w.externalId === externalId(app)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(ehr.writes().filter((w) => w.externalId === externalId(app)).map((w) => w.op)).toEqual(['create']);
    first.kill('SIGKILL');
    await new Promise((r) => first!.once('exit', r));
    ehr.slow(0);
    const b = startChild();
    second = b.child;
    await b.ready;
    // Temporal re-runs the lost attempt once its 1 min start-to-close timeout has passed.
    const done = await hub.waitForStage(app, CandidateStage.ONBOARDING, 100_000);
    expect(done.destinations).toEqual([{ destinationId: 'fault-ehr', event: 'review_passed', status: 'written' }]);
    expect(ehr.workers().filter((w) => w.externalId === externalId(app))).toHaveLength(1);
    // The retry found the record by its external ID and updated it instead of creating another.
    expect(ehr.writes().filter((w) => w.externalId === externalId(app)).map((w) => w.op)).toEqual(['create', 'update']);
  } finally {
    for (const child of [first, second]) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}, 180_000);

test('five concurrent retries of the write activity (five workers) give one SQL row and one EHR record', async () => {
  const app = makeApplication({ jobCode: 'FT-REST' });
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const five = Array.from({ length: 5 }, () => {
    const cache = createDestinationWriterCache(hub.store, logger);
    return { cache, activities: createDestinationActivities({ config: hub.config, store: hub.store, destinationWriter: (t: string, d: DestinationConfig) => cache.get(t, d) }) };
  });
  const request = (destinationId: string) => ({
    ref: { tenantId: app.tenantId, board: app.board, applicationId: app.applicationId },
    jobCode: 'FT-REST',
    destinationId,
    event: 'review_passed',
    result: { outcome: 'PASS', score: 80, decidedBy: 'hr.li@demo.example', onboardingDueAt: null },
  });
  try {
    await Promise.all(five.map(({ activities }) => activities.writeToDestination(request('fault-sql'))));
    await Promise.all(five.map(({ activities }) => activities.writeToDestination(request('fault-ehr'))));
  } finally {
    await Promise.all(five.map(({ cache }) => cache.close()));
  }
  const db = knex({ client: 'better-sqlite3', connection: { filename: join(stagingDir, 'erp.sqlite') }, useNullAsDefault: true });
  try {
    expect(await db('staging').where('external_id', externalId(app)).select('external_id', 'job_code')).toEqual([{ external_id: externalId(app), job_code: 'FT-REST' }]);
  } finally {
    await db.destroy();
  }
  expect(ehr.workers().filter((w) => w.externalId === externalId(app))).toHaveLength(1);
});

test('a SOAP validation fault goes to NEEDS_ATTENTION; after the config is fixed, HR retry writes it', async () => {
  const app = makeApplication({ jobCode: 'FT-SOAP' });
  await hub.ingest(app);
  await toHrReview(app);
  await hub.decide(app, { action: 'approve', expectedStage: CandidateStage.HR_REVIEW });
  const stuck = await hub.waitForStage(app, CandidateStage.NEEDS_ATTENTION, 20_000);
  expect(stuck.attention?.code).toBe('ErpValidationFault');
  expect(stuck.attention?.message).toContain('/Put_Applicant_Request/Applicant_Data/Job_Code: Job_Code is required.');
  expect(stuck.destinations).toEqual([{ destinationId: 'fault-erp', event: 'review_passed', status: 'failed', error: stuck.attention?.message }]);
  // Not retried: the ERP saw the one refused call and nothing since.
  expect(erp.records('applicant').filter((r) => r.integrationId === externalId(app))).toHaveLength(0);

  // The fix: map Job_Code (the worker's config, as a reload would give it).
  const destination = hub.config.tenants[0]!.destinations.find((d) => d.id === 'fault-erp')!;
  destination.fields.Job_Code = 'jobCode';
  await hub.decide(app, { action: 'retry', expectedStage: CandidateStage.NEEDS_ATTENTION });
  const done = await hub.waitForStage(app, CandidateStage.ONBOARDING, 20_000);
  expect(done.destinations).toEqual([{ destinationId: 'fault-erp', event: 'review_passed', status: 'written' }]);
  const written = erp.records('applicant').filter((r) => r.integrationId === externalId(app));
  expect(written).toHaveLength(1);
  expect(written[0]!.data).toMatchObject({ Job_Code: 'FT-SOAP', Legal_Name: app.candidate.name });
});

test("an EHR 422 reaches HR with the EHR's message; after the mapping is fixed, HR retry writes it once", async () => {
  const app = makeApplication({ jobCode: 'FT-REST-422' });
  await hub.ingest(app);
  await toHrReview(app);
  await hub.decide(app, { action: 'approve', expectedStage: CandidateStage.HR_REVIEW });
  const stuck = await hub.waitForStage(app, CandidateStage.NEEDS_ATTENTION, 20_000);
  expect(stuck.attention).toEqual({ code: 'DestinationValidation', message: `destination "fault-ehr-422" rejected the record ${externalId(app)}: jobCode: is required` });
  const refusals = ehr.requests().filter((r) => r.status === 422).length;
  await new Promise((r) => setTimeout(r, 3000));
  expect(ehr.requests().filter((r) => r.status === 422).length).toBe(refusals); // not retried by Temporal
  hub.config.tenants[0]!.destinations.find((d) => d.id === 'fault-ehr-422')!.fields.jobCode = 'jobCode';
  await hub.decide(app, { action: 'retry', expectedStage: CandidateStage.NEEDS_ATTENTION });
  await hub.waitForStage(app, CandidateStage.ONBOARDING, 20_000);
  expect(ehr.workers().filter((w) => w.externalId === externalId(app)).map((w) => w.jobCode)).toEqual(['FT-REST-422']);
});
