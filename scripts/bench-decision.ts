// `npm run bench:decision`: latency from an HR decision to the write committed in each system of
// record (EHR over REST, ERP over SOAP, ERP staging table over SQL), against the running stack
// (`npm run dev`), next to a bare Temporal baseline (signal → one activity inserting one row) run
// in the same process on the same server. Prints p50/p99 per rate (10/s and 50/s) and the ratio,
// checks every write happened exactly once, and counts workflow-task timeouts.
//
//   npm run bench:decision -- [--n 500] [--rates 10,50]
//
// Reads HUB_URL (http://127.0.0.1:3000), HUB_API_KEY (dev-demo-api-key), TEMPORAL_ADDRESS
// (127.0.0.1:7233), EHR_SIM_URL (http://127.0.0.1:4104), ERP_SIM_URL (http://127.0.0.1:4105) and
// ERP_STAGING_SQLITE (.data/erp-staging.sqlite): the dev stack's defaults.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import axios from 'axios';
import knex, { type Knex } from 'knex';
import { candidateWorkflowId } from '../common/workflow-ids';
import { goSignal } from './bench-baseline-workflow';

const root = resolve(__dirname, '..');
const env = process.env;
const HUB_URL = env.HUB_URL ?? 'http://127.0.0.1:3000';
const API_KEY = env.HUB_API_KEY ?? 'dev-demo-api-key';
const TEMPORAL = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const EHR = env.EHR_SIM_URL ?? 'http://127.0.0.1:4104';
const ERP = env.ERP_SIM_URL ?? 'http://127.0.0.1:4105';
const STAGING = resolve(root, env.ERP_STAGING_SQLITE ?? '.data/erp-staging.sqlite');
const STAGING_TABLE = 'hb_staging_workers';
const JOB = 'RX-SH-RIDER-001';
const ANSWERS = ['下大雨我会马上联系顾客报备，注意安全，及时把餐送到。', '我会先规划路线，顺路的订单优先送，保持冷静，合理安排时间。'];

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '500' }, rates: { type: 'string', default: '10,50' } } });
const N = Number(args.n);
const RATES = args.rates!.split(',').map(Number);
const runId = Date.now().toString(36);
const api = axios.create({ baseURL: HUB_URL, headers: { authorization: `Bearer ${API_KEY}` }, validateStatus: () => true, timeout: 60_000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summary(latencies: number[]): { n: number; p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Sends `count` actions at `rate` per second on a fixed schedule (open loop: a slow answer does not slow the next send). */
async function atRate(count: number, rate: number, send: (i: number) => Promise<void>): Promise<void> {
  const start = Date.now() + 200;
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
    await send(i);
  }));
}

// ---------------------------------------------------------------- the hub's candidates
interface Candidate {
  applicationId: string;
  workflowId: string;
  externalId: string;
  decidedAtMs?: number;
}

async function ingestAndInterview(c: Candidate, i: number): Promise<void> {
  const res = await api.post('/api/v1/applications', {
    applicationId: c.applicationId,
    jobCode: JOB,
    appliedAt: new Date().toISOString(),
    candidate: {
      name: `压测${i}`, phoneE164: `+86139${String(10_000_000 + i).slice(-8)}`, gender: 'MALE', birthYear: 1998,
      city: '上海', isStudent: false, hasHealthCertificate: true, availability: [{ weekday: 6, from: '09:00', to: '18:00' }],
    },
  });
  if (res.status >= 300) throw new Error(`intake ${c.applicationId}: ${res.status} ${JSON.stringify(res.data)}`);
  // The invitation's signed link, as the candidate receives it.
  let link: string | undefined;
  for (let tries = 0; !link && tries < 300; tries++) {
    const n = await api.get(`/api/v1/candidates/${encodeURIComponent(c.workflowId)}/notifications`);
    link = (n.data?.items as { params?: { link?: string } }[] | undefined)?.find((x) => x.params?.link)?.params?.link;
    if (!link) await sleep(200);
  }
  if (!link) throw new Error(`no interview link for ${c.applicationId}`);
  const path = new URL(link).pathname;
  let progress = (await api.post(`${path}/start`, { consentToAiScoring: true })).data;
  for (let q = 0; q < 10; q++) {
    const next = progress?.nextQuestion ?? progress?.progress?.nextQuestion;
    if (!next) break;
    const res2 = await api.post(`${path}/answers`, { questionId: next.id, answer: ANSWERS[q % ANSWERS.length] });
    if (res2.status >= 300) throw new Error(`answer ${c.applicationId}: ${res2.status} ${JSON.stringify(res2.data)}`);
    progress = res2.data;
  }
}

async function stageOf(c: Candidate): Promise<string | undefined> {
  const res = await api.get(`/api/v1/candidates/${encodeURIComponent(c.workflowId)}`);
  return res.data?.stage ?? res.data?.candidate?.stage ?? res.data?.live?.stage;
}

async function waitAll(candidates: Candidate[], stages: string[], what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let pending = candidates;
  while (pending.length > 0) {
    if (Date.now() > until) throw new Error(`${pending.length} candidates did not reach ${what} in ${timeoutMs / 1000} s (e.g. ${pending[0]!.workflowId}: ${await stageOf(pending[0]!)})`);
    const still: Candidate[] = [];
    await pool(pending, 16, async (c) => {
      if (!stages.includes((await stageOf(c)) ?? '')) still.push(c);
    });
    pending = still;
    if (pending.length > 0) await sleep(1000);
  }
}

// ---------------------------------------------------------------- commit timestamps
async function ehrCommits(): Promise<Map<string, { creates: number; firstAtMs: number }>> {
  const res = await axios.get(`${EHR}/_control/writes`);
  const out = new Map<string, { creates: number; firstAtMs: number }>();
  for (const w of res.data.items as { externalId: string; op: string; committedAtMs: number }[]) {
    const e = out.get(w.externalId) ?? { creates: 0, firstAtMs: w.committedAtMs };
    if (w.op === 'create') e.creates += 1;
    e.firstAtMs = Math.min(e.firstAtMs, w.committedAtMs);
    out.set(w.externalId, e);
  }
  return out;
}

async function erpCommits(): Promise<Map<string, { creates: number; firstAtMs: number }>> {
  const res = await axios.get(`${ERP}/_control/writes`);
  const out = new Map<string, { creates: number; firstAtMs: number }>();
  for (const w of res.data.items as { integrationId: string; kind: string; op: string; committedAtMs: number }[]) {
    if (w.kind !== 'applicant') continue;
    const e = out.get(w.integrationId) ?? { creates: 0, firstAtMs: w.committedAtMs };
    if (w.op === 'create') e.creates += 1;
    e.firstAtMs = Math.min(e.firstAtMs, w.committedAtMs);
    out.set(w.integrationId, e);
  }
  return out;
}

async function sqlCommits(externalIds: string[]): Promise<Map<string, { rows: number; atMs: number }>> {
  const db = knex({ client: 'better-sqlite3', connection: { filename: STAGING, readonly: true } as Knex.Sqlite3ConnectionConfig, useNullAsDefault: true });
  try {
    const out = new Map<string, { rows: number; atMs: number }>();
    for (let i = 0; i < externalIds.length; i += 500) {
      const rows = (await db(STAGING_TABLE).whereIn('external_id', externalIds.slice(i, i + 500)).select('external_id', 'updated_at')) as { external_id: string; updated_at: string }[];
      for (const r of rows) {
        const e = out.get(r.external_id) ?? { rows: 0, atMs: Date.parse(r.updated_at) };
        e.rows += 1;
        out.set(r.external_id, e);
      }
    }
    return out;
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------- the baseline
async function baseline(client: Client, connection: NativeConnection, rate: number, count: number): Promise<{ latencies: number[]; taskTimeouts: number }> {
  const dir = join(root, '.data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-baseline-${runId}-${rate}.sqlite`);
  const db = knex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  await db.schema.createTable('rows', (t) => {
    t.string('id', 64).primary();
    t.bigInteger('committed_at_ms');
  });
  const taskQueue = `bench-baseline-${runId}-${rate}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./bench-baseline-workflow'),
    activities: {
      // The same shape of work as the staging write: one row, one transaction, commit time from the writer.
      insertRow: async (id: string) => {
        await db.transaction(async (trx) => trx('rows').insert({ id, committed_at_ms: Date.now() }).onConflict('id').merge());
      },
    },
  });
  const running = worker.run();
  const ids = Array.from({ length: count }, (_, i) => `bench-baseline-${runId}-${rate}-${i}`);
  await pool(ids, 32, async (id) => {
    await client.workflow.start('baselineWorkflow', { taskQueue, workflowId: id, args: [id] });
  });
  const sentAt = new Map<string, number>();
  await atRate(count, rate, async (i) => {
    const id = ids[i]!;
    sentAt.set(id, Date.now());
    await client.workflow.getHandle(id).signal(goSignal);
  });
  await pool(ids, 32, async (id) => {
    await client.workflow.getHandle(id).result();
  });
  const rows = (await db('rows').select('id', 'committed_at_ms')) as { id: string; committed_at_ms: number }[];
  const latencies = rows.map((r) => Number(r.committed_at_ms) - sentAt.get(r.id)!);
  let taskTimeouts = 0;
  await pool(ids, 16, async (id) => {
    const history = await client.workflow.getHandle(id).fetchHistory();
    taskTimeouts += (history.events ?? []).filter((e) => e.workflowTaskTimedOutEventAttributes).length;
  });
  worker.shutdown();
  await running;
  await db.destroy();
  rmSync(file, { force: true });
  if (rows.length !== count) throw new Error(`baseline: ${rows.length} rows for ${count} signals`);
  return { latencies, taskTimeouts };
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const health = await api.get('/readyz').catch(() => undefined);
  if (!health || health.status !== 200) throw new Error(`the hub API at ${HUB_URL} is not ready: start the stack with \`npm run dev\` first`);
  for (const [name, url] of [['EHR simulator', `${EHR}/_control/writes`], ['ERP simulator', `${ERP}/_control/writes`]]) {
    await axios.get(url!, { timeout: 3000 }).catch(() => {
      throw new Error(`the ${name} is not reachable at ${url}: start the stack with \`npm run dev\``);
    });
  }
  const connection = await Connection.connect({ address: TEMPORAL });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address: TEMPORAL });

  const candidates: Candidate[] = Array.from({ length: N }, (_, i) => {
    const applicationId = `BENCH-${runId}-${i}`;
    const ref = { tenantId: 'demo', board: 'direct' as const, applicationId };
    return { applicationId, workflowId: candidateWorkflowId(ref as Parameters<typeof candidateWorkflowId>[0]), externalId: `HB-demo-direct-${applicationId}` };
  });
  const t0 = Date.now();
  console.log(`bench:decision run ${runId}: ${N} candidates to HR_REVIEW (job ${JOB}) …`);
  await pool(candidates, 24, ingestAndInterview);
  await waitAll(candidates, ['HR_REVIEW'], 'HR_REVIEW', 10 * 60_000);
  console.log(`  ${N} candidates in HR_REVIEW after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const perRate = Math.floor(N / RATES.length);
  const results: string[] = [];
  const allWriteChecks: string[] = [];
  const hubTaskTimeouts: Record<number, number> = {};
  let timeoutsBeforeDecision = 0;
  for (const [r, rate] of RATES.entries()) {
    const batch = candidates.slice(r * perRate, (r + 1) * perRate);
    console.log(`  rate ${rate}/s: baseline (${batch.length} signals) …`);
    const base = await baseline(client, nativeConnection, rate, batch.length);
    console.log(`  rate ${rate}/s: ${batch.length} HR decisions …`);
    await atRate(batch.length, rate, async (i) => {
      const c = batch[i]!;
      c.decidedAtMs = Date.now();
      const res = await api.post(`/api/v1/candidates/${encodeURIComponent(c.workflowId)}/decision`, { action: 'approve', reviewer: 'bench@demo.example', tool: 'api', expectedStage: 'HR_REVIEW' });
      if (res.status >= 300) throw new Error(`decision ${c.workflowId}: ${res.status} ${JSON.stringify(res.data)}`);
    });
    // Wait on the systems of record themselves, not on workflow queries: a query per candidate per
    // second would load the very worker being measured.
    const ids = batch.map((c) => c.externalId);
    let ehr: Awaited<ReturnType<typeof ehrCommits>>, erp: Awaited<ReturnType<typeof erpCommits>>, sql: Awaited<ReturnType<typeof sqlCommits>>;
    for (const until = Date.now() + 10 * 60_000; ; ) {
      [ehr, erp, sql] = await Promise.all([ehrCommits(), erpCommits(), sqlCommits(ids)]);
      if (ids.every((id) => ehr.has(id) && erp.has(id) && sql.has(id))) break;
      if (Date.now() > until) throw new Error(`writes missing after 10 min at ${rate}/s`);
      await sleep(500);
    }
    await waitAll(batch, ['ONBOARDING', 'ONBOARDED'], 'ONBOARDING (all three writes done)', 5 * 60_000);
    const lat = { rest: [] as number[], soap: [] as number[], sql: [] as number[] };
    for (const c of batch) {
      const e = ehr.get(c.externalId);
      const s = erp.get(c.externalId);
      const q = sql.get(c.externalId);
      if (!e || e.creates !== 1) allWriteChecks.push(`${c.externalId}: EHR creates=${e?.creates ?? 0}`);
      if (!s || s.creates !== 1) allWriteChecks.push(`${c.externalId}: ERP creates=${s?.creates ?? 0}`);
      if (!q || q.rows !== 1) allWriteChecks.push(`${c.externalId}: SQL rows=${q?.rows ?? 0}`);
      if (e) lat.rest.push(e.firstAtMs - c.decidedAtMs!);
      if (s) lat.soap.push(s.firstAtMs - c.decidedAtMs!);
      if (q) lat.sql.push(q.atMs - c.decidedAtMs!);
    }
    await pool(batch, 16, async (c) => {
      const history = await client.workflow.getHandle(c.workflowId).fetchHistory();
      for (const ev of history.events ?? []) {
        if (!ev.workflowTaskTimedOutEventAttributes) continue;
        const atMs = Number(ev.eventTime?.seconds ?? 0) * 1000 + Math.floor((ev.eventTime?.nanos ?? 0) / 1e6);
        if (atMs >= c.decidedAtMs!) hubTaskTimeouts[rate] = (hubTaskTimeouts[rate] ?? 0) + 1;
        else timeoutsBeforeDecision += 1;
      }
    });
    const b = summary(base.latencies);
    const row = (name: string, xs: number[]) => {
      const s = summary(xs);
      return `  ${String(rate).padStart(3)}/s  ${name.padEnd(22)} n=${String(s.n).padStart(4)}  p50 ${String(s.p50).padStart(6)} ms  p99 ${String(s.p99).padStart(6)} ms  p99/baseline ${(s.p99 / b.p99).toFixed(2)}×`;
    };
    results.push(
      `  ${String(rate).padStart(3)}/s  ${'baseline (signal→row)'.padEnd(22)} n=${String(b.n).padStart(4)}  p50 ${String(b.p50).padStart(6)} ms  p99 ${String(b.p99).padStart(6)} ms  (workflow-task timeouts: ${base.taskTimeouts})`,
      row('EHR REST', lat.rest),
      row('ERP SOAP', lat.soap),
      row('ERP SQL', lat.sql),
    );
  }
  console.log(`\nDecision → write committed (the candidate workflow writes REST, SOAP and SQL in parallel):\n${results.join('\n')}`);
  console.log(`\nWorkflow-task timeouts in candidate workflows after the decision: ${RATES.map((r) => `${r}/s: ${hubTaskTimeouts[r] ?? 0}`).join(', ')} (before it, while driving candidates to HR_REVIEW: ${timeoutsBeforeDecision})`);
  console.log(allWriteChecks.length === 0 ? `Exactly once: every candidate has one EHR record, one ERP applicant, one staging row (${perRate * RATES.length} candidates).` : `Exactly-once violations (${allWriteChecks.length}):\n  ${allWriteChecks.slice(0, 20).join('\n  ')}`);
  await connection.close();
  await nativeConnection.close();
  if (allWriteChecks.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`[bench:decision] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
