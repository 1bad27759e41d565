// The HTTP API against a real Temporal test server and worker: auth and tenant isolation, intake,
// the candidate read side, HR decisions and materials, the candidate's links, webhooks, errors.
import { Writable } from 'node:stream';
import type express from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../api/create-app';
import { createLogger, REDACT_PATHS } from '../common/logger';
import { signLink } from '../common/signed-links';
import { CandidateStage } from '../common/types';
import type { HubStore } from '../connectors/hub-db';
import type { HubDb } from '../connectors/hub-db/create-hub-db';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import { createHarness, type Harness } from './support/hub-harness';

const OTHER_KEY = 'other-tenant-api-key-0001';
const PROMO = 'RX-SH-PROMO-001';
const RIDER = 'RX-SH-RIDER-001';

let hub: Harness;
let app: express.Application;
let demoKey: string;

beforeAll(async () => {
  hub = await createHarness({
    server: 'time-skipping',
    configure: (doc) => {
      const demo = doc.tenants[0];
      doc.tenants.push({ ...structuredClone(demo), id: 'other', name: 'Other Retail', apiKeys: [OTHER_KEY] });
    },
  });
  demoKey = hub.config.tenants.find((t) => t.id === 'demo')!.apiKeys[0]!;
  app = buildApp();
});
afterAll(async () => {
  await hub?.shutdown();
});

function buildApp(overrides: { store?: HubStore; db?: HubDb; logger?: pino.Logger } = {}): express.Application {
  return createApp({
    config: hub.config,
    store: overrides.store ?? hub.store,
    client: hub.client,
    db: overrides.db ?? hub.db,
    taskQueue: hub.taskQueue,
    logger: overrides.logger ?? createLogger('api-test', 'silent'),
  });
}

const get = (path: string, key = demoKey) => request(app).get(path).set('Authorization', `Bearer ${key}`);
const post = (path: string, body: unknown, key = demoKey) => request(app).post(path).set('Authorization', `Bearer ${key}`).send(body as object);
const candidatePath = (workflowId: string, rest = '') => `/api/v1/candidates/${encodeURIComponent(workflowId)}${rest}`;

/** An intake body: the fixture application without tenantId. */
function intakeBody(overrides: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}) {
  const { tenantId: _tenantId, ...app } = makeApplication();
  return { ...app, ...overrides, candidate: { ...app.candidate, ...candidate } };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

const waitForStage = (workflowId: string, stage: CandidateStage, key = demoKey) =>
  eventually(
    async () => (await get(candidatePath(workflowId), key)).body as { stage: string | null; live: Record<string, any> | null },
    (body) => body.stage === stage && body.live?.stage === stage,
    `${workflowId} to reach ${stage}`,
  );

const tokenOf = (link: string) => new URL(link).pathname.split('/')[2]!;

describe('health and documents', () => {
  test('liveness, readiness and the OpenAPI document need no key', async () => {
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { temporal: 'ok', database: 'ok' } });

    const doc = await request(app).get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/applications',
        '/api/v1/candidates',
        '/api/v1/candidates/{id}',
        '/api/v1/candidates/{id}/events',
        '/api/v1/candidates/{id}/notifications',
        '/api/v1/candidates/{id}/decision',
        '/api/v1/candidates/{id}/materials',
        '/i/{token}',
        '/i/{token}/start',
        '/i/{token}/answers',
        '/r/{token}',
        '/webhooks/doumi/{tenantId}',
        '/webhooks/jianzhimao/{tenantId}',
        '/healthz',
        '/readyz',
      ]),
    );
    expect(doc.body.components.securitySchemes.tenantApiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.body.paths['/api/v1/candidates/{id}/decision'].post.responses['409'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });

  test('readiness is 503 and names the database when it does not answer', async () => {
    const brokenDb = { knex: { raw: () => Promise.reject(new Error('connection refused')) } } as unknown as HubDb;
    const res = await request(buildApp({ db: brokenDb })).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { temporal: 'ok', database: 'unreachable' } });
  });
});

describe('authentication', () => {
  test.each([
    ['no header', undefined],
    ['a wrong key', 'Bearer not-a-key-of-any-tenant'],
    ['another scheme', `Basic ${Buffer.from(`x:${'dev-demo-api-key'}`).toString('base64')}`],
  ])('%s is 401 with a Bearer challenge', async (_name, header) => {
    const req = request(app).get('/api/v1/candidates');
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body.error.code).toMatch(/^(MissingApiKey|InvalidApiKey)$/);
  });

  test('unknown routes are JSON 404s, inside and outside /api/v1', async () => {
    const outside = await request(app).get('/nope');
    expect(outside.status).toBe(404);
    expect(outside.headers['content-type']).toMatch(/json/);
    expect(outside.body.error.code).toBe('NotFound');
    const inside = await get('/api/v1/nope');
    expect(inside.status).toBe(404);
    expect(inside.body.error.code).toBe('NotFound');
  });
});

describe('intake', () => {
  test('202 with the workflow ID, and a redelivery is a duplicate of the same workflow', async () => {
    const body = intakeBody({ board: undefined });
    const first = await post('/api/v1/applications', body);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ workflowId: `candidate:demo:direct:${body.applicationId}`, outcome: 'new' });
    expect(first.headers.location).toBe(candidatePath(first.body.workflowId));
    const again = await post('/api/v1/applications', body);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ workflowId: first.body.workflowId, outcome: 'duplicate' });
  });

  test('400 names each invalid field', async () => {
    const res = await post('/api/v1/applications', intakeBody({ tenantId: 'other' }, { phoneE164: '13800138000' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(res.body.error.message).toContain('candidate.phoneE164');
    expect(res.body.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'candidate.phoneE164', message: expect.stringContaining('E.164') },
        { path: 'tenantId', message: 'unknown field' },
      ]),
    );
    const slot = await post('/api/v1/applications', intakeBody({}, { availability: [{ weekday: 6, from: '9am', to: '18:00' }] }));
    expect(slot.body.error.issues).toEqual([{ path: 'candidate.availability[0].from', message: 'must be a time of day as HH:mm' }]);
  });

  test('malformed JSON is a 400 that says so, and a body over 1 MB is a 413', async () => {
    const bad = await request(app).post('/api/v1/applications').set('Authorization', `Bearer ${demoKey}`).set('Content-Type', 'application/json').send('{"applicationId": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MalformedJson');
    const big = await post('/api/v1/applications', intakeBody({}, { selfIntroduction: 'x'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PayloadTooLarge');
    const noBody = await request(app).post('/api/v1/applications').set('Authorization', `Bearer ${demoKey}`);
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.message).toContain('application/json');
  });

  test('422 for a job the tenant does not have', async () => {
    const res = await post('/api/v1/applications', intakeBody({ jobCode: 'NO-SUCH-JOB' }));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'UnknownJob', message: expect.stringContaining('NO-SUCH-JOB') });
  });
});

describe('a candidate through the API', () => {
  let workflowId: string;
  let interviewToken: string;
  let resultToken: string;

  test('the detail merges the read model with the live status and masks name and phone', async () => {
    const body = intakeBody({ board: 'doumi', jobCode: PROMO }, { name: '张三', phoneE164: '+8613800138000' });
    workflowId = (await post('/api/v1/applications', body)).body.workflowId;
    const detail = await waitForStage(workflowId, CandidateStage.INTERVIEW_INVITED);
    expect(detail).toMatchObject({
      workflowId,
      tenantId: 'demo',
      board: 'doumi',
      applicationId: body.applicationId,
      jobCode: PROMO,
      jobTitle: '促销员 (promoter)',
      applicant: { name: '张*', phone: '+86138****8000' },
      live: { stage: CandidateStage.INTERVIEW_INVITED, questions: expect.any(Array) },
    });
    const text = JSON.stringify(detail);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('张三');
    interviewToken = tokenOf(detail.live!.interviewLink);
    resultToken = tokenOf(detail.live!.resultLink);

    // Colons in the ID may also arrive unencoded.
    const raw = await get(`/api/v1/candidates/${workflowId}`);
    expect(raw.status).toBe(200);
    expect(raw.body.workflowId).toBe(workflowId);
  });

  test('events and notifications of the candidate, recipients masked', async () => {
    // The audit event is appended just after the read-model row changes.
    const events = await eventually(
      () => get(candidatePath(workflowId, '/events')),
      (res) => res.status !== 200 || res.body.items.length >= 2,
      'the invitation event',
    );
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { stage: string }) => e.stage)).toEqual(['INGESTED', 'INTERVIEW_INVITED']);
    expect(events.body.items[1]).toMatchObject({ type: 'interview_invited', actor: 'system' });
    const notifications = await eventually(
      async () => (await get(candidatePath(workflowId, '/notifications'))).body.items as Array<Record<string, unknown>>,
      (items) => items.length > 0,
      'the invitation',
    );
    expect(notifications[0]).toMatchObject({ audience: 'candidate', template: 'interview_invitation', recipient: '+86138****8000' });
    expect(JSON.stringify(notifications)).not.toContain('13800138000');
  });

  test('the interview link: view, start, a wrong question, answers', async () => {
    const view = await request(app).get(`/i/${interviewToken}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      jobTitle: '促销员 (promoter)',
      stage: CandidateStage.INTERVIEW_INVITED,
      progress: { answered: 0, total: 3, nextQuestion: null },
    });
    expect(view.headers['referrer-policy']).toBe('no-referrer');

    const early = await request(app).post(`/i/${interviewToken}/answers`).send({ questionId: 'initiative', answer: '还没开始' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('InterviewNotOpen');

    const started = await request(app).post(`/i/${interviewToken}/start`).send({ consentToAiScoring: true });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ answered: 0, total: 3, nextQuestion: { id: 'initiative' } });

    const wrong = await request(app).post(`/i/${interviewToken}/answers`).send({ questionId: 'schedule', answer: '跳过前面的问题' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toEqual({ code: 'WrongQuestion', message: 'expected an answer to question "initiative", got "schedule"' });

    const badBody = await request(app).post(`/i/${interviewToken}/answers`).send({ questionId: 'initiative' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.issues[0].path).toBe('answer');

    let progress = started.body;
    for (const answer of PROMOTER_ANSWERS.PASS) {
      const res = await request(app).post(`/i/${interviewToken}/answers`).send({ questionId: progress.nextQuestion.id, answer });
      expect(res.status).toBe(200);
      progress = res.body;
    }
    expect(progress).toMatchObject({ answered: 3, total: 3, nextQuestion: null });
    await waitForStage(workflowId, CandidateStage.HR_REVIEW);
  });

  test("HR reads the assessment with the transcript; another tenant's key gets 404", async () => {
    const res = await eventually(() => get(candidatePath(workflowId, '/assessment')), (r) => r.status === 200, 'the stored assessment');
    expect(res.body).toMatchObject({
      workflowId,
      round: 1,
      aiScoringDeclined: false,
      outcome: 'PASS',
      scorer: 'deterministic-rubric (not an LLM)',
      model: null,
      rubricVersion: 'promoter-v1',
      transcript: PROMOTER_ANSWERS.PASS.map((answer) => ({ answer, secondsTaken: expect.any(Number) })),
    });
    expect(res.body.dimensions).toHaveLength(3);
    expect((await get(candidatePath(workflowId, '/assessment'), OTHER_KEY)).status).toBe(404);
    expect((await get(candidatePath(workflowId, '/assessment?round=7'))).body.error.code).toBe('AssessmentNotFound');
    expect((await get(candidatePath(workflowId, '/assessment?round=x'))).status).toBe(400);
  });

  test('a browser gets the interview page as HTML under a strict CSP; its script and stylesheet are same-origin', async () => {
    const page = await request(app).get(`/i/${interviewToken}`).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(page.text).not.toMatch(/<script>|\sstyle=|\son[a-z]+=/); // nothing inline
    expect(page.text).not.toContain(interviewToken);
    const script = await request(app).get('/assets/candidate-page.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    const result = await request(app).get(`/r/${resultToken}?lang=en`).set('Accept', 'text/html');
    expect(result.status).toBe(200);
    expect(result.text).toContain('Interview assessment report');
    const bad = await request(app).get('/r/bad%20token').set('Accept', 'text/html');
    expect(bad.status).toBe(404);
    expect(bad.text).toContain('链接无效');
  });

  test('bad, wrong-purpose and expired links', async () => {
    expect((await request(app).get('/i/not-a-token')).status).toBe(404);
    expect((await request(app).get(`/i/${interviewToken.slice(0, -2)}xx`)).status).toBe(404);
    const wrongPurpose = await request(app).get(`/i/${resultToken}`);
    expect(wrongPurpose.status).toBe(404);
    expect(wrongPurpose.body.error.code).toBe('NotFound');
    const expired = signLink(hub.config.hub.linkSecret, { workflowId, purpose: 'interview', expiresAt: Math.floor(Date.now() / 1000) - 60 });
    const gone = await request(app).post(`/i/${expired}/start`).send({ consentToAiScoring: true });
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('LinkExpired');
    const unknown = signLink(hub.config.hub.linkSecret, { workflowId: 'candidate:demo:doumi:NO-SUCH', purpose: 'result', expiresAt: Math.floor(Date.now() / 1000) + 60 });
    expect((await request(app).get(`/r/${unknown}`)).status).toBe(404);
  });

  test('while HR reviews, the result link says 审核中 and gives away no outcome', async () => {
    const res = await request(app).get(`/r/${resultToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: CandidateStage.HR_REVIEW, resultCode: 'IN_REVIEW', result: '审核中', onboarding: null });
    expect(res.body.answerBy).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/PASS"|score/);
  });

  test('a decision moves the candidate on; a retry with the same decisionId gets the same answer; a stale one is 409', async () => {
    const invalid = await post(candidatePath(workflowId, '/decision'), { action: 'maybe', reviewer: 'hr.li@demo.example' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0].path).toBe('action');

    const decision = { action: 'approve', reviewer: 'hr.li@demo.example', expectedStage: 'HR_REVIEW', decisionId: `approve-${workflowId}` };
    const first = await post(candidatePath(workflowId, '/decision'), decision);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ stage: CandidateStage.SYNCING });

    const retried = await post(candidatePath(workflowId, '/decision'), decision);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ stage: CandidateStage.SYNCING });

    const stale = await post(candidatePath(workflowId, '/decision'), { ...decision, decisionId: 'another-click' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('StaleDecision');

    await waitForStage(workflowId, CandidateStage.ONBOARDING);
    const notAwaiting = await post(candidatePath(workflowId, '/decision'), { action: 'reject', reviewer: 'hr.li@demo.example' });
    expect(notAwaiting.status).toBe(409);
    expect(notAwaiting.body.error.code).toBe('NotAwaitingDecision');

    const audit = (await get(candidatePath(workflowId, '/events'))).body.items as Array<{ type: string; actor: string }>;
    expect(audit.filter((e) => e.type === 'review_passed')).toEqual([expect.objectContaining({ actor: 'api:hr.li@demo.example' })]);
  });

  test('materials, and the result link during onboarding', async () => {
    const passed = await request(app).get(`/r/${resultToken}`);
    expect(passed.body).toMatchObject({
      resultCode: 'PASSED',
      result: '通过',
      onboarding: { deadline: expect.any(String), overdue: false, missingMaterials: ['id_card', 'health_certificate', 'bank_card'] },
    });

    const partial = await post(candidatePath(workflowId, '/materials'), { verified: ['id_card'], reviewer: 'hr.li@demo.example' });
    expect(partial.status).toBe(200);
    expect(partial.body).toEqual({ stage: CandidateStage.ONBOARDING, missing: ['health_certificate', 'bank_card'] });

    const unknown = await post(candidatePath(workflowId, '/materials'), { verified: ['passport'], reviewer: 'hr.li@demo.example' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.code).toBe('UnknownMaterial');

    expect((await request(app).get(`/r/${resultToken}`)).body.onboarding.missingMaterials).toEqual(['health_certificate', 'bank_card']);
  });

  test('another tenant sees none of it: 404, never 403', async () => {
    for (const path of [candidatePath(workflowId), candidatePath(workflowId, '/events'), candidatePath(workflowId, '/notifications')]) {
      const res = await get(path, OTHER_KEY);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NotFound');
    }
    const decision = await post(candidatePath(workflowId, '/decision'), { action: 'withdraw', reviewer: 'intruder' }, OTHER_KEY);
    expect(decision.status).toBe(404);
    const materials = await post(candidatePath(workflowId, '/materials'), { verified: ['bank_card'], reviewer: 'intruder' }, OTHER_KEY);
    expect(materials.status).toBe(404);
    const list = await get(`/api/v1/candidates?jobCode=${PROMO}&limit=200`, OTHER_KEY);
    expect(list.body.items.map((c: { workflowId: string }) => c.workflowId)).not.toContain(workflowId);
  });
});

describe('commands on candidates that are not there, or closed', () => {
  test('a decision for an unknown or malformed ID is 404', async () => {
    for (const id of ['candidate:demo:doumi:NO-SUCH-APPLICATION', 'not-a-candidate-id', 'candidate:demo:myspace:X']) {
      const res = await post(candidatePath(id, '/decision'), { action: 'approve', reviewer: 'hr.li@demo.example' });
      expect(res.status).toBe(404);
    }
    expect((await get(candidatePath('candidate:demo:doumi:NO-SUCH-APPLICATION'))).status).toBe(404);
  });

  test('a decision for a finished workflow is 409 CandidateClosed', async () => {
    const body = intakeBody({ board: 'doumi' }, { city: '北京市' });
    const { workflowId } = (await post('/api/v1/applications', body)).body;
    const handle = hub.client.workflow.getHandle(workflowId);
    await eventually(() => handle.describe(), (d) => d.status.name === 'COMPLETED', 'the prescreen rejection to complete');
    const res = await post(candidatePath(workflowId, '/decision'), { action: 'withdraw', reviewer: 'hr.li@demo.example' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CandidateClosed');
    expect((await get(candidatePath(workflowId))).body).toMatchObject({ stage: CandidateStage.PRESCREEN_REJECTED });
  });
});

describe('the candidate list', () => {
  test('filters and pages the read model of the caller tenant', async () => {
    const ids: string[] = [];
    for (const board of ['jianzhimao', 'jianzhimao', 'jianzhimao', 'direct']) {
      const res = await post('/api/v1/applications', intakeBody({ board, jobCode: RIDER }), OTHER_KEY);
      expect(res.status).toBe(202);
      ids.push(res.body.workflowId);
    }
    const filter = `jobCode=${RIDER}&board=jianzhimao&stage=INTERVIEW_INVITED`;
    await eventually(
      async () => (await get(`/api/v1/candidates?${filter}`, OTHER_KEY)).body.items as unknown[],
      (items) => items.length === 3,
      'three invited riders',
    );

    const page1 = await get(`/api/v1/candidates?${filter}&limit=2`, OTHER_KEY);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await get(`/api/v1/candidates?${filter}&limit=2&cursor=${page1.body.nextCursor}`, OTHER_KEY);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const seen = [...page1.body.items, ...page2.body.items].map((c: { workflowId: string }) => c.workflowId);
    expect(seen.sort()).toEqual(ids.slice(0, 3).sort());
    expect(page1.body.items[0]).toMatchObject({ tenantId: 'other', board: 'jianzhimao', jobCode: RIDER, stage: 'INTERVIEW_INVITED' });

    const createdAt = page2.body.items[0].createdAt as string;
    const before = await get(`/api/v1/candidates?${filter}&createdTo=${encodeURIComponent(createdAt)}`, OTHER_KEY);
    expect(before.body.items.map((c: { createdAt: string }) => c.createdAt).every((t: string) => t < createdAt)).toBe(true);
    const from = await get(`/api/v1/candidates?${filter}&createdFrom=${encodeURIComponent(createdAt)}`, OTHER_KEY);
    expect(from.body.items.length + before.body.items.length).toBe(3);

    const demoList = await get(`/api/v1/candidates?jobCode=${RIDER}&limit=200`);
    expect(demoList.body.items.filter((c: { workflowId: string }) => ids.includes(c.workflowId))).toEqual([]);
  });

  test.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['stage=SLEEPING', 'stage'],
    ['createdFrom=yesterday', 'createdFrom'],
    ['colour=blue', 'colour'],
  ])('%s is a 400 naming %s', async (query, field) => {
    const res = await get(`/api/v1/candidates?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([field]);
  });

  test('a cursor the API did not issue is a 400', async () => {
    const res = await get('/api/v1/candidates?cursor=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadCursor');
  });
});

describe('board webhooks (the full suite is test/board-webhooks.test.ts)', () => {
  test.each(['doumi', 'jianzhimao'])('%s: 404 for an unknown tenant, 413 over 1 MB, 401 unsigned', async (board) => {
    const unknown = await request(app).post(`/webhooks/${board}/nobody`).send({ any: 'thing' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NotFound');

    const big = await request(app).post(`/webhooks/${board}/demo`).set('Content-Type', 'application/json').send(`"${'x'.repeat(1024 * 1024 + 10)}"`);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PayloadTooLarge');

    const unsigned = await request(app).post(`/webhooks/${board}/demo`).send({ any: 'thing' });
    expect(unsigned.status).toBe(401);
  });
});

/** A logger like the API's (same redaction) whose lines the test can read. */
function captureLogs() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink) };
}

describe('failures', () => {
  test('an unexpected error is a generic 500: logged, never leaked', async () => {
    const { lines, logger } = captureLogs();
    const failing = {
      ...hub.store,
      candidates: { list: () => Promise.reject(new Error('db password is hunter2')), get: hub.store.candidates.get.bind(hub.store.candidates) },
    } as unknown as HubStore;
    const res = await request(buildApp({ store: failing, logger })).get('/api/v1/candidates').set('Authorization', `Bearer ${demoKey}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'InternalError', message: expect.any(String), requestId: expect.any(String) } });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toMatch(/\bat \w|\.ts:\d/);
    expect(res.headers['x-request-id']).toBe(res.body.error.requestId);

    const logged = lines.join('');
    expect(logged).toContain('hunter2'); // for the operator
    expect(logged).not.toContain(demoKey);
  });

  test('request logs hold no link tokens', async () => {
    const { lines, logger } = captureLogs();
    const token = signLink(hub.config.hub.linkSecret, { workflowId: 'candidate:demo:doumi:NOPE', purpose: 'result', expiresAt: Math.floor(Date.now() / 1000) + 60 });
    await request(buildApp({ logger })).get(`/r/${token}`);
    const logged = lines.join('');
    expect(logged).toContain('/r/[redacted]');
    expect(logged).not.toContain(token);
  });
});
