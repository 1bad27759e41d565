// A hub for one test file: a real Temporal server, a worker with the real activities, a
// temporary SQLite hub database, and helpers to drive a candidate as the API would.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { parse as parseYaml } from 'yaml';
import { ChineseWorkdayCalendar } from '../../common/chinese-workday-calendar';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../common/config';
import type { HubConfig } from '../../common/config-schema';
import { createLogger } from '../../common/logger';
import type { CanonicalApplication, HrDecision } from '../../common/types';
import { candidateWorkflowId } from '../../common/workflow-ids';
import { createHubStore, type HubStore } from '../../connectors/hub-db';
import { DataCipher } from '../../common/data-cipher';
import { createHubDb, type HubDb } from '../../connectors/hub-db/create-hub-db';
import { ingestApplication } from '../../intake/candidate-intake';
import { buildActivityDeps } from '../../workers/build-activity-deps';
import { createCandidateWorker } from '../../workers/create-candidate-worker';
import {
  decisionUpdate,
  getStatusQuery,
  startInterviewUpdate,
  submitAnswerUpdate,
  type CandidateStatus,
} from '../../workflows/definitions';
import type { CandidateStage } from '../../common/types';
import { startDevServer, startTimeSkippingServer } from './temporal-servers';
import { recordHistory, type RecordedRun } from './history-recorder';

export { HISTORIES_DIR } from './history-recorder';

let bundle: Promise<{ code: string }> | undefined;
/** Bundling the workflows takes seconds: once per test file. */
function workflowBundle() {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
  return bundle;
}

/** Quieter SDK logs; the native runtime is per process, so a later test file finds it installed. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by an earlier test file in this process
  }
}

export interface Harness {
  env: TestWorkflowEnvironment;
  client: Client;
  store: HubStore;
  db: HubDb;
  config: HubConfig;
  taskQueue: string;
  ingest(app: CanonicalApplication): ReturnType<typeof ingestApplication>;
  handle(app: CanonicalApplication): WorkflowHandle;
  status(app: CanonicalApplication): Promise<CandidateStatus>;
  waitForStage(app: CanonicalApplication, stage: CandidateStage, timeoutMs?: number): Promise<CandidateStatus>;
  /** The current interview session (child workflow) of the candidate, once it has been invited. */
  interview(app: CanonicalApplication): Promise<WorkflowHandle>;
  answerAll(app: CanonicalApplication, answers: readonly string[], consentToAiScoring?: boolean): Promise<void>;
  decide(app: CanonicalApplication, decision: Partial<HrDecision> & Pick<HrDecision, 'action'>): Promise<{ stage: CandidateStage }>;
  notifications(app: CanonicalApplication): ReturnType<HubStore['notifications']['listForWorkflow']>;
  /** With RECORD_HISTORIES=1, keeps the candidate's history in test/histories for the replay test (never overwriting). */
  recordHistory(app: CanonicalApplication, name: string): Promise<void>;
  /** The same for any workflow run on this server (an interview session, a poller's run). */
  recordWorkflowHistory(run: RecordedRun, name: string): void;
  shutdown(): Promise<void>;
}

/** The dev config as a plain document, for tests to adjust before validation. */
export function devConfigDocument(): Record<string, any> {
  return parseYaml(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
}

/**
 * Workflow tests run on today's clock, and the time-skipping server moves it on by days. So that
 * they do not start failing once real time passes the calendar package's last year, years it
 * lacks get a stand-in schedule (New Year's Day only). The calendar's own tests use real data.
 */
function assumeCalendarYears(doc: Record<string, any>): void {
  const lastCovered = ChineseWorkdayCalendar.withAdditionalYears({}).coveredYears().last;
  const thisYear = new Date().getUTCFullYear();
  const additionalYears: Record<string, { holidays: string[] }> = {};
  for (let year = lastCovered + 1; year <= thisYear + 2; year++) additionalYears[String(year)] = { holidays: [`${year}-01-01`] };
  doc.hub.calendar = { additionalYears };
}

export async function createHarness(options: { server: 'dev' | 'time-skipping'; configure?: (doc: Record<string, any>) => void }): Promise<Harness> {
  quietRuntime();
  const doc = devConfigDocument();
  assumeCalendarYears(doc);
  // Workflow tests score with the embedded deterministic scorer unless they configure an LLM.
  delete doc.hub.llm;
  options.configure?.(doc);
  const config = parseConfig(doc, {});
  const env = options.server === 'dev' ? await startDevServer() : await startTimeSkippingServer();
  const dir = mkdtempSync(join(tmpdir(), 'hirebridge-test-'));
  const db = await createHubDb({ databaseUrl: `sqlite:${join(dir, 'hub.sqlite')}` });
  const store = createHubStore(db, { dataCipher: DataCipher.fromConfig(config) });
  const taskQueue = `test-${Math.random().toString(36).slice(2)}`;
  const worker: Worker = await createCandidateWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: buildActivityDeps(config, store, createLogger('test', 'silent')),
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  const client = env.client;

  const handle = (app: CanonicalApplication) => client.workflow.getHandle(candidateWorkflowId(app));
  const status = (app: CanonicalApplication) => handle(app).query(getStatusQuery);

  async function waitForStage(app: CanonicalApplication, stage: CandidateStage, timeoutMs = 30_000): Promise<CandidateStatus> {
    const until = Date.now() + timeoutMs;
    let last: CandidateStatus | undefined;
    while (Date.now() < until) {
      try {
        last = await status(app);
        if (last.stage === stage) return last;
      } catch {
        // not started yet, or its first task not processed
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`candidate did not reach ${stage} within ${timeoutMs} ms (last stage: ${last?.stage ?? 'none'}${last?.attention ? `, attention: ${last.attention.code} ${last.attention.message}` : ''})`);
  }

  /** The session of the round the candidate is invited to (the ID comes from the candidate's status). */
  async function interviewSession(app: CanonicalApplication): Promise<WorkflowHandle> {
    const until = Date.now() + 30_000;
    for (;;) {
      const s = await status(app).catch(() => undefined);
      if (s?.interviewWorkflowId && (s.stage === 'INTERVIEW_INVITED' || s.stage === 'INTERVIEWING')) return client.workflow.getHandle(s.interviewWorkflowId);
      if (Date.now() > until) throw new Error(`no open interview (stage ${s?.stage ?? 'none'})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    env,
    client,
    store,
    db,
    config,
    taskQueue,
    ingest: (app) => ingestApplication({ client, store, taskQueue }, app, 'api'),
    handle,
    status,
    waitForStage,
    interview: (app) => interviewSession(app),
    async answerAll(app, answers, consentToAiScoring = true) {
      const h = await interviewSession(app);
      let progress = await h.executeUpdate(startInterviewUpdate, { args: [{ consentToAiScoring }] });
      for (const answer of answers) {
        if (!progress.nextQuestion) throw new Error('no next question');
        progress = await h.executeUpdate(submitAnswerUpdate, { args: [{ questionId: progress.nextQuestion.id, answer }] });
      }
    },
    decide: (app, decision) =>
      handle(app).executeUpdate(decisionUpdate, { args: [{ reviewer: 'hr.li@demo.example', tool: 'api', ...decision }] }),
    notifications: (app) => store.notifications.listForWorkflow(app.tenantId, candidateWorkflowId(app)),
    async recordHistory(app, name) {
      recordHistory(env.address, { workflowId: candidateWorkflowId(app) }, name);
    },
    recordWorkflowHistory: (run, name) => recordHistory(env.address, run, name),
    async shutdown() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
