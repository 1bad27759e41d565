// The job-board simulators themselves (sandbox/doumi, sandbox/jianzhimao): each checked against
// ../shared/specs/job-boards.md with signatures computed here, independently, with node:crypto.
// Signature checks, cursors and their 7-day expiry, windows and late arrivals, rate limits,
// failure injection, webhook redelivery schedules, and the seeded applicant generator.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApplicantGenerator } from '../sandbox/board-kit/applicant-generator';
import { parseBeijingText } from '../sandbox/board-kit/board-time';
import { startDoumiSimulator, type DoumiSimulator } from '../sandbox/doumi/doumi-simulator';
import { startJianzhimaoSimulator, type JianzhimaoSimulator } from '../sandbox/jianzhimao/jianzhimao-simulator';

const DM = { tenantId: 'acme', appKey: 'acme-dm-key', appSecret: 'acme-dm-secret-0001', webhookSecret: 'acme-dm-webhook-0001' };
const JZM = { tenantId: 'acme', appId: 'acme-jzm-app', appSecret: 'acme-jzm-secret-0001' };
const JOBS = ['RX-SH-PROMO-001', 'RX-SH-RIDER-001'];
const DAY = 24 * 3600_000;

// ---- independent implementations of the two signing schemes (from the spec text) ----
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
interface DoumiCall { method?: string; path: string; query?: Record<string, string>; body?: unknown; secret?: string; timestamp?: number; nonce?: string; appKey?: string }
function doumiRequest(sim: DoumiSimulator, call: DoumiCall): Promise<Response> {
  const method = call.method ?? 'GET';
  const query = Object.entries(call.query ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const timestamp = String(call.timestamp ?? Date.now());
  const nonce = call.nonce ?? randomBytes(16).toString('hex');
  const toSign = [method, call.path, query, timestamp, nonce, createHash('sha256').update(body).digest('hex')].join('\n');
  const signature = createHmac('sha256', call.secret ?? DM.appSecret).update(toSign).digest('hex');
  return fetch(`${sim.url}${call.path}${query ? `?${query}` : ''}`, {
    method,
    headers: { 'x-dm-app-key': call.appKey ?? DM.appKey, 'x-dm-timestamp': timestamp, 'x-dm-nonce': nonce, 'x-dm-signature': signature, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body || undefined,
  });
}
async function doumi(sim: DoumiSimulator, call: DoumiCall): Promise<{ status: number; code: number; msg: string; data: any; retryAfter: string | null }> {
  const res = await doumiRequest(sim, call);
  const json = await res.json() as any;
  expect(typeof json.requestId).toBe('string');
  return { status: res.status, code: json.code, msg: json.msg, data: json.data, retryAfter: res.headers.get('retry-after') };
}

function md5Sign(fields: Record<string, string>, secret: string): string {
  const text = Object.keys(fields).filter((k) => k !== 'sign' && fields[k] !== '').sort().map((k) => `${k}=${fields[k]}`).join('&');
  return createHash('md5').update(`${text}&key=${secret}`).digest('hex').toUpperCase();
}
async function gateway(sim: JianzhimaoSimulator, method: string, biz: unknown, tweak: (f: Record<string, string>) => void = () => {}) {
  const fields: Record<string, string> = {
    app_id: JZM.appId, method, timestamp: String(Math.floor(Date.now() / 1000)), nonce_str: randomBytes(8).toString('hex'),
    sign_type: 'MD5', biz_content: JSON.stringify(biz),
  };
  fields.sign = md5Sign(fields, JZM.appSecret);
  tweak(fields);
  const res = await fetch(`${sim.url}/api/open/gateway`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
  expect(res.status).toBe(200); // Jianzhimao answers 200 even when rate limiting
  return await res.json() as { ret: number; msg: string; data: any };
}

// ---- a scriptable webhook receiver standing in for the hub ----
interface Received { headers: Record<string, string | string[] | undefined>; body: string; at: number }
async function receiver(answer: (n: number, r: Received) => { status: number; body: string; delayMs?: number }) {
  const received: Received[] = [];
  const app = express();
  app.use(express.text({ type: () => true }));
  app.post('/webhooks/:board/:tenant', async (req, res) => {
    const r = { headers: req.headers, body: req.body as string, at: Date.now() };
    received.push(r);
    const a = answer(received.length, r);
    if (a.delayMs) await new Promise((x) => setTimeout(x, a.delayMs));
    res.status(a.status).type('text/plain').send(a.body);
  });
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

describe('Doumi simulator API', () => {
  let sim: DoumiSimulator;
  beforeEach(async () => { sim = await startDoumiSimulator({ tenants: [DM], seed: 'doumi-test', jobCodes: JOBS, rateLimitPerSecond: Infinity }); });
  afterEach(async () => { await sim.close(); });

  it('accepts a correctly signed request and rejects a wrong signature, stale timestamp and reused nonce', async () => {
    const [app] = sim.addApplications({ count: 1 });
    const path = `/open/v2/applications/${app!.applicationId}`;
    const ok = await doumi(sim, { path });
    expect(ok).toMatchObject({ status: 200, code: 0, msg: 'ok' });
    expect(ok.data.applicationId).toBe(app!.applicationId);

    expect((await doumi(sim, { path, secret: 'not-the-secret' })).code).toBe(40101);
    expect((await doumi(sim, { path, appKey: 'nobody' })).code).toBe(40101);
    expect((await doumi(sim, { path, timestamp: Date.now() - 301_000 })).code).toBe(40102);
    expect((await doumi(sim, { path, timestamp: Date.now() + 301_000 })).code).toBe(40102);
    const nonce = randomBytes(20).toString('hex');
    expect((await doumi(sim, { path, nonce })).code).toBe(0);
    expect((await doumi(sim, { path, nonce })).code).toBe(40103);
    // The body is part of the signature: a signed empty body does not cover a sent one.
    const tampered = await doumiRequest(sim, { method: 'POST', path: `${path}/status`, body: { status: 'PASSED' } });
    expect((await tampered.json() as any).code).toBe(0);
    expect((await doumi(sim, { path: '/open/v2/applications/DM-NOPE' })).code).toBe(40400);
  });

  it('lists in ascending updatedAt then applicationId across pages, and a kept cursor sees later items', async () => {
    const t0 = Date.parse('2026-11-25T01:00:00Z');
    const at = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
    sim.addApplications({ applications: [
      { applicationId: 'DM-C', updatedAt: at(t0 + 2000) },
      { applicationId: 'DM-B', updatedAt: at(t0 + 1000) },
      { applicationId: 'DM-A', updatedAt: at(t0 + 1000) },
      { applicationId: 'DM-D', updatedAt: at(t0) },
      { applicationId: 'DM-E', updatedAt: at(t0 + 3000) },
    ], deliver: 'poll' });
    sim.addApplications({ applications: [{ applicationId: 'DM-HIDDEN', updatedAt: at(t0 + 10) }], deliver: 'poll' });
    sim.withdrawApplication('DM-HIDDEN', { deliver: 'poll' }); // moves to "now", after everything else

    const seen: string[] = [];
    let page = await doumi(sim, { path: '/open/v2/applications', query: { updatedAfter: '2026-11-25T09:00:00+08:00', limit: '2' } });
    for (;;) {
      expect(page.code).toBe(0);
      seen.push(...page.data.items.map((i: any) => i.applicationId));
      if (!page.data.hasMore) break;
      page = await doumi(sim, { path: '/open/v2/applications', query: { cursor: page.data.nextCursor, limit: '2' } });
    }
    expect(seen).toEqual(['DM-D', 'DM-A', 'DM-B', 'DM-C', 'DM-E', 'DM-HIDDEN']);
    const kept = page.data.nextCursor;
    const empty = await doumi(sim, { path: '/open/v2/applications', query: { cursor: kept } });
    expect(empty.data).toMatchObject({ items: [], hasMore: false });

    const [late] = sim.addApplications({ count: 1, deliver: 'poll' });
    const next = await doumi(sim, { path: '/open/v2/applications', query: { cursor: empty.data.nextCursor } });
    expect(next.data.items.map((i: any) => i.applicationId)).toEqual([late!.applicationId]);

    // Bad parameters are named.
    expect((await doumi(sim, { path: '/open/v2/applications', query: { cursor: kept, limit: '101' } })).msg).toMatch(/limit/);
    expect((await doumi(sim, { path: '/open/v2/applications', query: { limit: '5' } })).msg).toMatch(/cursor or updatedAfter/);
    expect((await doumi(sim, { path: '/open/v2/applications', query: { cursor: 'garbage' } })).msg).toMatch(/cursor/);
  });

  it('expires cursors older than 7 days with 40010 while updatedAfter keeps working', async () => {
    sim.addApplications({ count: 3, deliver: 'poll' });
    const first = await doumi(sim, { path: '/open/v2/applications', query: { updatedAfter: '2020-01-01T00:00:00+08:00', limit: '1' } });
    const cursor = first.data.nextCursor;
    sim.clock.advance(7 * DAY - 60_000);
    expect((await doumi(sim, { path: '/open/v2/applications', query: { cursor } })).code).toBe(0);
    sim.clock.advance(2 * 60_000);
    const expired = await doumi(sim, { path: '/open/v2/applications', query: { cursor } });
    expect(expired).toMatchObject({ status: 200, code: 40010 });
    const restart = await doumi(sim, { path: '/open/v2/applications', query: { updatedAfter: first.data.items[0].updatedAt } });
    expect(restart.data.items).toHaveLength(3); // inclusive restart: overlap, nothing lost
  });

  it('rate-limits at 20 requests/s per appKey with HTTP 429, code 42900 and Retry-After', async () => {
    sim.setRateLimit(20);
    const results = await Promise.all(Array.from({ length: 30 }, () => doumi(sim, { path: '/open/v2/applications', query: { updatedAfter: '2026-01-01T00:00:00+08:00' } })));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.code === 0)).toHaveLength(20);
    expect(limited).toHaveLength(10);
    for (const r of limited) {
      expect(r.code).toBe(42900);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    await new Promise((r) => setTimeout(r, 1100));
    expect((await doumi(sim, { path: '/open/v2/applications', query: { updatedAfter: '2026-01-01T00:00:00+08:00' } })).code).toBe(0);
  });

  it('records status reports idempotently, posts jobs with 40901 on a known outerJobCode, updates and takes them offline', async () => {
    const [app] = sim.addApplications({ count: 1, deliver: 'poll' });
    const statusPath = `/open/v2/applications/${app!.applicationId}/status`;
    for (let i = 0; i < 2; i++) expect((await doumi(sim, { method: 'POST', path: statusPath, body: { status: 'INTERVIEWING' } })).code).toBe(0);
    expect((await doumi(sim, { method: 'POST', path: statusPath, body: { status: 'MAYBE' } })).msg).toMatch(/status/);
    expect(sim.statusReports().map((r) => r.status)).toEqual(['INTERVIEWING', 'INTERVIEWING']);

    const posting = { outerJobCode: 'RX-SH-PROMO-001', title: '促销员', category: 'promotion', city: '上海', address: '浦东新区世纪大道1号',
      hourlyWage: 25, headcount: 5, schedule: '周末 9:00-18:00', description: '超市新品促销', tags: ['AI面试'], validUntil: '2026-12-31T23:59:59+08:00' };
    const created = await doumi(sim, { method: 'POST', path: '/open/v2/jobs', body: posting });
    expect(created.code).toBe(0);
    const again = await doumi(sim, { method: 'POST', path: '/open/v2/jobs', body: posting });
    expect(again).toMatchObject({ code: 40901, data: { jobId: created.data.jobId } });
    expect((await doumi(sim, { method: 'POST', path: '/open/v2/jobs', body: { ...posting, hourlyWage: 'lots' } })).msg).toMatch(/hourlyWage/);
    expect((await doumi(sim, { method: 'PUT', path: `/open/v2/jobs/${created.data.jobId}`, body: { ...posting, headcount: 8 } })).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await doumi(sim, { method: 'POST', path: `/open/v2/jobs/${created.data.jobId}/offline` })).code).toBe(0);
    expect(sim.jobs()[0]).toMatchObject({ state: 'OFFLINE', posting: { headcount: 8 } });
    expect(sim.jobs()[0]!.history.map((h) => h.action)).toEqual(['created', 'duplicate', 'updated', 'offline', 'offline']);
    expect((await doumi(sim, { method: 'POST', path: '/open/v2/jobs/DMJ-NOPE/offline' })).code).toBe(40400);
  });

  it('injects server faults, rate limits, slow answers and dropped connections into the next requests', async () => {
    const path = '/open/v2/applications';
    const query = { updatedAfter: '2026-01-01T00:00:00+08:00' };
    sim.injectFailure({ kind: 'error', count: 2 });
    expect(await doumi(sim, { path, query })).toMatchObject({ status: 500, code: 50000 });
    expect(await doumi(sim, { path, query })).toMatchObject({ status: 500, code: 50000 });
    expect((await doumi(sim, { path, query })).code).toBe(0);
    sim.injectFailure({ kind: 'rateLimit', retryAfterSeconds: 7 });
    expect(await doumi(sim, { path, query })).toMatchObject({ status: 429, code: 42900, retryAfter: '7' });
    sim.injectFailure({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await doumi(sim, { path, query })).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    sim.injectFailure({ kind: 'drop', match: 'GET /open/v2/applications' });
    await expect(doumiRequest(sim, { path, query }).then((r) => r.text())).rejects.toThrow();
    expect(sim.requests().map((r) => r.injected).filter(Boolean)).toEqual(['error', 'error', 'rateLimit', 'slow', 'drop']);
  });
});

describe('Doumi webhook sender', () => {
  it('signs each attempt and redelivers on the scaled schedule until {"code":0}', async () => {
    const hub = await receiver((n) => (n === 1 ? { status: 500, body: 'oops' } : n === 2 ? { status: 200, body: '{"code":1}' } : { status: 200, body: '{"code":0}' }));
    const sim = await startDoumiSimulator({ tenants: [DM], hubUrl: hub.url, seed: 3, jobCodes: JOBS, redeliveryScale: 0.001 });
    try {
      const [app] = sim.addApplications({ count: 1 });
      await sim.webhooksIdle(10_000);
      expect(hub.received).toHaveLength(3);
      const deliveryIds = new Set(hub.received.map((r) => r.headers['x-dm-delivery']));
      expect(deliveryIds.size).toBe(1); // the same delivery id on every redelivery
      for (const r of hub.received) {
        const ts = String(r.headers['x-dm-timestamp']);
        expect(Math.abs(Number(ts) - r.at)).toBeLessThan(1000); // per-attempt timestamp
        expect(r.headers['x-dm-signature']).toBe(createHmac('sha256', DM.webhookSecret).update(`${ts}.${r.body}`).digest('hex'));
        expect(r.headers['x-dm-event']).toBe('application.created');
        expect(r.headers['content-type']).toMatch(/application\/json/);
        const body = JSON.parse(r.body);
        expect(body).toMatchObject({ event: 'application.created', deliveryId: [...deliveryIds][0], data: { application: { applicationId: app!.applicationId } } });
        expect(body.occurredAt).toMatch(/\+08:00$/);
      }
      expect(hub.received[1]!.at - hub.received[0]!.at).toBeGreaterThanOrEqual(9); // 10 s × 0.001
      expect(hub.received[2]!.at - hub.received[1]!.at).toBeGreaterThanOrEqual(59); // 1 min × 0.001
      expect(sim.deliveries()[0]).toMatchObject({ state: 'delivered', event: 'application.created' });

      sim.withdrawApplication(app!.applicationId, { reason: '已找到工作' });
      await sim.webhooksIdle(10_000);
      const withdrawn = JSON.parse(hub.received[3]!.body);
      expect(withdrawn).toMatchObject({ event: 'application.withdrawn', data: { applicationId: app!.applicationId, reason: '已找到工作' } });
      expect(withdrawn.data.withdrawnAt).toMatch(/\+08:00$/);
    } finally {
      await sim.close();
      await hub.close();
    }
  });

  it('treats a late answer as a failure and drops after 10 s, 1 min, 5 min, 30 min, 2 h of redeliveries', async () => {
    const hub = await receiver((n) => (n === 1 ? { status: 200, body: '{"code":0}', delayMs: 400 } : { status: 503, body: 'down' }));
    const sim = await startDoumiSimulator({ tenants: [DM], hubUrl: hub.url, seed: 4, jobCodes: JOBS, redeliveryScale: 0.0001, ackTimeoutMs: 200 });
    try {
      sim.addApplications({ count: 1 });
      await sim.webhooksIdle(15_000);
      const [delivery] = sim.deliveries();
      expect(delivery!.state).toBe('dropped');
      expect(delivery!.attempts).toHaveLength(6);
      expect(delivery!.attempts[0]!.error ?? '').toMatch(/timeout|abort/i);
      const gaps = delivery!.attempts.slice(1).map((a, i) => a.at - delivery!.attempts[i]!.at);
      // 10 s, 1 min, 5 min, 30 min, 2 h at 1/10000: 1, 6, 30, 180 and 720 ms after each attempt.
      expect(gaps[3]!).toBeGreaterThanOrEqual(180);
      expect(gaps[4]!).toBeGreaterThanOrEqual(720);
      expect(gaps[4]!).toBeLessThan(720 + 2000);
    } finally {
      await sim.close();
      await hub.close();
    }
  });
});

describe('Jianzhimao simulator gateway', () => {
  let sim: JianzhimaoSimulator;
  beforeEach(async () => { sim = await startJianzhimaoSimulator({ tenants: [JZM], seed: 'jzm-test', jobCodes: JOBS, rateLimitPerSecond: Infinity }); });
  afterEach(async () => { await sim.close(); });

  it('checks app_id, timestamp, MD5 sign and parameters', async () => {
    const [resume] = sim.addResumes({ count: 1 });
    const ok = await gateway(sim, 'resume.get', { resume_id: resume!.resume_id });
    expect(ok).toMatchObject({ ret: 0, msg: 'success', data: { resume_id: resume!.resume_id } });
    expect((await gateway(sim, 'resume.get', { resume_id: resume!.resume_id }, (f) => { f.sign = f.sign!.toLowerCase(); })).ret).toBe(1001);
    expect((await gateway(sim, 'resume.get', { resume_id: resume!.resume_id }, (f) => { f.nonce_str = 'changed-after-signing'; })).ret).toBe(1001);
    expect((await gateway(sim, 'resume.get', { resume_id: 'x' }, (f) => { f.app_id = 'nobody'; })).ret).toBe(1003);
    const stale = await gateway(sim, 'resume.get', { resume_id: 'x' }, (f) => {
      f.timestamp = String(Math.floor(Date.now() / 1000) - 601);
      f.sign = md5Sign(f, JZM.appSecret);
    });
    expect(stale.ret).toBe(1002);
    const missing = await gateway(sim, 'resume.get', {}, (f) => { delete f.nonce_str; f.sign = md5Sign(f, JZM.appSecret); });
    expect(missing).toMatchObject({ ret: 2001, msg: expect.stringContaining('nonce_str') });
    expect(await gateway(sim, 'resume.get', { id: 1 })).toMatchObject({ ret: 2001, msg: expect.stringContaining('resume_id') });
    expect((await gateway(sim, 'resume.get', { resume_id: 'JZM-NOPE' })).ret).toBe(2004);
    expect(await gateway(sim, 'resume.delete', {})).toMatchObject({ ret: 2001, msg: expect.stringContaining('method') });
  });

  it('lists a window in ascending deliver_time with total and pages, and rejects windows over 24 h', async () => {
    sim.addResumes({ resumes: [
      { resume_id: 'R3', deliver_time: '2026-11-25 12:00:00' },
      { resume_id: 'R1', deliver_time: '2026-11-25 09:00:00' },
      { resume_id: 'R2', deliver_time: '2026-11-25 09:00:00' },
      { resume_id: 'R0', deliver_time: '2026-11-24 23:59:59' },
      { resume_id: 'R4', deliver_time: '2026-11-25 23:59:59' },
    ] });
    const window = { start_time: '2026-11-25 00:00:00', end_time: '2026-11-25 23:59:59' };
    const p1 = await gateway(sim, 'resume.list', { ...window, page_no: 1, page_size: 3 });
    const p2 = await gateway(sim, 'resume.list', { ...window, page_no: 2, page_size: 3 });
    expect(p1.data.total).toBe(4);
    expect([...p1.data.list, ...p2.data.list].map((r: any) => r.resume_id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(p1.data.list[0]).toMatchObject({ deliver_time: '2026-11-25 09:00:00', sex: expect.any(Number), expect_salary: expect.any(String) });

    const tooWide = await gateway(sim, 'resume.list', { start_time: '2026-11-25 00:00:00', end_time: '2026-11-26 00:00:01', page_no: 1, page_size: 10 });
    expect(tooWide).toMatchObject({ ret: 2001, msg: expect.stringContaining('24 hours') });
    const exactly24h = await gateway(sim, 'resume.list', { start_time: '2026-11-25 00:00:00', end_time: '2026-11-26 00:00:00', page_no: 1, page_size: 10 });
    expect(exactly24h.ret).toBe(0);
    expect((await gateway(sim, 'resume.list', { ...window, page_no: 1, page_size: 101 })).msg).toMatch(/page_size/);
    expect((await gateway(sim, 'resume.list', { ...window, start_time: '2026-11-25T00:00:00+08:00' })).msg).toMatch(/start_time/);
  });

  it('models late arrivals: a resume shows up in its window only after its visibility delay', async () => {
    const [late] = sim.addResumes({ count: 1, visibilityDelayMs: 90_000 });
    const [prompt] = sim.addResumes({ count: 1 });
    const day = late!.deliver_time.slice(0, 10);
    const list = async () => (await gateway(sim, 'resume.list', { start_time: `${day} 00:00:00`, end_time: `${day} 23:59:59`, page_no: 1, page_size: 100 })).data.list.map((r: any) => r.resume_id);
    expect(await list()).toEqual([prompt!.resume_id]);
    sim.clock.advance(89_000);
    expect(await list()).toEqual([prompt!.resume_id]);
    sim.clock.advance(2_000);
    expect(await list()).toEqual([late!.resume_id, prompt!.resume_id]); // in deliver_time order, not arrival order
    // resume.get sees it at once: only the list lags.
    expect((await gateway(sim, 'resume.get', { resume_id: late!.resume_id })).ret).toBe(0);
  });

  it('rate-limits at 10 calls/s per app_id with ret 4290 on HTTP 200', async () => {
    sim.setRateLimit(10);
    const results = await Promise.all(Array.from({ length: 14 }, () => gateway(sim, 'resume.get', { resume_id: 'JZM-NOPE' })));
    expect(results.filter((r) => r.ret === 4290)).toHaveLength(4);
    expect(results.filter((r) => r.ret === 2004)).toHaveLength(10);
  });

  it('publishes jobs idempotently by out_job_no, closes them and records feedback', async () => {
    const job = { out_job_no: 'RX-SH-RIDER-001', title: '骑手', category_code: 'delivery', city_name: '上海市', address: '徐汇区漕溪北路88号',
      salary: { amount: 30, unit: 'HOUR' }, headcount: 10, work_time_desc: '午晚高峰', description: '外卖配送', tags: ['AI面试'], valid_until: '2026-12-31 23:59:59' };
    const first = await gateway(sim, 'job.publish', job);
    const second = await gateway(sim, 'job.publish', { ...job, headcount: 12 });
    expect(first.ret).toBe(0);
    expect(second.data.job_id).toBe(first.data.job_id);
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.jobs()[0]!.posting.headcount).toBe(12);
    expect((await gateway(sim, 'job.publish', { ...job, salary: { amount: 30, unit: 'YEAR' } })).msg).toMatch(/salary\.unit/);
    for (let i = 0; i < 2; i++) expect((await gateway(sim, 'job.close', { job_id: first.data.job_id })).ret).toBe(0);
    expect(sim.jobs()[0]!.state).toBe('CLOSED');

    const [resume] = sim.addResumes({ count: 1, jobCode: 'RX-SH-RIDER-001' });
    expect(resume!.job_id).toBe(first.data.job_id); // applies to the job the hub published
    for (let i = 0; i < 2; i++) expect((await gateway(sim, 'resume.feedback', { resume_id: resume!.resume_id, status: 2, remark: '已邀请AI面试' })).ret).toBe(0);
    expect((await gateway(sim, 'resume.feedback', { resume_id: resume!.resume_id, status: 9 })).msg).toMatch(/status/);
    expect(sim.feedback().map((f) => f.status)).toEqual([2, 2]);
  });

  it('injects system-busy, rate limits and dropped connections', async () => {
    sim.injectFailure({ kind: 'error', match: 'resume.get' });
    sim.injectFailure({ kind: 'rateLimit', match: 'resume.get' });
    expect((await gateway(sim, 'resume.get', { resume_id: 'x' })).ret).toBe(5000);
    expect((await gateway(sim, 'resume.get', { resume_id: 'x' })).ret).toBe(4290);
    expect((await gateway(sim, 'resume.get', { resume_id: 'x' })).ret).toBe(2004);
    sim.injectFailure({ kind: 'drop' });
    await expect(gateway(sim, 'resume.get', { resume_id: 'x' })).rejects.toThrow();
  });
});

describe('Jianzhimao webhook sender', () => {
  it('posts MD5-signed forms and retries on the scaled schedule until the body is `success`', async () => {
    const hub = await receiver((n) => (n <= 2 ? { status: 200, body: 'fail' } : { status: 200, body: 'success' }));
    const sim = await startJianzhimaoSimulator({ tenants: [JZM], hubUrl: hub.url, seed: 5, jobCodes: JOBS, redeliveryScale: 0.001 });
    try {
      const [resume] = sim.addResumes({ count: 1, deliver: 'webhook' });
      await sim.webhooksIdle(10_000);
      expect(hub.received).toHaveLength(3);
      for (const r of hub.received) {
        expect(r.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
        const fields = Object.fromEntries(new URLSearchParams(r.body));
        expect(fields).toMatchObject({ app_id: JZM.appId, event_type: 'resume_deliver' });
        expect(fields.sign).toBe(md5Sign(fields, JZM.appSecret));
        expect(Math.abs(Number(fields.timestamp) * 1000 - r.at)).toBeLessThan(2000);
        expect(JSON.parse(fields.biz_content!)).toEqual(resume);
      }
      expect(hub.received[1]!.at - hub.received[0]!.at).toBeGreaterThanOrEqual(14);
      expect(sim.deliveries()[0]!.state).toBe('delivered');
      // deliver: 'webhook' keeps it out of resume.list
      const day = resume!.deliver_time.slice(0, 10);
      expect((await gateway(sim, 'resume.list', { start_time: `${day} 00:00:00`, end_time: `${day} 23:59:59` })).data.total).toBe(0);

      sim.cancelResume(resume!.resume_id);
      await sim.webhooksIdle(10_000);
      const cancel = Object.fromEntries(new URLSearchParams(hub.received[3]!.body));
      expect(cancel.event_type).toBe('resume_cancel');
      expect(JSON.parse(cancel.biz_content!)).toEqual({ resume_id: resume!.resume_id, cancel_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) });
    } finally {
      await sim.close();
      await hub.close();
    }
  });

  it('gives up after the first attempt plus 8 retries', async () => {
    const hub = await receiver(() => ({ status: 500, body: 'error' }));
    const sim = await startJianzhimaoSimulator({ tenants: [JZM], hubUrl: hub.url, seed: 6, jobCodes: JOBS, redeliveryScale: 0.0001 });
    try {
      sim.addResumes({ count: 1 });
      await sim.webhooksIdle(15_000);
      expect(sim.deliveries()[0]).toMatchObject({ state: 'dropped' });
      expect(hub.received).toHaveLength(9);
    } finally {
      await sim.close();
      await hub.close();
    }
  });
});

describe('simulator control endpoints (/_sim)', () => {
  it('produce applications on request, inject failures, move the clock and show state', async () => {
    const sim = await startDoumiSimulator({ tenants: [DM], seed: 8, jobCodes: JOBS, rateLimitPerSecond: Infinity });
    const post = (path: string, body: unknown) => fetch(`${sim.url}/_sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const made = await (await post('/applications', { count: 3, jobCode: 'RX-SH-RIDER-001', deliver: 'poll' })).json() as { count: number; ids: string[] };
      expect(made.count).toBe(3);
      expect(made.ids.map((id) => sim.getApplication(id)!.outerJobCode)).toEqual(['RX-SH-RIDER-001', 'RX-SH-RIDER-001', 'RX-SH-RIDER-001']);
      const refused = await post('/applications', { count: -1, deliver: 'fax' });
      expect(refused.status).toBe(400);
      expect((await refused.json() as any).error).toMatch(/count.*deliver|deliver.*count/s);
      // Webhook delivery without a hub to send to is refused with a reason, not silently dropped.
      expect((await (await post('/applications', { count: 1, deliver: 'webhook' })).json() as any).error).toMatch(/hubUrl/);

      expect((await post(`/applications/${made.ids[0]}/withdraw`, { deliver: 'poll' })).status).toBe(200);
      expect(sim.getApplication(made.ids[0]!)!.status).toBe('WITHDRAWN');
      expect((await post('/failures', { kind: 'error', count: 1 })).status).toBe(200);
      expect((await doumi(sim, { path: `/open/v2/applications/${made.ids[1]}` })).code).toBe(50000);
      const clock = await (await post('/clock', { advanceMs: DAY })).json() as { now: string };
      expect(Date.parse(clock.now) - Date.now()).toBeGreaterThan(DAY - 60_000);
      const state = await (await fetch(`${sim.url}/_sim/state`)).json() as any;
      expect(state).toMatchObject({ applications: 3, requests: 1 });
    } finally {
      await sim.close();
    }
  });
});

describe('applicant generator', () => {
  it('is reproducible with a seed and differs across seeds', () => {
    const a = createApplicantGenerator({ seed: 42, jobCodes: JOBS, now: () => Date.parse('2026-11-25T00:00:00Z') }).take(50);
    const b = createApplicantGenerator({ seed: 42, jobCodes: JOBS, now: () => Date.parse('2026-11-25T00:00:00Z') }).take(50);
    const c = createApplicantGenerator({ seed: 43, jobCodes: JOBS, now: () => Date.parse('2026-11-25T00:00:00Z') }).take(50);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('produces valid-looking Chinese applicants', () => {
    const people = createApplicantGenerator({ seed: 'realism', jobCodes: JOBS, now: () => Date.parse('2026-11-25T00:00:00Z') }).take(500);
    for (const p of people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(p.mobile).toMatch(/^(\+86)?1[3-9]\d{9}$/);
      expect(p.wageText).toMatch(/^(\d+(-\d+)?(元)?\/(小时|时|天)|\d+元\/(小时|时|天)|面议)$/);
      expect(JOBS).toContain(p.jobCode);
      if (p.birthDate) {
        expect(Number.isNaN(Date.parse(p.birthDate))).toBe(false);
        expect(2026 - p.birthYear!).toBeGreaterThanOrEqual(16);
        expect(2026 - p.birthYear!).toBeLessThanOrEqual(55);
      }
      if (p.school) expect(p.isStudent).toBe(true);
      for (const slot of p.availability ?? []) {
        expect(slot.weekday).toBeGreaterThanOrEqual(1);
        expect(slot.weekday).toBeLessThanOrEqual(7);
        expect(slot.from < slot.to).toBe(true);
      }
      if (p.idCardNumber) {
        const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const sum = [...p.idCardNumber.slice(0, 17)].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
        expect(p.idCardNumber[17]).toBe('10X98765432'[sum % 11]);
      }
    }
    const share = (f: (p: (typeof people)[number]) => boolean) => people.filter(f).length / people.length;
    expect(share((p) => p.city === '上海')).toBeGreaterThan(0.55);
    expect(share((p) => p.mobile.startsWith('+86'))).toBeGreaterThan(0.05);
    expect(share((p) => p.birthDate === null)).toBeGreaterThan(0.03);
    expect(share((p) => p.isStudent)).toBeGreaterThan(0.1);
    expect(share((p) => p.wageText === '面议')).toBeGreaterThan(0.05);
    expect(share((p) => /\/天$/.test(p.wageText))).toBeGreaterThan(0.05);
    expect(share((p) => /^\d+-\d+元\/时$/.test(p.wageText))).toBeGreaterThan(0.05);
    expect(new Set(people.map((p) => p.name)).size).toBeGreaterThan(300);
  });

  it('the simulators turn applicants into each board format (Doumi ISO +08:00, Jianzhimao Beijing time)', async () => {
    const dm = await startDoumiSimulator({ tenants: [DM], seed: 9, jobCodes: JOBS });
    const jzm = await startJianzhimaoSimulator({ tenants: [JZM], seed: 9, jobCodes: JOBS });
    try {
      const [app] = dm.addApplications({ count: 1 });
      const [resume] = jzm.addResumes({ count: 1 });
      expect(app!.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(Math.abs(Date.parse(app!.appliedAt) - Date.now())).toBeLessThan(5000);
      expect(Math.abs(parseBeijingText(resume!.deliver_time)! - Date.now())).toBeLessThan(5000);
      expect(resume!.real_name).toBe(app!.candidate.name); // same seed, same person
      expect(resume!.city_name).toMatch(/市$/);
    } finally {
      await dm.close();
      await jzm.close();
    }
  });
});
