// `npm run bench:intake [-- --n 2000 --concurrency 32]`: intake throughput of the running stack
// (`npm run dev`). Sends N signed Doumi webhooks (plus some redeliveries) to the hub and reports
// acknowledgements/s, p50/p99 ack latency and candidates reaching INTERVIEW_INVITED per second,
// next to a bare Temporal baseline (start + one no-op activity, on the bench's own worker and task
// queue) measured in the same run against the same server; then checks 0 lost and 0 duplicates.
// Env: HUB_URL (http://127.0.0.1:3000), TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE,
// DOUMI_SIM_URL (http://127.0.0.1:4101: the bench applications are recorded there, deliver 'none',
// so the hub's status reports find them), HUB_CONFIG (credentials of the tenant, dev defaults).
import { createHmac, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { SA } from '../common/search-attributes';
import { createApplicantGenerator } from '../sandbox/board-kit/applicant-generator';
import { loadDevBoardTenants } from '../sandbox/board-kit/dev-config';
import { applicantToDoumi, type DoumiApplication } from '../sandbox/doumi/doumi-model';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    redeliver: { type: 'string', default: '0.1' },
    job: { type: 'string', default: 'RX-SH-PROMO-001' },
    tenant: { type: 'string', default: 'demo' },
    timeout: { type: 'string', default: '600' },
    'invite-timeout': { type: 'string' },
    'skip-baseline': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency);
const REDELIVER = Number(args.redeliver);
const TIMEOUT_MS = Number(args.timeout) * 1000;
/** How long to wait for candidates to reach INTERVIEW_INVITED; the rate is then from those that did. */
const INVITE_TIMEOUT_MS = Number(args['invite-timeout'] ?? args.timeout) * 1000;
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || !(REDELIVER >= 0 && REDELIVER <= 1) || !(TIMEOUT_MS > 0) || !(INVITE_TIMEOUT_MS > 0)) {
  console.error('usage: npm run bench:intake -- [--n 2000] [--concurrency 32] [--redeliver 0.1] [--job CODE] [--tenant demo] [--timeout 600] [--invite-timeout S] [--skip-baseline] [--keep]');
  process.exit(2);
}
const HUB_URL = (process.env.HUB_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const NAMESPACE = process.env.TEMPORAL_NAMESPACE ?? 'default';
const SIM_URL = (process.env.DOUMI_SIM_URL ?? 'http://127.0.0.1:4101').replace(/\/$/, '');
const RUN_ID = `B${Date.now().toString(36).toUpperCase()}`;

/** Runs `work` over items with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  }));
  return results;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Polls a visibility count until it reaches `target`; returns when it did (ms) or the last count. */
async function waitForCount(client: Client, query: string, target: number, what: string, timeoutMs = TIMEOUT_MS): Promise<{ doneAt?: number; count: number }> {
  const until = Date.now() + timeoutMs;
  let count = 0;
  let lastPrint = 0;
  while (Date.now() < until) {
    count = (await client.workflow.count(query)).count;
    if (count >= target) return { doneAt: Date.now(), count };
    if (Date.now() - lastPrint > 5000) {
      process.stdout.write(`  … ${what}: ${count}/${target}\n`);
      lastPrint = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500)); // visibility counts cost the server too
  }
  return { count };
}

async function baseline(client: Client, connection: NativeConnection, round: number): Promise<{ startsPerSec: number; completedPerSec: number; seconds: number }> {
  const taskQueue = `bench-baseline-${RUN_ID}-${round}`;
  const worker = await Worker.create({
    connection,
    namespace: NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('./bench-intake-baseline-workflow'),
    activities: { benchNoop: async () => undefined },
  });
  return worker.runUntil(async () => {
    const ids = Array.from({ length: N }, (_, i) => `${taskQueue}-${i}`);
    const t0 = Date.now();
    await pool(ids, CONCURRENCY, (workflowId) => client.workflow.start('benchBaselineWorkflow', { taskQueue, workflowId }));
    const startsDone = Date.now();
    const { doneAt, count } = await waitForCount(client, `WorkflowId STARTS_WITH '${taskQueue}-' AND ExecutionStatus = 'Completed'`, N, 'baseline completed');
    if (!doneAt) throw new Error(`baseline: only ${count}/${N} workflows completed within ${TIMEOUT_MS / 1000} s`);
    return { startsPerSec: N / ((startsDone - t0) / 1000), completedPerSec: N / ((doneAt - t0) / 1000), seconds: (doneAt - t0) / 1000 };
  });
}

/** Applications that pass the dev promoter job's prescreen (adult, 上海, health certificate, Saturdays). */
function benchApplications(jobCode: string): DoumiApplication[] {
  const generator = createApplicantGenerator({ seed: RUN_ID, jobCodes: [jobCode] });
  const now = Date.now();
  return Array.from({ length: N }, (_, i) => {
    const person = { ...generator.next(), city: '上海', birthDate: '2001-06-15', birthYear: 2001, hasHealthCertificate: true,
      availability: [{ weekday: 6, from: '09:00', to: '18:00' }, { weekday: 7, from: '09:00', to: '18:00' }] };
    return applicantToDoumi(person, { applicationId: `DM${RUN_ID}${String(i).padStart(6, '0')}`, jobId: 'DMJ88001' }, now, 'APP');
  });
}

async function registerWithSimulator(apps: DoumiApplication[]): Promise<boolean> {
  try {
    for (let i = 0; i < apps.length; i += 500) {
      const res = await fetch(`${SIM_URL}/_sim/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: args.tenant, count: 0, deliver: 'none', applications: apps.slice(i, i + 500) }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    }
    return true;
  } catch (err) {
    console.warn(`  (Doumi simulator at ${SIM_URL} not used: ${err instanceof Error ? err.message : String(err)})`);
    return false;
  }
}

interface Ack { ms: number; ok: boolean; status: number }

/** Sends every application once, then a share again with the same delivery id (a redelivery). */
const BOARD_REDELIVERY_ROUNDS = 5;
const BOARD_REDELIVERY_DELAY_MS = 10_000;

async function sendWebhooks(webhookSecret: string): Promise<{ acks: Ack[]; t0: number; sendSeconds: number; requests: number; boardRedeliveries: Ack[]; unacknowledged: number }> {
  const apps = benchApplications(args.job);
  await registerWithSimulator(apps);
  const sends = apps.map((application) => ({ application, deliveryId: randomUUID() }));
  const redeliveries = REDELIVER > 0 ? sends.filter((_, i) => i % Math.max(1, Math.round(1 / REDELIVER)) === 0) : [];
  const url = `${HUB_URL}/webhooks/doumi/${encodeURIComponent(args.tenant)}`;

  const t0 = Date.now();
  const deliver = ({ application, deliveryId }: { application: DoumiApplication; deliveryId: string }): Promise<Ack> => send(url, webhookSecret, application, deliveryId);
  const acks = await pool([...sends, ...redeliveries], CONCURRENCY, deliver);
  const sendSeconds = (Date.now() - t0) / 1000;
  // Doumi redelivers what was not acknowledged (first after 10 s); so does the bench, a few rounds,
  // so that a refusal under load (503 when Temporal is slow) counts as delayed, not lost.
  let refused = [...sends, ...redeliveries].filter((_, i) => !acks[i]!.ok);
  const boardRedeliveries: Ack[] = [];
  for (let round = 1; refused.length > 0 && round <= BOARD_REDELIVERY_ROUNDS; round++) {
    console.log(`  … ${refused.length} deliveries not acknowledged; redelivering in ${BOARD_REDELIVERY_DELAY_MS / 1000} s as Doumi would (round ${round})`);
    await new Promise((r) => setTimeout(r, BOARD_REDELIVERY_DELAY_MS));
    const again = await pool(refused, CONCURRENCY, deliver);
    boardRedeliveries.push(...again);
    refused = refused.filter((_, i) => !again[i]!.ok);
  }
  return { acks, t0, sendSeconds, requests: acks.length, boardRedeliveries, unacknowledged: refused.length };
}

async function send(url: string, webhookSecret: string, application: DoumiApplication, deliveryId: string): Promise<Ack> {
  {
    const body = JSON.stringify({ event: 'application.created', deliveryId, occurredAt: application.appliedAt, data: { application } });
    const timestamp = String(Date.now());
    const started = performance.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-dm-event': 'application.created',
          'x-dm-delivery': deliveryId,
          'x-dm-timestamp': timestamp,
          'x-dm-signature': createHmac('sha256', webhookSecret).update(`${timestamp}.${body}`).digest('hex'),
        },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let code: unknown;
      try { code = (JSON.parse(text) as { code?: unknown }).code; } catch { code = undefined; }
      return { ms: performance.now() - started, ok: res.status === 200 && code === 0, status: res.status };
    } catch {
      return { ms: performance.now() - started, ok: false, status: 0 };
    }
  }
}

const candidatePrefix = (): string => `candidate:${args.tenant}:doumi:DM${RUN_ID}`;

async function checkLostAndDuplicates(client: Client): Promise<{ lost: number; duplicates: number; runs: number; stages: Record<string, number> }> {
  const prefix = candidatePrefix();
  const seen = new Map<string, number>();
  const stages: Record<string, number> = {};
  // Candidate workflows only: their interview sessions are children with IDs under the same prefix.
  for await (const wf of client.workflow.list({ query: `WorkflowId STARTS_WITH '${prefix}' AND WorkflowType = 'candidateWorkflow'` })) {
    seen.set(wf.workflowId, (seen.get(wf.workflowId) ?? 0) + 1);
    const stage = wf.typedSearchAttributes.get(SA.CandidateStage) ?? 'unknown';
    stages[stage] = (stages[stage] ?? 0) + 1;
  }
  const runs = [...seen.values()].reduce((a, b) => a + b, 0);
  let lost = 0;
  for (let i = 0; i < N; i++) if (!seen.has(`${prefix}${String(i).padStart(6, '0')}`)) lost += 1;
  return { lost, duplicates: runs - seen.size, runs, stages };
}

async function cleanup(client: Client): Promise<number> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowId STARTS_WITH '${candidatePrefix()}' AND ExecutionStatus = 'Running'` })) ids.push(wf.workflowId);
  await pool(ids, CONCURRENCY, (id) => client.workflow.getHandle(id).terminate('bench:intake cleanup').catch(() => undefined));
  return ids.length;
}

function fmt(x: number | undefined, digits = 1): string {
  return x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

async function main(): Promise<void> {
  const tenant = loadDevBoardTenants().find((t) => t.tenantId === args.tenant);
  if (!tenant?.doumi) throw new Error(`tenant ${args.tenant} has no Doumi credentials in ${process.env.HUB_CONFIG ?? 'config/dev.yaml'}`);
  const ready = await fetch(`${HUB_URL}/readyz`).then((r) => r.status).catch(() => 0);
  if (ready !== 200) throw new Error(`the hub at ${HUB_URL} is not ready (/readyz answered ${ready || 'nothing'}); start it with npm run dev`);
  const client = new Client({ connection: await Connection.connect({ address: TEMPORAL_ADDRESS }), namespace: NAMESPACE });
  const nativeConnection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  let interrupted = false;
  process.on('SIGINT', () => {
    // Ctrl-C: still terminate this run's candidates, so they do not linger in the dev server.
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log('\ninterrupted: terminating this run\'s candidates (Ctrl-C again to leave them)…');
    void cleanup(client).then((n) => { console.log(`terminated ${n}`); process.exit(130); });
  });

  console.log(`bench:intake run ${RUN_ID}: N=${N}, concurrency ${CONCURRENCY}, redelivered ${Math.round(REDELIVER * 100)} %, job ${args.job}, `
    + `hub ${HUB_URL}, Temporal ${TEMPORAL_ADDRESS}/${NAMESPACE}, ${cpus().length} CPUs`);
  // The baseline runs before and after the intake and is averaged, so that a change in machine
  // load during the run (other processes) does not favour either side.
  const bases: Awaited<ReturnType<typeof baseline>>[] = [];
  if (!args['skip-baseline']) {
    console.log('baseline 1/2: bare Temporal workflows (start + one no-op activity) on the bench\'s own worker…');
    bases.push(await baseline(client, nativeConnection, 1));
    console.log(`  baseline 1: ${fmt(bases[0]!.completedPerSec)} workflows completed/s, ${fmt(bases[0]!.startsPerSec)} starts/s`);
  }

  console.log('intake: signed Doumi webhooks to the hub…');
  const sent = await sendWebhooks(tenant.doumi.webhookSecret);
  const okAcks = sent.acks.filter((a) => a.ok);
  const latencies = sent.acks.map((a) => a.ms).sort((a, b) => a - b);
  const failures = sent.acks.filter((a) => !a.ok).reduce<Record<string, number>>((m, a) => ({ ...m, [a.status || 'network']: (m[a.status || 'network'] ?? 0) + 1 }), {});
  console.log(`  ${sent.requests} requests (${N} applications + ${sent.requests - N} redeliveries) in ${fmt(sent.sendSeconds)} s: `
    + `${okAcks.length} acknowledged, ${fmt(okAcks.length / sent.sendSeconds)}/s, p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`
    + (Object.keys(failures).length ? `, failures ${JSON.stringify(failures)}` : ''));
  // An acknowledged delivery has its workflow already: check lost and duplicates right away.
  const early = await checkLostAndDuplicates(client);
  console.log(`  after the acknowledgements: ${early.lost} lost, ${early.duplicates} duplicate runs`);

  const query = `WorkflowId STARTS_WITH '${candidatePrefix()}' AND CandidateStage = 'INTERVIEW_INVITED'`;
  const { doneAt, count: invited } = await waitForCount(client, query, N, 'candidates at INTERVIEW_INVITED', INVITE_TIMEOUT_MS);
  const invitedSeconds = ((doneAt ?? Date.now()) - sent.t0) / 1000;
  const invitedPerSec = invited / invitedSeconds;

  const checks = await checkLostAndDuplicates(client);
  // Terminate the bench candidates before the second baseline, so it runs on the same quiet
  // server as the first rather than beside candidates still at work.
  const terminated = args.keep ? undefined : await cleanup(client);
  if (!args['skip-baseline']) {
    console.log('baseline 2/2…');
    bases.push(await baseline(client, nativeConnection, 2));
  }
  const base = bases.length === 0 ? undefined : {
    completedPerSec: bases.reduce((s, b) => s + b.completedPerSec, 0) / bases.length,
    startsPerSec: bases.reduce((s, b) => s + b.startsPerSec, 0) / bases.length,
    detail: bases.map((b) => `${fmt(b.completedPerSec)}/s`).join(' then '),
  };
  const ratio = base ? invitedPerSec / base.completedPerSec : undefined;
  console.log(`
results (run ${RUN_ID})
  webhook requests sent           ${sent.requests} (${N} applications + ${sent.requests - N} redeliveries)
  acknowledged {"code":0}         ${okAcks.length}/${sent.requests}${Object.keys(failures).length ? `  (failures by HTTP status: ${JSON.stringify(failures)})` : ''}
  redelivered after a refusal     ${sent.boardRedeliveries.length} requests, ${sent.unacknowledged} deliveries never acknowledged
  acknowledgements/s              ${fmt(okAcks.length / sent.sendSeconds)}
  ack latency p50 / p99 / max     ${fmt(percentile(latencies, 50))} / ${fmt(percentile(latencies, 99))} / ${fmt(latencies[latencies.length - 1])} ms
  candidates at INTERVIEW_INVITED ${invited}/${N} in ${fmt(invitedSeconds)} s${doneAt ? '' : ` (INCOMPLETE: --invite-timeout ${INVITE_TIMEOUT_MS / 1000} s reached)`}
  INTERVIEW_INVITED/s             ${fmt(invitedPerSec)}
  baseline workflows completed/s  ${fmt(base?.completedPerSec)}${base ? ` (mean of ${base.detail}, ${N} each; starts/s ${fmt(base.startsPerSec)})` : ' (skipped)'}
  ratio intake / baseline         ${fmt(ratio, 2)}  (target ≥ 0.5)
  lost applications               ${checks.lost}
  duplicate workflow runs         ${checks.duplicates}  (${checks.runs} runs for ${N} applications)
  stages                          ${JSON.stringify(checks.stages)}`);

  console.log(terminated === undefined ? '  bench candidates left running (--keep)' : `  cleanup: terminated ${terminated} running bench candidates before baseline 2 (--keep leaves them)`);
  await nativeConnection.close();
  const pass = checks.lost === 0 && checks.duplicates === 0 && sent.unacknowledged === 0;
  console.log(pass ? 'PASS: 0 lost, 0 duplicates, every delivery acknowledged (some after a redelivery, as the board does)' : 'FAIL: see above');
  process.exit(pass ? 0 : 1);
}

main().catch((err) => {
  console.error(`bench:intake: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
