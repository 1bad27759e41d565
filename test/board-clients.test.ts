// The board API clients (issue #3, outbound): signatures checked against vectors computed here with
// node:crypto from the spec's recipe, and every error class of the spec classified, against the
// board simulators in sandbox/ (which share no code with the connectors).
import { createHash, createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApplicationFailure } from '@temporalio/common';
import { toBoardFailure } from '../activities/board-clients';
import { ErrorKind, HubError, transientError } from '../common/errors';
import { DoumiClient } from '../connectors/doumi/doumi-client';
import { JianzhimaoClient } from '../connectors/jianzhimao/jianzhimao-client';
import { startDoumiSimulator, type DoumiSimulator } from '../sandbox/doumi/doumi-simulator';
import { startJianzhimaoSimulator, type JianzhimaoSimulator } from '../sandbox/jianzhimao/jianzhimao-simulator';

// The dev config's credentials (config/dev.yaml), which the simulators load by default.
const DOUMI = { appKey: 'dev-doumi-app', appSecret: 'dev-doumi-app-secret' };
const JZM = { appId: 'dev-jzm-app', appSecret: 'dev-jzm-app-secret' };

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

/** A loopback server that records the one request it gets and answers with `reply`. */
async function captureServer(reply: unknown) {
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  const app = express();
  app.use(express.text({ type: () => true }));
  app.all('/{*rest}', (req, res) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: typeof req.body === 'string' ? req.body : '' });
    res.json(reply);
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

describe('Doumi request signature (spec: stringToSign, HMAC-SHA256, lowercase hex)', () => {
  it('signs a GET with a query exactly as the spec vector computed here', async () => {
    const capture = await captureServer({ code: 0, msg: 'ok', data: { items: [], nextCursor: 'c1', hasMore: false } });
    try {
      const client = new DoumiClient({ ...DOUMI, baseUrl: capture.url, now: () => 1764034200123, nonce: () => 'n0nce-0123456789abcdef' });
      await client.readPage({ updatedAfter: '2026-11-25T09:30:00+08:00' }, 50);
      const req = capture.seen[0]!;
      // Independent vector: query sorted by name, RFC 3986 (":" and "+" percent-encoded), empty body hashed.
      const query = 'limit=50&updatedAfter=2026-11-25T09%3A30%3A00%2B08%3A00';
      const emptyHash = createHash('sha256').update('').digest('hex');
      expect(emptyHash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      const stringToSign = ['GET', '/open/v2/applications', query, '1764034200123', 'n0nce-0123456789abcdef', emptyHash].join('\n');
      const expected = createHmac('sha256', DOUMI.appSecret).update(stringToSign).digest('hex');
      expect(req.url).toBe(`/open/v2/applications?${query}`);
      expect(req.headers['x-dm-app-key']).toBe(DOUMI.appKey);
      expect(req.headers['x-dm-timestamp']).toBe('1764034200123');
      expect(req.headers['x-dm-nonce']).toBe('n0nce-0123456789abcdef');
      expect(req.headers['x-dm-signature']).toBe(expected);
    } finally {
      await capture.close();
    }
  });

  it('signs a POST over the SHA-256 of the exact JSON body it sends', async () => {
    const capture = await captureServer({ code: 0, msg: 'ok', data: null });
    try {
      const client = new DoumiClient({ ...DOUMI, baseUrl: capture.url, now: () => 1764034200999, nonce: () => 'abcdefghijklmnopqrstuvwxyz' });
      await client.reportStatus('DM20261125000123', 'PASSED', '面试通过');
      const req = capture.seen[0]!;
      expect(JSON.parse(req.body)).toEqual({ status: 'PASSED', reason: '面试通过' });
      const bodyHash = createHash('sha256').update(Buffer.from(req.body, 'utf8')).digest('hex');
      const stringToSign = ['POST', '/open/v2/applications/DM20261125000123/status', '', '1764034200999', 'abcdefghijklmnopqrstuvwxyz', bodyHash].join('\n');
      expect(req.headers['x-dm-signature']).toBe(createHmac('sha256', DOUMI.appSecret).update(stringToSign).digest('hex'));
    } finally {
      await capture.close();
    }
  });

  it('draws a fresh nonce of 16–64 characters for every request', async () => {
    const capture = await captureServer({ code: 0, msg: 'ok', data: null });
    try {
      const client = new DoumiClient({ ...DOUMI, baseUrl: capture.url });
      await client.offlineJob('J1');
      await client.offlineJob('J1');
      const [a, b] = capture.seen.map((r) => String(r.headers['x-dm-nonce']));
      expect(a).not.toBe(b);
      for (const n of [a!, b!]) expect(n.length >= 16 && n.length <= 64).toBe(true);
    } finally {
      await capture.close();
    }
  });
});

describe('Jianzhimao gateway signature (spec: sorted fields, &key=, MD5 uppercase)', () => {
  it('sends the signed body exactly as the vector computed here', async () => {
    const capture = await captureServer({ ret: 0, msg: 'success', data: null });
    try {
      const client = new JianzhimaoClient({ ...JZM, baseUrl: capture.url, now: () => 1764034200500, nonce: () => 'nonce123' });
      await client.feedback('JZM7731002', 3, '');
      const req = capture.seen[0]!;
      expect(req.url).toBe('/api/open/gateway');
      const body = JSON.parse(req.body) as Record<string, string>;
      expect(body).toMatchObject({ app_id: JZM.appId, method: 'resume.feedback', timestamp: '1764034200', nonce_str: 'nonce123', sign_type: 'MD5' });
      expect(body.biz_content).toBe('{"resume_id":"JZM7731002","status":3,"remark":""}');
      const plain =
        `app_id=${JZM.appId}&biz_content={"resume_id":"JZM7731002","status":3,"remark":""}&method=resume.feedback` +
        `&nonce_str=nonce123&sign_type=MD5&timestamp=1764034200&key=${JZM.appSecret}`;
      expect(body.sign).toBe(createHash('md5').update(plain, 'utf8').digest('hex').toUpperCase());
    } finally {
      await capture.close();
    }
  });
});

describe('DoumiClient against the simulator', () => {
  let sim: DoumiSimulator;
  beforeAll(async () => {
    sim = await startDoumiSimulator({ seed: 7, rateLimitPerSecond: Infinity });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.clearFailures();
    sim.clock.reset();
    sim.setRateLimit(Infinity);
  });
  const client = () => new DoumiClient({ ...DOUMI, baseUrl: sim.url });

  it('reads pages with a cursor (Airbyte-style records/nextCursor/hasMore)', async () => {
    const since = new Date(sim.clock.now() - 1000).toISOString();
    const added = sim.addApplications({ count: 3, deliver: 'poll' });
    const first = await client().readPage({ updatedAfter: since }, 2);
    expect(first.records).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = await client().readPage({ cursor: first.nextCursor }, 2);
    expect(second.hasMore).toBe(false);
    const ids = [...first.records, ...second.records].map((r) => (r as { applicationId: string }).applicationId);
    expect(ids).toEqual(added.map((a) => a.applicationId));
    await client().check();
  });

  it('classifies 429/42900 as transient with the Retry-After in ms', async () => {
    sim.injectFailure({ kind: 'rateLimit', retryAfterSeconds: 3 });
    const err = await rejection(client().readPage({ updatedAfter: new Date().toISOString() }, 1));
    expect(err).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'BoardRateLimited', details: { retryAfterMs: 3000 } });
  });

  it('classifies 5xx/50000 and a connection dropped mid-response as transient', async () => {
    sim.injectFailure({ kind: 'error' });
    expect(await rejection(client().offlineJob('DMJ1'))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'BoardBusy' });
    sim.injectFailure({ kind: 'drop' });
    expect((await rejection(client().readPage({ updatedAfter: new Date().toISOString() }, 1))).kind).toBe(ErrorKind.TRANSIENT);
  });

  it('classifies a timeout and an unreachable board as transient', async () => {
    sim.injectFailure({ kind: 'slow', delayMs: 1500 });
    const slow = new DoumiClient({ ...DOUMI, baseUrl: sim.url, timeoutMs: 300 });
    expect(await rejection(slow.readPage({ updatedAfter: new Date().toISOString() }, 1))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'BoardUnreachable' });
    const down = new DoumiClient({ ...DOUMI, baseUrl: 'http://127.0.0.1:1' });
    expect(await rejection(down.check())).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'BoardUnreachable' });
  });

  it('retries 40103 at once with a new nonce', async () => {
    const nonces = ['reused-nonce-0123456789', 'reused-nonce-0123456789', 'fresh-nonce-0123456789'];
    const c = new DoumiClient({ ...DOUMI, baseUrl: sim.url, nonce: () => nonces.shift() ?? 'later-nonce-0123456789' });
    await c.readPage({ updatedAfter: new Date().toISOString() }, 1);
    const before = sim.requests().length;
    await c.readPage({ updatedAfter: new Date().toISOString() }, 1);
    expect(sim.requests().slice(before).map((r) => r.code)).toEqual([40103, 0]);
  });

  it('classifies 40101 and 40102 as config, 40400 as invalid, 40010 as a distinct cursor-expired error', async () => {
    const wrongSecret = new DoumiClient({ ...DOUMI, appSecret: 'not-the-secret', baseUrl: sim.url });
    expect(await rejection(wrongSecret.check())).toMatchObject({ kind: ErrorKind.CONFIG, code: 'DoumiBadSignature' });
    const skewed = new DoumiClient({ ...DOUMI, baseUrl: sim.url, now: () => Date.now() - 10 * 60_000 });
    expect(await rejection(skewed.check())).toMatchObject({ kind: ErrorKind.CONFIG, code: 'DoumiClockSkew' });
    expect(await rejection(client().getApplication('DM-NO-SUCH'))).toMatchObject({ kind: ErrorKind.INVALID, code: 'DoumiNotFound' });
    const page = await client().readPage({ updatedAfter: new Date().toISOString() }, 1);
    sim.clock.advance(8 * 24 * 3600_000);
    expect(await rejection(client().readPage({ cursor: page.nextCursor }, 1))).toMatchObject({ kind: ErrorKind.INVALID, code: 'DoumiCursorExpired' });
  });

  it('treats 40901 on job create as success with the existing jobId', async () => {
    const posting = {
      outerJobCode: `CLIENT-TEST-${Date.now()}`, title: '促销员', category: 'promoter', city: '上海', address: '上海市浦东新区', hourlyWage: 25,
      headcount: 3, schedule: '周末 09:00-18:00', description: '超市促销', tags: ['AI面试'], validUntil: '2026-12-31T23:59:59+08:00',
    };
    const first = await client().createJob(posting);
    const again = await client().createJob(posting);
    expect(first.existed).toBe(false);
    expect(again).toEqual({ jobId: first.jobId, existed: true });
    await client().updateJob(first.jobId, { ...posting, headcount: 4 });
    await client().offlineJob(first.jobId);
    const job = sim.jobs().find((j) => j.jobId === first.jobId)!;
    expect(job.state).toBe('OFFLINE');
    expect(job.posting.headcount).toBe(4);
  });
});

describe('JianzhimaoClient against the simulator', () => {
  let sim: JianzhimaoSimulator;
  beforeAll(async () => {
    sim = await startJianzhimaoSimulator({ seed: 7, rateLimitPerSecond: Infinity });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clearFailures());
  const client = () => new JianzhimaoClient({ ...JZM, baseUrl: sim.url });
  const window = () => {
    const fmt = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    return { start_time: fmt(Date.now() - 3600_000), end_time: fmt(Date.now() + 1000), page_no: 1, page_size: 10 };
  };

  it('lists resumes, gives feedback, publishes (again: same job_id) and closes jobs', async () => {
    const [resume] = sim.addResumes({ count: 1, deliver: 'poll' });
    const page = await client().listResumes(window());
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.list.map((r) => (r as { resume_id: string }).resume_id)).toContain(resume!.resume_id);
    expect(await client().getResume(resume!.resume_id)).toMatchObject({ resume_id: resume!.resume_id });
    await client().feedback(resume!.resume_id, 2, 'stage INTERVIEW_INVITED');
    expect(sim.feedback().at(-1)).toMatchObject({ resumeId: resume!.resume_id, status: 2 });
    const posting = {
      out_job_no: `CLIENT-TEST-${Date.now()}`, title: '促销员', category_code: 'promoter', city_name: '上海', address: '浦东新区',
      salary: { amount: 25, unit: 'HOUR' as const }, headcount: 2, work_time_desc: '周末', description: '超市促销', tags: ['AI面试'], valid_until: '2026-12-31 23:59:59',
    };
    const a = await client().publishJob(posting);
    const b = await client().publishJob({ ...posting, headcount: 5 });
    expect(b.jobId).toBe(a.jobId);
    await client().closeJob(a.jobId);
    expect(sim.jobs().find((j) => j.jobId === a.jobId)).toMatchObject({ state: 'CLOSED' });
  });

  it('classifies 4290 as transient after 1 s and 5000 or a dropped answer as transient', async () => {
    sim.injectFailure({ kind: 'rateLimit', match: 'resume.list' });
    expect(await rejection(client().listResumes(window()))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'BoardRateLimited', details: { retryAfterMs: 1000 } });
    sim.injectFailure({ kind: 'error', match: 'resume.list' });
    expect(await rejection(client().listResumes(window()))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'BoardBusy' });
    sim.injectFailure({ kind: 'drop', match: 'resume.list' });
    expect((await rejection(client().listResumes(window()))).kind).toBe(ErrorKind.TRANSIENT);
  });

  it('classifies 1001/1002/1003 as config and 2001/2004 as invalid', async () => {
    const wrongSecret = new JianzhimaoClient({ ...JZM, appSecret: 'nope', baseUrl: sim.url });
    expect(await rejection(wrongSecret.check())).toMatchObject({ kind: ErrorKind.CONFIG, code: 'JianzhimaoBadSignature' });
    const skewed = new JianzhimaoClient({ ...JZM, baseUrl: sim.url, now: () => Date.now() - 20 * 60_000 });
    expect(await rejection(skewed.getResume('x'))).toMatchObject({ kind: ErrorKind.CONFIG, code: 'JianzhimaoClockSkew' });
    const unknownApp = new JianzhimaoClient({ ...JZM, appId: 'no-such-app', baseUrl: sim.url });
    expect(await rejection(unknownApp.getResume('x'))).toMatchObject({ kind: ErrorKind.CONFIG, code: 'JianzhimaoUnknownApp' });
    expect(await rejection(client().getResume('JZM-NO-SUCH'))).toMatchObject({ kind: ErrorKind.INVALID, code: 'JianzhimaoNotFound' });
    const tooWide = { ...window(), start_time: '2026-11-01 00:00:00', end_time: '2026-11-03 00:00:00' };
    const bad = await rejection(client().listResumes(tooWide));
    expect(bad).toMatchObject({ kind: ErrorKind.INVALID, code: 'JianzhimaoBadParameter' });
    expect(bad.message).toMatch(/24 hours/);
  });
});

describe('toBoardFailure', () => {
  it('turns a rate limit into a retryable failure with nextRetryDelay = Retry-After', () => {
    const failure = toBoardFailure(transientError('BoardRateLimited', 'slow down', { retryAfterMs: 3000 })) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(3000);
    expect(failure.type).toBe('BoardRateLimited');
  });

  it('makes config and invalid errors non-retryable', () => {
    const failure = toBoardFailure(new HubError(ErrorKind.INVALID, 'DoumiCursorExpired', 'expired')) as ApplicationFailure;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.nextRetryDelay).toBeUndefined();
  });
});
