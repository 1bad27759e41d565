// Board webhooks end to end: the real express app (supertest) on a real Temporal dev server with the
// real worker. Deliveries are signed here with node:crypto, as the boards would sign them.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type express from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../api/create-app';
import type { HubConfig } from '../common/config-schema';
import { createLogger, REDACT_PATHS } from '../common/logger';
import { Board, CandidateStage, type CanonicalApplication } from '../common/types';
import { candidateWorkflowId } from '../common/workflow-ids';
import { startDoumiSimulator } from '../sandbox/doumi/doumi-simulator';
import { startJianzhimaoSimulator } from '../sandbox/jianzhimao/jianzhimao-simulator';
import { doumiApplicationExample, jianzhimaoResumeExample } from './support/board-payloads';
import { eventually } from './support/eventually';
import { createHarness, type Harness } from './support/hub-harness';

const OTHER_KEY = 'other-tenant-api-key-0001';
const PROMO = 'RX-SH-PROMO-001';
const NEW_JOB = 'RX-SH-NEW-777';

let hub: Harness;
let app: express.Application;
let demoKey: string;
let doumiSecret: string;
let jzm: { appId: string; appSecret: string };

beforeAll(async () => {
  hub = await createHarness({
    server: 'dev',
    configure: (doc) => {
      const demo = doc.tenants[0];
      const other = { ...structuredClone(demo), id: 'other', name: 'Other Retail', apiKeys: [OTHER_KEY] };
      delete other.boards;
      doc.tenants.push(other);
      // The worker knows the job from the start; the API gets it only with the "fixed" config.
      demo.jobs.push({ ...structuredClone(demo.jobs[0]), code: NEW_JOB, title: '新品促销员' });
    },
  });
  const demo = hub.config.tenants.find((t) => t.id === 'demo')!;
  demoKey = demo.apiKeys[0]!;
  doumiSecret = demo.boards.doumi!.webhookSecret;
  jzm = demo.boards.jianzhimao!;
  app = buildApp({ config: beforeFix() });
});
afterAll(async () => {
  await hub?.shutdown();
});

function buildApp(over: { config?: HubConfig; client?: Client; logger?: pino.Logger } = {}): express.Application {
  return createApp({
    config: over.config ?? beforeFix(),
    store: hub.store,
    client: over.client ?? hub.client,
    db: hub.db,
    taskQueue: hub.taskQueue,
    logger: over.logger ?? createLogger('webhook-test', 'silent'),
  });
}

/** The config with the job a quarantined delivery was waiting for: "the config was fixed, the API restarted". */
const fixedConfig = (): HubConfig => structuredClone(hub.config);

/** The config before the fix: tenant demo without NEW_JOB. */
function beforeFix(): HubConfig {
  const config = structuredClone(hub.config);
  const demo = config.tenants.find((t) => t.id === 'demo')!;
  demo.jobs = demo.jobs.filter((j) => j.code !== NEW_JOB);
  return config;
}

const uid = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toUpperCase();

// ---- Doumi, signed as specs/job-boards.md says ----
function doumiApplication(over: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}) {
  const example = doumiApplicationExample();
  return { ...example, applicationId: uid('DM'), ...over, candidate: { ...example.candidate, birthDate: '2001-04-01', ...candidate } };
}

function sendDoumi(body: string, opts: { event?: string; delivery?: string; ts?: number; secret?: string; tenant?: string; target?: express.Application } = {}) {
  const ts = String(opts.ts ?? Date.now());
  const signature = createHmac('sha256', opts.secret ?? doumiSecret).update(`${ts}.${body}`).digest('hex');
  return request(opts.target ?? app)
    .post(`/webhooks/doumi/${opts.tenant ?? 'demo'}`)
    .set('Content-Type', 'application/json')
    .set('X-Dm-Event', opts.event ?? 'application.created')
    .set('X-Dm-Delivery', opts.delivery ?? randomUUID())
    .set('X-Dm-Timestamp', ts)
    .set('X-Dm-Signature', signature)
    .send(body);
}

const createdBody = (application: unknown, event = 'application.created') =>
  JSON.stringify({ event, deliveryId: randomUUID(), occurredAt: '2026-11-25T09:30:00+08:00', data: { application } });

// ---- Jianzhimao ----
function jzmResume(over: Record<string, unknown> = {}) {
  return { ...jianzhimaoResumeExample(), resume_id: uid('JZM'), sex: 2, birth_year: 2002, school: '', ...over };
}

function signedForm(eventType: string, bizContent: string, opts: { ts?: number; secret?: string; appId?: string } = {}): string {
  const fields: Record<string, string> = {
    app_id: opts.appId ?? jzm.appId,
    event_type: eventType,
    timestamp: String(Math.floor((opts.ts ?? Date.now()) / 1000)),
    nonce_str: randomBytes(8).toString('hex'),
    biz_content: bizContent,
  };
  const plain = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  fields.sign = createHash('md5').update(`${plain}&key=${opts.secret ?? jzm.appSecret}`, 'utf8').digest('hex').toUpperCase();
  return new URLSearchParams(fields).toString();
}

const sendJzm = (form: string, target = app) =>
  request(target).post('/webhooks/jianzhimao/demo').set('Content-Type', 'application/x-www-form-urlencoded').send(form);

const ref = (board: Board, applicationId: string) => ({ tenantId: 'demo', board, applicationId }) as CanonicalApplication;
const listQuarantine = (query = '', key = demoKey) => request(app).get(`/api/v1/quarantine${query}`).set('Authorization', `Bearer ${key}`);
const replay = (id: string, target = app, key = demoKey) => request(target).post(`/api/v1/quarantine/${id}/replay`).set('Authorization', `Bearer ${key}`);

async function workflowExists(workflowId: string): Promise<boolean> {
  try {
    await hub.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch {
    return false;
  }
}

async function quarantinedByApplication(applicationId: string) {
  const page = await hub.store.quarantine.list('demo', { limit: 100 });
  return page.items.filter((e) => e.applicationId === applicationId);
}

describe('Doumi webhook', () => {
  test('a signed application is answered {"code":0} and starts the candidate workflow', async () => {
    const application = doumiApplication();
    const res = await sendDoumi(createdBody(application));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 0 });
    const candidate = ref(Board.DOUMI, application.applicationId);
    const status = await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    expect(status.workflowId).toBe(`candidate:demo:doumi:${application.applicationId}`);
    expect(await hub.store.applications.get(candidate)).toMatchObject({ jobCode: PROMO, appliedAt: '2026-11-25T01:30:00.000Z', candidate: { phoneE164: '+8613800138000', birthYear: 2001 } });
  });

  test.each([
    ['a wrong secret', { secret: 'not-the-secret' }, 40101],
    ['a timestamp 6 minutes old', { ts: Date.now() - 360_000 }, 40102],
    ['a timestamp 6 minutes ahead', { ts: Date.now() + 360_000 }, 40102],
  ])('%s is 401 and creates nothing', async (_what, opts, code) => {
    const application = doumiApplication();
    const res = await sendDoumi(createdBody(application), opts);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(code);
    expect(await hub.store.applications.get(ref(Board.DOUMI, application.applicationId))).toBeUndefined();
    expect(await workflowExists(candidateWorkflowId(ref(Board.DOUMI, application.applicationId)))).toBe(false);
    expect(await quarantinedByApplication(application.applicationId)).toEqual([]);
  });

  test('a body changed after signing is 401', async () => {
    const body = createdBody(doumiApplication());
    const ts = String(Date.now());
    const signature = createHmac('sha256', doumiSecret).update(`${ts}.${body}`).digest('hex');
    const res = await request(app)
      .post('/webhooks/doumi/demo')
      .set('Content-Type', 'application/json')
      .set('X-Dm-Timestamp', ts)
      .set('X-Dm-Signature', signature)
      .send(body.replace('张三', '张四'));
    expect(res.status).toBe(401);
  });

  test('unknown tenant, or a tenant without the board: 404; over 1 MB: 413', async () => {
    expect((await sendDoumi(createdBody(doumiApplication()), { tenant: 'nobody' })).status).toBe(404);
    expect((await sendDoumi(createdBody(doumiApplication()), { tenant: 'other' })).status).toBe(404);
    const big = await sendDoumi(JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
  });

  test('three redeliveries (concurrent, each freshly signed) give one workflow', async () => {
    const application = doumiApplication();
    const body = createdBody(application);
    const delivery = randomUUID();
    const answers = await Promise.all([0, 1, 2].map(() => sendDoumi(body, { delivery })));
    expect(answers.map((r) => [r.status, r.body.code])).toEqual([[200, 0], [200, 0], [200, 0]]);
    const workflowId = candidateWorkflowId(ref(Board.DOUMI, application.applicationId));
    const runs = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const wf of hub.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) ids.push(wf.runId);
        return ids;
      },
      (ids) => ids.length > 0,
    );
    expect(runs).toHaveLength(1);
  });

  test('application.withdrawn ends the workflow', async () => {
    const application = doumiApplication();
    expect((await sendDoumi(createdBody(application))).status).toBe(200);
    const candidate = ref(Board.DOUMI, application.applicationId);
    await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    const body = JSON.stringify({ event: 'application.withdrawn', deliveryId: randomUUID(), data: { applicationId: application.applicationId, withdrawnAt: '2026-11-25T10:00:00+08:00', reason: '已找到工作' } });
    const res = await sendDoumi(body, { event: 'application.withdrawn' });
    expect(res.body).toEqual({ code: 0 });
    await hub.waitForStage(candidate, CandidateStage.WITHDRAWN);
    const description = await eventually(() => hub.handle(candidate).describe(), (d) => d.status.name !== 'RUNNING');
    expect(description.status.name).toBe('COMPLETED');
  });

  test('a withdrawal for an application the hub never saw is kept, and applied when the application arrives', async () => {
    const application = doumiApplication();
    const body = JSON.stringify({ event: 'application.withdrawn', deliveryId: randomUUID(), data: { applicationId: application.applicationId, withdrawnAt: null, reason: null } });
    expect((await sendDoumi(body, { event: 'application.withdrawn' })).body).toEqual({ code: 0 });
    const [entry] = await quarantinedByApplication(application.applicationId);
    expect(entry).toMatchObject({ reason: 'UnknownApplication', status: 'open' });
    const early = await replay(entry!.id);
    expect(early.status).toBe(422);
    expect(early.body.error.issues[0].path).toBe('applicationId');
    // The application arrives late (e.g. its first delivery failed): the kept withdrawal ends it.
    expect((await sendDoumi(createdBody(application))).status).toBe(200);
    const candidate = ref(Board.DOUMI, application.applicationId);
    await hub.waitForStage(candidate, CandidateStage.WITHDRAWN);
    expect(await hub.store.quarantine.get('demo', entry!.id)).toMatchObject({ status: 'replayed', workflowId: candidateWorkflowId(candidate) });
    // Replaying it again is harmless: the workflow has finished.
    expect((await replay(entry!.id)).body).toMatchObject({ outcome: 'withdrawal-noop' });
  });

  test('the same holds when the application itself waited in the quarantine (unknown job) and is replayed', async () => {
    const application = doumiApplication({ outerJobCode: NEW_JOB });
    expect((await sendDoumi(createdBody(application))).body).toEqual({ code: 0 });
    const withdrawal = JSON.stringify({ event: 'application.withdrawn', deliveryId: randomUUID(), data: { applicationId: application.applicationId } });
    expect((await sendDoumi(withdrawal, { event: 'application.withdrawn' })).body).toEqual({ code: 0 });
    const entries = await quarantinedByApplication(application.applicationId);
    expect(entries.map((e) => e.reason).sort()).toEqual(['UnknownApplication', 'UnknownJob']);
    const replayed = await replay(entries.find((e) => e.reason === 'UnknownJob')!.id, buildApp({ config: fixedConfig() }));
    expect(replayed.body).toMatchObject({ outcome: 'new' });
    await hub.waitForStage(ref(Board.DOUMI, application.applicationId), CandidateStage.WITHDRAWN);
  });
});

describe('quarantine: verified but unusable deliveries are acknowledged, kept, listed and replayable', () => {
  test.each([
    ['invalid JSON', 'InvalidJson', () => '{"event":"application.created","data":{"application":{"applicationId":"X",'],
    ['a missing phone', 'MissingPhone', () => createdBody(doumiApplication({}, { mobile: null }))],
    ['a landline instead of a mobile', 'InvalidPhone', () => createdBody(doumiApplication({}, { mobile: '021-62345678' }))],
    ['an unparsable time', 'InvalidPayload', () => createdBody(doumiApplication({ appliedAt: '25/11/2026 9:30' }))],
    ['an unknown event', 'UnknownEvent', () => JSON.stringify({ event: 'application.archived', data: {} })],
  ])('%s: {"code":0}, quarantined as %s, replay answers 422 and keeps it', async (_what, reason, body) => {
    const delivery = randomUUID();
    const text = body();
    const res = await sendDoumi(text, { delivery });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 0 });
    const list = await listQuarantine('?board=doumi&status=open');
    const entry = list.body.items.find((e: { deliveryId: string }) => e.deliveryId === delivery);
    expect(entry).toMatchObject({ reason, status: 'open', source: 'webhook', board: 'doumi' });
    expect(entry.problems.length).toBeGreaterThan(0);
    // Lists never carry the payload; the entry does only on request, exactly as received.
    expect(JSON.stringify(list.body)).not.toContain('13800138000');
    const detail = await request(app).get(`/api/v1/quarantine/${entry.id}?include=payload`).set('Authorization', `Bearer ${demoKey}`);
    expect(detail.body.payload).toEqual({ encoding: 'utf-8', data: text });
    const again = await replay(entry.id);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe(reason);
    expect(again.body.error.issues.length).toBeGreaterThan(0);
    expect((await hub.store.quarantine.get('demo', entry.id))?.status).toBe('open');
    // A redelivery of the same bad delivery is kept once.
    await sendDoumi(text, { delivery });
    expect((await listQuarantine('?limit=100')).body.items.filter((e: { deliveryId: string }) => e.deliveryId === delivery)).toHaveLength(1);
  });

  test('an unknown job code is kept; after the config adds the job, replay starts the workflow', async () => {
    const application = doumiApplication({ outerJobCode: NEW_JOB });
    expect((await sendDoumi(createdBody(application))).body).toEqual({ code: 0 });
    const [entry] = await quarantinedByApplication(application.applicationId);
    expect(entry).toMatchObject({ reason: 'UnknownJob', problems: [expect.stringContaining(NEW_JOB)] });
    const candidate = ref(Board.DOUMI, application.applicationId);
    expect(await workflowExists(candidateWorkflowId(candidate))).toBe(false);

    // Still unknown under the current config: 422, kept.
    expect((await replay(entry!.id)).status).toBe(422);
    // Another tenant's key sees none of it.
    expect((await request(app).get(`/api/v1/quarantine/${entry!.id}`).set('Authorization', `Bearer ${OTHER_KEY}`)).status).toBe(404);
    expect((await replay(entry!.id, app, OTHER_KEY)).status).toBe(404);
    expect((await listQuarantine('?limit=100', OTHER_KEY)).body.items).toEqual([]);

    const fixed = buildApp({ config: fixedConfig() });
    const res = await replay(entry!.id, fixed);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: entry!.id, status: 'replayed', outcome: 'new', workflowId: candidateWorkflowId(candidate) });
    await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    expect(await hub.store.quarantine.get('demo', entry!.id)).toMatchObject({ status: 'replayed', workflowId: candidateWorkflowId(candidate) });
    expect((await listQuarantine('?status=replayed&limit=100')).body.items.map((e: { id: string }) => e.id)).toContain(entry!.id);
  });

  test('an entry no fix will repair is discarded by a person: kept, out of the open backlog', async () => {
    const delivery = randomUUID();
    await sendDoumi('not json at all', { delivery });
    const entry = (await listQuarantine('?reason=InvalidJson&limit=100')).body.items.find((e: { deliveryId: string }) => e.deliveryId === delivery);
    const discard = (id: string, key = demoKey) =>
      request(app).post(`/api/v1/quarantine/${id}/discard`).set('Authorization', `Bearer ${key}`).send({ by: 'ops.wang@demo.example', note: '测试数据' });
    expect((await discard(entry.id, OTHER_KEY)).status).toBe(404);
    const res = await discard(entry.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: entry.id, status: 'discarded', discardedBy: 'ops.wang@demo.example', discardNote: '测试数据' });
    expect(res.body).not.toHaveProperty('payload');
    expect((await discard(entry.id)).status).toBe(409);
    const missingNote = await request(app).post(`/api/v1/quarantine/${entry.id}/discard`).set('Authorization', `Bearer ${demoKey}`).send({ by: 'x' });
    expect(missingNote.status).toBe(400);
    expect((await listQuarantine('?status=open&limit=100')).body.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
  });

  test('a closed job is kept as JobClosed', async () => {
    const closed = fixedConfig();
    closed.tenants[0]!.jobs.find((j) => j.code === PROMO)!.open = false;
    const application = doumiApplication();
    expect((await sendDoumi(createdBody(application), { target: buildApp({ config: closed }) })).body).toEqual({ code: 0 });
    expect(await quarantinedByApplication(application.applicationId)).toEqual([expect.objectContaining({ reason: 'JobClosed' })]);
  });

  test('/metrics counts quarantined deliveries and the open backlog by tenant, board and reason', async () => {
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/hirebridge_quarantined_total\{tenant="demo",board="doumi",reason="UnknownJob"\} [1-9]/);
    expect(res.text).toMatch(/hirebridge_webhook_deliveries_total\{tenant="demo",board="doumi",outcome="unauthorized"\} [1-9]/);
    // The open backlog comes from the database: the invalid-JSON entries above are still open.
    expect(res.text).toMatch(/hirebridge_quarantine_open\{tenant="demo",board="doumi",reason="InvalidJson"\} [1-9]/);
  });

  test('bad query parameters are a 400 naming the field', async () => {
    const res = await listQuarantine('?status=lost');
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('status');
    expect((await replay('abc')).status).toBe(400);
    expect((await replay('999999999')).status).toBe(404);
  });
});

describe('Jianzhimao webhook', () => {
  test('a signed resume_deliver is answered plain "success" and starts the workflow', async () => {
    const resume = jzmResume();
    const res = await sendJzm(signedForm('resume_deliver', JSON.stringify(resume)));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('success');
    const candidate = ref(Board.JIANZHIMAO, resume.resume_id);
    await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    expect(await hub.store.applications.get(candidate)).toMatchObject({
      appliedAt: '2026-11-25T01:31:07.000Z',
      candidate: { gender: 'FEMALE', phoneE164: '+8613900139000', hasHealthCertificate: true, expectedHourlyWage: 25, availabilityText: '周末全天' },
    });
  });

  test.each([
    ['a wrong secret', { secret: 'wrong-secret' }],
    ['a timestamp 11 minutes old', { ts: Date.now() - 660_000 }],
    ['another app_id', { appId: 'someone-else' }],
  ])('%s is 401 "fail" and creates nothing', async (_what, opts) => {
    const resume = jzmResume();
    const res = await sendJzm(signedForm('resume_deliver', JSON.stringify(resume), opts));
    expect(res.status).toBe(401);
    expect(res.text).toBe('fail');
    expect(await hub.store.applications.get(ref(Board.JIANZHIMAO, resume.resume_id))).toBeUndefined();
    expect(await quarantinedByApplication(resume.resume_id)).toEqual([]);
  });

  test('redeliveries are re-signed with new timestamps and nonces: still one workflow, one quarantine entry', async () => {
    const resume = jzmResume();
    for (let i = 0; i < 3; i++) expect((await sendJzm(signedForm('resume_deliver', JSON.stringify(resume)))).text).toBe('success');
    expect(await hub.store.applications.get(ref(Board.JIANZHIMAO, resume.resume_id))).toBeDefined();
    const bad = jzmResume({ phone: '' });
    for (let i = 0; i < 3; i++) expect((await sendJzm(signedForm('resume_deliver', JSON.stringify(bad)))).text).toBe('success');
    expect(await quarantinedByApplication(bad.resume_id)).toEqual([expect.objectContaining({ reason: 'MissingPhone', board: 'jianzhimao' })]);
  });

  test('an unknown out_job_no is kept and replays after the config fix', async () => {
    const resume = jzmResume({ out_job_no: NEW_JOB, expect_salary: '面议' });
    expect((await sendJzm(signedForm('resume_deliver', JSON.stringify(resume)))).text).toBe('success');
    const [entry] = await quarantinedByApplication(resume.resume_id);
    expect(entry?.reason).toBe('UnknownJob');
    const res = await replay(entry!.id, buildApp({ config: fixedConfig() }));
    expect(res.status).toBe(200);
    const candidate = ref(Board.JIANZHIMAO, resume.resume_id);
    await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    expect((await hub.store.applications.get(candidate))?.candidate.expectedHourlyWage).toBeNull();
  });

  test('resume_cancel ends the workflow', async () => {
    const resume = jzmResume();
    await sendJzm(signedForm('resume_deliver', JSON.stringify(resume)));
    const candidate = ref(Board.JIANZHIMAO, resume.resume_id);
    await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    const res = await sendJzm(signedForm('resume_cancel', JSON.stringify({ resume_id: resume.resume_id, cancel_time: '2026-11-25 10:00:00' })));
    expect(res.text).toBe('success');
    await hub.waitForStage(candidate, CandidateStage.WITHDRAWN);
  });

  test('biz_content that is not JSON is kept as InvalidJson', async () => {
    const form = signedForm('resume_deliver', '{"resume_id":"JZM-BROKEN",');
    expect((await sendJzm(form)).text).toBe('success');
    const items = (await listQuarantine('?board=jianzhimao&limit=100')).body.items as Array<{ reason: string; contentType: string }>;
    expect(items.some((e) => e.reason === 'InvalidJson' && e.contentType.startsWith('application/x-www-form-urlencoded'))).toBe(true);
  });
});

describe('Temporal unavailable', () => {
  test('the board is not told "ok": 503, kept as WorkflowStartFailed, and the redelivery that gets through resolves it', async () => {
    const dead = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }), namespace: 'default' });
    const down = buildApp({ client: dead });
    const application = doumiApplication();
    const body = createdBody(application);
    const delivery = randomUUID();
    const res = await sendDoumi(body, { delivery, target: down });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50000);
    const [entry] = await quarantinedByApplication(application.applicationId);
    expect(entry).toMatchObject({ reason: 'WorkflowStartFailed', status: 'open', deliveryId: delivery });

    const jzmDown = await sendJzm(signedForm('resume_deliver', JSON.stringify(jzmResume())), down);
    expect([jzmDown.status, jzmDown.text]).toEqual([503, 'fail']);

    // Doumi redelivers after 10 s; Temporal is back.
    const redelivered = await sendDoumi(body, { delivery });
    expect(redelivered.body).toEqual({ code: 0 });
    const candidate = ref(Board.DOUMI, application.applicationId);
    await hub.waitForStage(candidate, CandidateStage.INTERVIEW_INVITED);
    expect(await hub.store.quarantine.get('demo', entry!.id)).toMatchObject({ status: 'replayed', workflowId: candidateWorkflowId(candidate) });
  });
});

describe('logs', () => {
  test('hold no names or phone numbers, for accepted and quarantined deliveries alike', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = buildApp({ logger: pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink) });
    await sendDoumi(createdBody(doumiApplication({}, { name: '欧阳娜娜', mobile: '13712345678' })), { target: logged });
    await sendDoumi(createdBody(doumiApplication({ outerJobCode: 'NOPE-1' }, { name: '欧阳娜娜', mobile: '13712345678' })), { target: logged });
    await sendJzm(signedForm('resume_deliver', JSON.stringify(jzmResume({ real_name: '欧阳娜娜', phone: '13712345678', out_job_no: 'NOPE-2' }))), logged);
    const text = lines.join('');
    expect(text).toContain('board webhook accepted');
    expect(text).toContain('board delivery quarantined');
    expect(text).not.toMatch(/欧阳娜娜|13712345678|8613712345678/);
  });
});

describe("the boards' simulators (written from the spec, independently of the connectors)", () => {
  test('their signed webhooks are accepted and start workflows; a withdrawal ends one', async () => {
    const server = createServer(app);
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const doumi = await startDoumiSimulator({ hubUrl, seed: 7, redeliveryScale: 0.0001, jobCodes: [PROMO] });
    const jianzhimao = await startJianzhimaoSimulator({ hubUrl, seed: 7, redeliveryScale: 0.0001, jobCodes: [PROMO] });
    try {
      const apps = doumi.addApplications({ count: 6, jobCode: PROMO, deliver: 'webhook' });
      const resumes = jianzhimao.addResumes({ count: 3, jobCode: PROMO, deliver: 'webhook' });
      await doumi.webhooksIdle();
      await jianzhimao.webhooksIdle();
      for (const d of [...doumi.deliveries(), ...jianzhimao.deliveries()]) expect([d.state, d.attempts[0]?.status]).toEqual(['delivered', 200]);
      for (const a of apps) expect(await hub.store.applications.get(ref(Board.DOUMI, a.applicationId))).toBeDefined();
      for (const r of resumes) expect(await hub.store.applications.get(ref(Board.JIANZHIMAO, r.resume_id))).toBeDefined();
      // Generated candidates may fail the job's prescreen; withdraw one that is waiting for its interview.
      const stages = await Promise.all(
        apps.map(async (a) => {
          const candidate = ref(Board.DOUMI, a.applicationId);
          const status = await eventually(() => hub.status(candidate).catch(() => undefined), (s) => s !== undefined && s.stage !== CandidateStage.INGESTED);
          return { candidate, stage: status?.stage };
        }),
      );
      const waiting = stages.find((s) => s.stage === CandidateStage.INTERVIEW_INVITED);
      expect(waiting).toBeDefined();
      const withdrawn = waiting!.candidate;
      doumi.withdrawApplication(withdrawn.applicationId, { deliver: 'webhook' });
      await doumi.webhooksIdle();
      await hub.waitForStage(withdrawn, CandidateStage.WITHDRAWN);
    } finally {
      await doumi.close();
      await jianzhimao.close();
      await new Promise((resolveClose) => server.close(resolveClose));
    }
  });
});
