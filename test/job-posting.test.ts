// Job posting as a workflow (issue #3, item 4) on a real Temporal dev server against the board
// simulators: publish with the AI面试 tag, 40901 and a re-published out_job_no as success, update
// on a config change, offline when the job closes or its headcount is filled. With
// RECORD_HISTORIES=1 the postings' histories are kept for the replay test.
import { createLogger } from '../common/logger';
import { Board, CandidateStage } from '../common/types';
import { DoumiClient } from '../connectors/doumi/doumi-client';
import { startDoumiSimulator, type DoumiSimulator } from '../sandbox/doumi/doumi-simulator';
import { startJianzhimaoSimulator, type JianzhimaoSimulator } from '../sandbox/jianzhimao/jianzhimao-simulator';
import { ensureBoardWorkflows } from '../workers/ensure-board-workflows';
import { getJobPostingQuery, jobPostingWorkflowId, recheckPostingSignal, type JobPostingStatus } from '../workflows/board-definitions';
import { eventually } from './support/eventually';
import { createHarness, type Harness } from './support/hub-harness';

jest.setTimeout(120_000);

const TENANT = 'demo';
const PROMO = 'RX-SH-PROMO-001';
const RIDER = 'RX-SH-RIDER-001';
const logger = createLogger('test', 'silent');

describe('job posting workflow', () => {
  let doumi: DoumiSimulator;
  let jzm: JianzhimaoSimulator;
  let hub: Harness;
  let preexistingRiderJobId: string;

  const posting = (jobCode: string) => hub.client.workflow.getHandle(jobPostingWorkflowId(TENANT, jobCode));
  async function syncedTo(jobCode: string, ok: (s: JobPostingStatus) => boolean, signal = true): Promise<JobPostingStatus> {
    if (signal) await posting(jobCode).signal(recheckPostingSignal);
    const s = await eventually(() => posting(jobCode).query(getJobPostingQuery), ok, 30_000);
    if (!ok(s)) throw new Error(`posting of ${jobCode} did not get there: ${JSON.stringify(s)}`);
    return s;
  }
  const both = (s: JobPostingStatus, action: string | string[]) =>
    s.boards.length === 2 && s.boards.every((b) => [action].flat().includes(b.action) && b.error === null);
  const job = (code: string) => hub.config.tenants[0]!.jobs.find((j) => j.code === code)!;
  const doumiJob = (code: string) => doumi.jobs(TENANT).filter((j) => j.posting.outerJobCode === code);
  const jzmJob = (code: string) => jzm.jobs(TENANT).filter((j) => j.posting.out_job_no === code);

  beforeAll(async () => {
    doumi = await startDoumiSimulator({ seed: 'posting', rateLimitPerSecond: Infinity });
    jzm = await startJianzhimaoSimulator({ seed: 'posting', rateLimitPerSecond: Infinity });
    hub = await createHarness({
      server: 'dev',
      configure: (doc) => {
        const t = doc.tenants[0];
        t.boards.doumi = { ...t.boards.doumi, baseUrl: doumi.url, reportProgress: false };
        t.boards.jianzhimao = { ...t.boards.jianzhimao, baseUrl: jzm.url, reportProgress: false };
        const promo = t.jobs.find((j: { code: string }) => j.code === PROMO);
        promo.headcount = 1;
        promo.posting = { district: '浦东新区', address: '上海市浦东新区张杨路500号', schedule: '周六 09:00-18:00', description: '超市新品试吃促销', tags: ['周末'] };
      },
    });
    // The rider job is already on Doumi (the hub lost its row, say): creating it answers 40901.
    const c = hub.config.tenants[0]!.boards.doumi!;
    const created = await new DoumiClient({ appKey: c.appKey, appSecret: c.appSecret, baseUrl: doumi.url }).createJob({
      outerJobCode: RIDER, title: 'old title', category: 'rider', city: '上海', address: '上海', hourlyWage: 20, headcount: 1,
      schedule: '', description: 'old', tags: [], validUntil: '2026-12-31T23:59:59+08:00',
    });
    preexistingRiderJobId = created.jobId;
  });

  afterAll(async () => {
    if (hub) for (const j of hub.config.tenants[0]!.jobs) await posting(j.code).terminate('test over').catch(() => undefined);
    // Published, unchanged, updated, offline at headcount (promoter); 40901, closed, reopened with Doumi refusing (rider).
    if (hub) hub.recordWorkflowHistory({ workflowId: jobPostingWorkflowId(TENANT, PROMO) }, 'job-posting-promoter');
    if (hub) hub.recordWorkflowHistory({ workflowId: jobPostingWorkflowId(TENANT, RIDER) }, 'job-posting-rider-reopened');
    await hub?.shutdown();
    await doumi?.close();
    await jzm?.close();
  });

  it('publishes every open job to both boards with the AI面试 tag; 40901 counts as success', async () => {
    const ensured = await ensureBoardWorkflows(hub.client, hub.config, logger, hub.taskQueue);
    expect(ensured.postings).toEqual(hub.config.tenants[0]!.jobs.map((j) => jobPostingWorkflowId(TENANT, j.code)));
    for (const j of hub.config.tenants[0]!.jobs) await syncedTo(j.code, (s) => both(s, 'published'), false);

    const [d] = doumiJob(PROMO);
    expect(d).toMatchObject({ state: 'ONLINE', posting: { title: job(PROMO).title, hourlyWage: 25, headcount: 1, district: '浦东新区', address: '上海市浦东新区张杨路500号', schedule: '周六 09:00-18:00' } });
    expect(d!.posting.tags).toEqual(['AI面试', '周末']);
    const [z] = jzmJob(PROMO);
    expect(z).toMatchObject({ state: 'OPEN', posting: { salary: { amount: 25, unit: 'HOUR' }, work_time_desc: '周六 09:00-18:00' } });
    expect(z!.posting.tags).toContain('AI面试');
    expect(z!.posting.valid_until).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // 40901: the existing Doumi job is adopted (same jobId, content brought up to date), not duplicated.
    const rider = doumiJob(RIDER);
    expect(rider).toHaveLength(1);
    expect(rider[0]!.jobId).toBe(preexistingRiderJobId);
    expect(rider[0]!.history.map((h) => h.action)).toEqual(['created', 'duplicate', 'updated']);
    expect(rider[0]!.posting.title).toBe(job(RIDER).title);
    expect(await hub.store.boardPostings.get(TENANT, RIDER, 'doumi')).toMatchObject({ boardJobId: preexistingRiderJobId, status: 'online' });
  });

  it('calls no board again while nothing changed, and updates in place when the job config changes', async () => {
    const requests = doumi.requests().length;
    const calls = jzm.calls().length;
    await syncedTo(PROMO, (s) => both(s, 'unchanged') && s.syncs >= 2);
    expect(doumi.requests().length).toBe(requests);
    expect(jzm.calls().length).toBe(calls);

    const before = { doumi: doumiJob(PROMO)[0]!.jobId, jzm: jzmJob(PROMO)[0]!.jobId };
    job(PROMO).title = '促销员 (周末, 新)'; // as a restarted worker would read a changed config file
    await ensureBoardWorkflows(hub.client, hub.config, logger, hub.taskQueue); // signal-with-start: the running workflow rechecks
    const s = await syncedTo(PROMO, (st) => both(st, 'updated'), false);
    expect(s.boards.map((b) => b.boardJobId).sort()).toEqual([before.doumi, before.jzm].sort());
    expect(doumiJob(PROMO)).toHaveLength(1);
    expect(doumiJob(PROMO)[0]!.posting.title).toBe('促销员 (周末, 新)');
    expect(jzmJob(PROMO)).toHaveLength(1); // re-publishing the same out_job_no updated it under the same job_id
    expect(jzmJob(PROMO)[0]!.posting.title).toBe('促销员 (周末, 新)');
  });

  it('takes the posting offline once the headcount is filled', async () => {
    const now = new Date().toISOString();
    await hub.store.candidates.upsert({
      workflowId: `candidate:${TENANT}:doumi:HIRED-1`, tenantId: TENANT, board: Board.DOUMI, applicationId: 'HIRED-1', jobCode: PROMO,
      stage: CandidateStage.ONBOARDED, outcome: 'PASS', score: 80, reviewDueAt: null, onboardingDueAt: null, version: 12, createdAt: now, updatedAt: now,
    });
    const s = await syncedTo(PROMO, (st) => both(st, 'offline'));
    expect(s).toMatchObject({ hires: 1, headcount: 1 });
    expect(doumiJob(PROMO)[0]!.state).toBe('OFFLINE');
    expect(jzmJob(PROMO)[0]!.state).toBe('CLOSED');
    expect(await hub.store.boardPostings.get(TENANT, PROMO, 'jianzhimao')).toMatchObject({ status: 'offline' });
    // Idempotent: asked again, it knows the posting is offline and calls nobody.
    const requests = doumi.requests().length;
    await syncedTo(PROMO, (st) => both(st, 'already-offline'));
    expect(doumi.requests().length).toBe(requests);
  });

  it('takes the posting offline when the job closes (open: false)', async () => {
    job(RIDER).open = false;
    await syncedTo(RIDER, (st) => both(st, 'offline'));
    expect(doumiJob(RIDER)[0]!.state).toBe('OFFLINE');
    expect(jzmJob(RIDER)[0]!.state).toBe('CLOSED');
  });

  it('reopens a closed job where the board allows it, and says so where it does not (Doumi)', async () => {
    job(RIDER).open = true;
    const s = await syncedTo(RIDER, (st) => st.boards.some((b) => b.board === 'jianzhimao' && b.action === 'updated' && b.online) && st.boards.some((b) => b.board === 'doumi' && b.error !== null));
    expect(jzmJob(RIDER)[0]!.state).toBe('OPEN'); // job.publish of the same out_job_no puts it online again
    expect(s.boards.find((b) => b.board === 'doumi')!.error).toMatch(/offline and Doumi's API cannot put it online again/);
    expect(doumiJob(RIDER)).toHaveLength(1);
    expect(doumiJob(RIDER)[0]!.history.map((h) => h.action).slice(-2)).toEqual(['duplicate', 'updated']);
  });

  it('keeps going when a board is down, and catches up on the next recheck', async () => {
    const other = hub.config.tenants[0]!.jobs.find((j) => j.code !== PROMO && j.code !== RIDER);
    if (!other) return; // the dev config has only two jobs
    jzm.injectFailure({ kind: 'error', match: 'job.publish', count: 2 });
    other.posting.description = '描述已更新';
    const s = await syncedTo(other.code, (st) => both(st, 'updated'));
    expect(s.boards.every((b) => b.online)).toBe(true);
    expect(jzm.calls().filter((c) => c.injected === 'error')).toHaveLength(2);
  });
});
