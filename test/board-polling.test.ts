// Board pollers (issue #3, item 3) on a real Temporal dev server against the board simulators:
// pages become candidate workflows, the cursor stays put when the poller dies mid-page, Doumi's
// 40010 falls back to updatedAfter, Retry-After is honoured, a webhook and a poll of the same
// application give one workflow, and a late Jianzhimao resume is still found. With
// RECORD_HISTORIES=1 the pollers' runs are kept for the replay test.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../api/create-app';
import { createLogger } from '../common/logger';
import { candidateWorkflowId } from '../common/workflow-ids';
import { Board, CandidateStage } from '../common/types';
import type { HubStore } from '../connectors/hub-db';
import { startDoumiSimulator, type DoumiSimulator } from '../sandbox/doumi/doumi-simulator';
import { startJianzhimaoSimulator, type JianzhimaoSimulator } from '../sandbox/jianzhimao/jianzhimao-simulator';
import { buildActivityDeps } from '../workers/build-activity-deps';
import { createCandidateWorker } from '../workers/create-candidate-worker';
import { ensureBoardWorkflows } from '../workers/ensure-board-workflows';
import { boardPollerWorkflowId, getPollerStatusQuery, pollNowSignal, type BoardPollerStatus } from '../workflows/board-definitions';
import { eventually } from './support/eventually';
import { createHarness, type Harness } from './support/hub-harness';

jest.setTimeout(120_000);

const TENANT = 'demo';
const logger = createLogger('test', 'silent');

/** The hub store, except that an armed application upsert fails once: a crash in the middle of a page. */
function crashableStore(store: HubStore) {
  let failOnCall = 0;
  let calls = 0;
  const applications = Object.create(store.applications) as HubStore['applications'];
  applications.upsert = async (app) => {
    calls += 1;
    if (failOnCall > 0 && calls === failOnCall) {
      failOnCall = 0;
      throw new Error('simulated crash: the hub database went away mid-page');
    }
    return store.applications.upsert(app);
  };
  return {
    store: { ...store, applications } as HubStore,
    /** The `n`-th upsert from now fails. */
    failOn(n: number) {
      failOnCall = calls + n;
    },
  };
}

describe('board pollers', () => {
  let doumi: DoumiSimulator;
  let jzm: JianzhimaoSimulator;
  let hub: Harness;
  let crash: ReturnType<typeof crashableStore>;
  let worker: Worker;
  let running: Promise<void>;
  let api: Server;
  const taskQueue = `board-polling-${Math.random().toString(36).slice(2)}`;

  const poller = (board: 'doumi' | 'jianzhimao') => hub.client.workflow.getHandle(boardPollerWorkflowId(TENANT, board));
  const pollerStatus = (board: 'doumi' | 'jianzhimao') => poller(board).query(getPollerStatusQuery);
  async function pollUntil(board: 'doumi' | 'jianzhimao', ok: (s: BoardPollerStatus) => boolean, timeoutMs = 30_000): Promise<BoardPollerStatus> {
    await poller(board).signal(pollNowSignal);
    const s = await eventually(() => pollerStatus(board), ok, timeoutMs);
    if (!ok(s)) throw new Error(`poller ${board} did not get there: ${JSON.stringify(s)}`);
    return s;
  }
  const candidate = (board: Board, applicationId: string): WorkflowHandle =>
    hub.client.workflow.getHandle(candidateWorkflowId({ tenantId: TENANT, board, applicationId }));
  /** Every run ever started under this workflow ID (a duplicate start would show as a second one). */
  async function runsOf(board: Board, applicationId: string): Promise<number> {
    const id = candidateWorkflowId({ tenantId: TENANT, board, applicationId });
    let n = 0;
    for await (const _ of hub.client.workflow.list({ query: `WorkflowId = '${id}'` })) n++;
    return n;
  }
  async function sourceOf(board: Board, applicationId: string): Promise<string> {
    const history = await candidate(board, applicationId).fetchHistory();
    const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    return (JSON.parse(Buffer.from(payload.data!).toString('utf8')) as { source: string }).source;
  }

  beforeAll(async () => {
    doumi = await startDoumiSimulator({ seed: 'poll', rateLimitPerSecond: Infinity, redeliveryScale: 0.001, idPrefix: 'DMP' });
    jzm = await startJianzhimaoSimulator({ seed: 'poll', rateLimitPerSecond: Infinity, idPrefix: 'JZP' });
    hub = await createHarness({
      server: 'dev',
      configure: (doc) => {
        const boards = doc.tenants[0].boards;
        // Polls are driven by pollNow in these tests; the interval only matters when nobody asks.
        boards.doumi = { ...boards.doumi, baseUrl: doumi.url, postJobs: false, reportProgress: false, poll: { enabled: true, interval: '1h', pageSize: 3, lookback: '1h' } };
        boards.jianzhimao = { ...boards.jianzhimao, baseUrl: jzm.url, postJobs: false, reportProgress: false, poll: { enabled: true, interval: '1h', pageSize: 2, lookback: '1h' } };
      },
    });
    crash = crashableStore(hub.store);
    worker = await createCandidateWorker({
      connection: hub.env.nativeConnection,
      namespace: hub.env.namespace ?? 'default',
      taskQueue,
      deps: buildActivityDeps(hub.config, crash.store, logger),
    });
    running = worker.run();
    // The hub's API, for Doumi's webhooks (the same ingestion path as production).
    const app = createApp({ config: hub.config, store: hub.store, client: hub.client, taskQueue, logger });
    api = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    doumi.setHubUrl(`http://127.0.0.1:${(api.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    if (hub) for (const board of ['doumi', 'jianzhimao'] as const) await poller(board).terminate('test over').catch(() => undefined);
    // Windows read, an open window read again, idle timers and nudges; ended by the terminate above.
    if (hub) hub.recordWorkflowHistory({ workflowId: boardPollerWorkflowId(TENANT, 'jianzhimao') }, 'board-poller-jianzhimao-windows');
    await new Promise((r) => api?.close(r));
    worker?.shutdown();
    await running;
    await hub?.shutdown();
    await doumi?.close();
    await jzm?.close();
  });

  it('starts one poller per board at worker start-up, idempotently, and turns pages into candidate workflows', async () => {
    const added = doumi.addApplications({ count: 4, deliver: 'poll', jobCode: 'RX-SH-PROMO-001' });
    const [broken] = doumi.addApplications({ deliver: 'poll', applications: [{ candidate: { mobile: '12345' } }] });

    const first = await ensureBoardWorkflows(hub.client, hub.config, logger, taskQueue);
    const runId = (await poller('doumi').describe()).runId;
    const again = await ensureBoardWorkflows(hub.client, hub.config, logger, taskQueue);
    expect(first.pollers).toEqual([boardPollerWorkflowId(TENANT, 'doumi'), boardPollerWorkflowId(TENANT, 'jianzhimao')]);
    expect(again.pollers).toEqual(first.pollers);
    expect((await poller('doumi').describe()).runId).toBe(runId);

    const s = await pollUntil('doumi', (st) => st.totals.ingested === 4 && st.totals.quarantined === 1);
    expect(s.totals.pages).toBeGreaterThanOrEqual(2); // page size 3: the cursor was followed
    for (const a of added) {
      expect(await runsOf(Board.DOUMI, a.applicationId)).toBe(1);
      expect(await sourceOf(Board.DOUMI, a.applicationId)).toBe('poll');
      expect(await hub.store.applications.get({ tenantId: TENANT, board: Board.DOUMI, applicationId: a.applicationId })).toBeTruthy();
    }
    // The unusable one is kept with its reason, not lost, and starts nothing.
    const quarantined = await hub.store.quarantine.list(TENANT, { board: 'doumi', limit: 10 });
    expect(quarantined.items).toEqual([expect.objectContaining({ source: 'poll', applicationId: broken!.applicationId, reason: 'InvalidPhone' })]);
    expect(await runsOf(Board.DOUMI, broken!.applicationId)).toBe(0);
  });

  it('does not advance the cursor when the poller dies mid-page; the re-poll gives no duplicates', async () => {
    const before = await pollerStatus('doumi');
    const cursorBefore = before.state.cursor;
    const added = doumi.addApplications({ count: 3, deliver: 'poll', jobCode: 'RX-SH-PROMO-001' });
    const requestsBefore = doumi.requests().length;
    crash.failOn(2); // the first record is handed on, then the worker's database goes away

    const s = await pollUntil('doumi', (st) => st.totals.ingested === before.totals.ingested + 2 && st.totals.duplicates === before.totals.duplicates + 1);
    const reads = doumi.requests().slice(requestsBefore).filter((r) => r.method === 'GET' && r.path === '/open/v2/applications');
    // The failed attempt and its retry read the same page: the same cursor, sent twice.
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads[0]!.query).toContain(`cursor=${encodeURIComponent(cursorBefore!)}`);
    expect(reads[1]!.query).toBe(reads[0]!.query);
    expect(s.state.cursor).not.toBe(cursorBefore);
    for (const a of added) expect(await runsOf(Board.DOUMI, a.applicationId)).toBe(1);
  });

  it('waits as long as Retry-After says when rate-limited', async () => {
    const before = await pollerStatus('doumi');
    const [added] = doumi.addApplications({ count: 1, deliver: 'poll', jobCode: 'RX-SH-PROMO-001' });
    const requestsBefore = doumi.requests().length;
    doumi.injectFailure({ kind: 'rateLimit', retryAfterSeconds: 3, match: 'GET /open/v2/applications' });

    await pollUntil('doumi', (st) => st.totals.ingested === before.totals.ingested + 1);
    const reads = doumi.requests().slice(requestsBefore).filter((r) => r.path === '/open/v2/applications');
    expect(reads[0]).toMatchObject({ httpStatus: 429, code: 42900 });
    // The activity's own backoff starts at 1 s; the retry came after the board's 3 s instead.
    expect(reads[1]!.at - reads[0]!.at).toBeGreaterThanOrEqual(2900);
    expect(await runsOf(Board.DOUMI, added!.applicationId)).toBe(1);
  });

  it('gives one workflow when the same application comes by webhook and by poll', async () => {
    const before = await pollerStatus('doumi');
    const added = doumi.addApplications({ count: 2, deliver: 'both', jobCode: 'RX-SH-PROMO-001' });
    await doumi.webhooksIdle(15_000);
    for (const a of added) await eventually(() => runsOf(Board.DOUMI, a.applicationId), (n) => n === 1);

    const s = await pollUntil('doumi', (st) => st.totals.received >= before.totals.received + 2 && st.totals.duplicates >= before.totals.duplicates + 2);
    expect(s.totals.ingested).toBe(before.totals.ingested);
    for (const a of added) {
      expect(await runsOf(Board.DOUMI, a.applicationId)).toBe(1);
      expect(await sourceOf(Board.DOUMI, a.applicationId)).toBe('webhook');
    }
  });

  it('ends the candidate workflow when a polled application shows it was withdrawn on Doumi', async () => {
    const before = await pollerStatus('doumi');
    const [added] = doumi.addApplications({ deliver: 'poll', applications: [{ outerJobCode: 'RX-SH-PROMO-001', candidate: { city: '上海', birthDate: '2000-05-01', availability: [{ weekday: 6, from: '09:00', to: '18:00' }] }, answers: [{ question: '是否有健康证?', answer: '有' }] }] });
    await pollUntil('doumi', (st) => st.totals.ingested === before.totals.ingested + 1);
    const app = { tenantId: TENANT, board: Board.DOUMI, applicationId: added!.applicationId } as Parameters<Harness['waitForStage']>[0];
    await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);

    // Doumi's times have whole seconds: an update in the second the cursor was made would sort at it, not after.
    await new Promise((r) => setTimeout(r, 1100));
    doumi.withdrawApplication(added!.applicationId, { deliver: 'poll' });
    await pollUntil('doumi', (st) => st.totals.withdrawn === before.totals.withdrawn + 1);
    const status = await hub.waitForStage(app, CandidateStage.WITHDRAWN);
    expect(status.withdrawal).toMatchObject({ by: 'board' });
    expect(await runsOf(Board.DOUMI, added!.applicationId)).toBe(1);
  });

  it('continues as new after its pages per run, carrying the cursor and totals over', async () => {
    const before = await pollerStatus('doumi');
    const firstRun = await poller('doumi').describe();
    // Restarted from the same state with a tiny run length, as continue-as-new would hand it over.
    await poller('doumi').terminate('restart with pagesPerRun 2');
    await hub.client.workflow.start('boardPollerWorkflow', {
      workflowId: boardPollerWorkflowId(TENANT, 'doumi'),
      taskQueue,
      args: [{ tenantId: TENANT, board: 'doumi', state: before.state, totals: before.totals, pagesPerRun: 2 }],
    });
    const started = await poller('doumi').describe();
    expect(started.runId).not.toBe(firstRun.runId);
    const added = doumi.addApplications({ count: 5, deliver: 'poll', jobCode: 'RX-SH-PROMO-001' });

    const s = await pollUntil('doumi', (st) => st.totals.ingested === before.totals.ingested + 5);
    expect(s.totals.duplicates).toBe(before.totals.duplicates);
    const continued = await poller('doumi').describe();
    expect(continued.runId).not.toBe(started.runId); // two pages of 3 and 2: one continue-as-new
    for (const a of added) expect(await runsOf(Board.DOUMI, a.applicationId)).toBe(1);
    // The first run: cursor pages, a page re-read after the crash, Retry-After, a withdrawal; then terminated.
    hub.recordWorkflowHistory({ workflowId: firstRun.workflowId, runId: firstRun.runId }, 'board-poller-doumi-pages');
    // A whole run of the restarted poller: two pages handed on, then continue-as-new.
    hub.recordWorkflowHistory({ workflowId: started.workflowId, runId: started.runId }, 'board-poller-doumi-continued-as-new');
  });

  it('restarts from updatedAfter when Doumi says the cursor expired (40010)', async () => {
    const before = await pollerStatus('doumi');
    doumi.clock.advance(8 * 24 * 3600_000); // the poller's cursor is now older than 7 days
    const added = doumi.addApplications({ count: 2, deliver: 'poll', jobCode: 'RX-SH-PROMO-001' });

    const s = await pollUntil('doumi', (st) => st.totals.cursorResets === before.totals.cursorResets + 1 && st.totals.ingested === before.totals.ingested + 2);
    expect(doumi.requests().some((r) => r.code === 40010)).toBe(true);
    expect(s.lastError).toBeNull();
    for (const a of added) expect(await runsOf(Board.DOUMI, a.applicationId)).toBe(1);
  });

  it('reads Jianzhimao in time windows with pages, and still finds a resume that is listed late', async () => {
    const onTime = jzm.addResumes({ count: 3, deliver: 'poll', jobCode: 'RX-SH-PROMO-001' });
    const [late] = jzm.addResumes({ count: 1, deliver: 'poll', jobCode: 'RX-SH-PROMO-001', visibilityDelayMs: 90_000 });
    const deliveredAt = Date.now();

    const first = await pollUntil('jianzhimao', (st) => st.totals.ingested === 3);
    for (const r of onTime) expect(await runsOf(Board.JIANZHIMAO, r.resume_id)).toBe(1);
    expect(await runsOf(Board.JIANZHIMAO, late!.resume_id)).toBe(0);
    // The last 2 minutes stay an open window: its start has not moved past the late resume.
    expect(Date.parse(first.state.windowStart!)).toBeLessThanOrEqual(deliveredAt);

    jzm.clock.advance(100_000); // the board now lists it, 100 s after its deliver_time
    const s = await pollUntil('jianzhimao', (st) => st.totals.ingested === 4);
    expect(s.totals.duplicates).toBeGreaterThanOrEqual(3); // the open window was read again
    expect(await runsOf(Board.JIANZHIMAO, late!.resume_id)).toBe(1);
    for (const r of onTime) expect(await runsOf(Board.JIANZHIMAO, r.resume_id)).toBe(1);
    jzm.clock.reset();
  });
});
