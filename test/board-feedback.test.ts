// Candidate progress back to the board (issue #3, item 4) on a real Temporal dev server against the
// board simulators: each change of what the board knows is reported once, in order, also when the
// board was down meanwhile; the candidate never waits for the board; direct applications report nothing.
// With RECORD_HISTORIES=1 the senders' histories are kept for the replay test.
import { createLogger } from '../common/logger';
import { Board, CandidateStage } from '../common/types';
import { normaliseDoumiApplication } from '../connectors/doumi/doumi-application';
import { normaliseJianzhimaoResume } from '../connectors/jianzhimao/jianzhimao-resume';
import { ingestApplication } from '../intake/candidate-intake';
import { startDoumiSimulator, type DoumiSimulator } from '../sandbox/doumi/doumi-simulator';
import { startJianzhimaoSimulator, type JianzhimaoSimulator } from '../sandbox/jianzhimao/jianzhimao-simulator';
import { ensureBoardWorkflows } from '../workers/ensure-board-workflows';
import { boardFeedbackWorkflowId } from '../workflows/board-definitions';
import { withdrawSignal } from '../workflows/definitions';
import { eventually } from './support/eventually';
import { makeApplication } from './support/fixtures';
import { createHarness, type Harness } from './support/hub-harness';

jest.setTimeout(120_000);

const TENANT = 'demo';
const logger = createLogger('test', 'silent');

/** A Doumi applicant who passes the promoter job's prescreen (Shanghai, adult, health certificate, Saturdays). */
const qualifiedDoumi = (city = '上海') => ({
  outerJobCode: 'RX-SH-PROMO-001',
  candidate: { city, birthDate: '2000-05-01', availability: [{ weekday: 6, from: '09:00', to: '18:00' }], expectedHourlyWage: 25 },
  answers: [{ question: '是否有健康证?', answer: '有' }],
});

describe('board progress feedback', () => {
  let doumi: DoumiSimulator;
  let jzm: JianzhimaoSimulator;
  let hub: Harness;

  const ingest = (app: Parameters<typeof ingestApplication>[1]) => ingestApplication({ client: hub.client, store: hub.store, taskQueue: hub.taskQueue }, app, 'webhook');
  const doumiStatuses = (applicationId: string) => doumi.statusReports(TENANT).filter((r) => r.applicationId === applicationId).map((r) => r.status);
  const jzmStatuses = (resumeId: string) => jzm.feedback(TENANT).filter((f) => f.resumeId === resumeId).map((f) => f.status);

  beforeAll(async () => {
    doumi = await startDoumiSimulator({ seed: 'feedback', rateLimitPerSecond: Infinity, idPrefix: 'DMF' });
    jzm = await startJianzhimaoSimulator({ seed: 'feedback', rateLimitPerSecond: Infinity, idPrefix: 'JZF' });
    hub = await createHarness({
      server: 'dev',
      configure: (doc) => {
        const t = doc.tenants[0];
        t.boards.doumi = { ...t.boards.doumi, baseUrl: doumi.url, postJobs: false };
        t.boards.jianzhimao = { ...t.boards.jianzhimao, baseUrl: jzm.url, postJobs: false };
      },
    });
    const ensured = await ensureBoardWorkflows(hub.client, hub.config, logger, hub.taskQueue);
    expect(ensured.feedback).toEqual([boardFeedbackWorkflowId(TENANT, 'doumi'), boardFeedbackWorkflowId(TENANT, 'jianzhimao')]);
  });

  afterAll(async () => {
    if (hub) for (const board of ['doumi', 'jianzhimao'] as const) await hub.client.workflow.getHandle(boardFeedbackWorkflowId(TENANT, board)).terminate('test over').catch(() => undefined);
    // Nudges, batches sent (Doumi's after the board came back), follow-up and sweep timers; ended by the terminate above.
    if (hub) for (const board of ['doumi', 'jianzhimao'] as const) hub.recordWorkflowHistory({ workflowId: boardFeedbackWorkflowId(TENANT, board) }, `board-feedback-${board}`);
    await hub?.shutdown();
    await doumi?.close();
    await jzm?.close();
  });

  it('reports each Doumi status once per change, after the board comes back, without holding up the candidate', async () => {
    const [raw] = doumi.addApplications({ deliver: 'poll', applications: [qualifiedDoumi()] });
    const app = normaliseDoumiApplication(TENANT, raw);
    // Doumi's status endpoint is down: the candidate goes on regardless.
    doumi.injectFailure({ kind: 'error', match: '/status', count: 1000 });
    await ingest(app);
    await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
    await eventually(async () => doumi.requests().filter((r) => r.path.endsWith('/status')).length, (n) => n >= 2, 20_000);
    expect(doumiStatuses(app.applicationId)).toEqual([]);

    doumi.clearFailures(); // the board is back: the sender's next retry gets through
    await eventually(async () => doumiStatuses(app.applicationId), (s) => s.length === 1, 20_000);
    expect(doumiStatuses(app.applicationId)).toEqual(['INTERVIEWING']);

    await hub.handle(app).signal(withdrawSignal, { by: 'board', reason: 'found another job' });
    await hub.waitForStage(app, CandidateStage.WITHDRAWN);
    await eventually(async () => doumiStatuses(app.applicationId), (s) => s.length === 2, 20_000);
    expect(doumiStatuses(app.applicationId)).toEqual(['INTERVIEWING', 'CLOSED']);

    // The outbox keeps what happened: VIEWED has no Doumi status, the rest were sent once.
    const rows = await hub.store.boardFeedback.list(TENANT, { board: 'doumi', applicationId: app.applicationId });
    expect(rows.map((r) => [r.progress, r.status])).toEqual([
      ['VIEWED', 'skipped'],
      ['INTERVIEWING', 'sent'],
      ['CLOSED', 'sent'],
    ]);
    expect(rows.find((r) => r.progress === 'INTERVIEWING')!.attempts).toBeGreaterThanOrEqual(3); // ≥ 2 failed, 1 sent
  });

  it('reports a prescreen rejection once', async () => {
    const [raw] = doumi.addApplications({ deliver: 'poll', applications: [qualifiedDoumi('北京')] });
    const app = normaliseDoumiApplication(TENANT, raw);
    await ingest(app);
    await hub.waitForStage(app, CandidateStage.PRESCREEN_REJECTED);
    await eventually(async () => doumiStatuses(app.applicationId), (s) => s.length === 1, 20_000);
    // A redelivery of the same application changes nothing on the board.
    await ingest(app);
    await new Promise((r) => setTimeout(r, 500));
    expect(doumiStatuses(app.applicationId)).toEqual(['REJECTED']);
  });

  it('sends Jianzhimao feedback codes (1 viewed, 2 interviewing) and nothing for a withdrawal', async () => {
    const [raw] = jzm.addResumes({
      deliver: 'poll',
      resumes: [{ out_job_no: 'RX-SH-RIDER-001', city_name: '上海市', birth_year: 2000, health_cert: 1 }],
    });
    const app = normaliseJianzhimaoResume(TENANT, raw);
    await ingest(app);
    await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
    await eventually(async () => jzmStatuses(app.applicationId), (s) => s.length === 2, 20_000);
    expect(jzmStatuses(app.applicationId)).toEqual([1, 2]);

    await hub.handle(app).signal(withdrawSignal, { by: 'board' });
    await hub.waitForStage(app, CandidateStage.WITHDRAWN);
    const rows = await eventually(
      () => hub.store.boardFeedback.list(TENANT, { board: 'jianzhimao', applicationId: app.applicationId }),
      (r) => r.length === 3 && r.every((x) => x.status !== 'pending'),
    );
    expect(rows.map((r) => [r.progress, r.status])).toEqual([
      ['VIEWED', 'sent'],
      ['INTERVIEWING', 'sent'],
      ['CLOSED', 'skipped'],
    ]);
    expect(jzmStatuses(app.applicationId)).toEqual([1, 2]);
  });

  it('reports nothing for applications that did not come from a board', async () => {
    const app = makeApplication({ board: Board.DIRECT });
    await hub.ingest(app);
    await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
    expect(await hub.store.boardFeedback.list(TENANT, { applicationId: app.applicationId })).toEqual([]);
  });
});
