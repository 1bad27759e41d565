// `npm run dev`: the whole embedded stack on one machine. Starts the Temporal dev server (SQLite
// file in .data/, Web UI) with the hub's search attributes, then the worker and the API as child
// processes, prints every URL, and stops all of it on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { searchAttributeCliArgs } from '../common/search-attributes';
import { requireTemporalBinary } from '../common/temporal-binaries';
import { SIMULATORS } from '../sandbox/simulators';

const root = resolve(__dirname, '..');
const dataDir = join(root, '.data');
const host = '127.0.0.1';
const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const apiPort = Number(process.env.PORT ?? 3000);
const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[dev] ${name} exited (${signal ?? code}); stopping the stack`);
    void stop(1);
  });
  return child;
}

async function stop(exitCode: number): Promise<never> {
  stopping = true;
  // Stop in reverse order: API and worker first (they drain), the Temporal server last.
  for (const { child } of [...children].reverse()) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); r(undefined); }, 10_000);
        child.once('exit', () => { clearTimeout(timer); r(undefined); });
      });
    }
  }
  process.exit(exitCode);
}

async function waitForPort(port: number, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((r) => {
      const socket = connect({ host, port }, () => { socket.end(); r(true); });
      socket.on('error', () => r(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not open ${host}:${port} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  mkdirSync(dataDir, { recursive: true });

  start('temporal', requireTemporalBinary('cli'), [
    'server', 'start-dev',
    '--ip', host, '--port', String(temporalPort), '--ui-port', String(uiPort),
    '--db-filename', join(dataDir, 'temporal.sqlite'),
    '--log-level', 'warn',
    ...searchAttributeCliArgs(),
  ]);
  await waitForPort(temporalPort, 'Temporal');

  const simulatorEnv: NodeJS.ProcessEnv = {};
  for (const simulator of SIMULATORS) {
    start(simulator.name, process.execPath, [require.resolve('tsx/cli'), simulator.entry], { PORT: String(simulator.port), HUB_URL: process.env.HUB_URL ?? `http://${host}:${apiPort}` });
    await waitForPort(simulator.port, simulator.name);
    Object.assign(simulatorEnv, simulator.hubEnv(`http://${host}:${simulator.port}`));
  }

  const hubEnv = {
    TEMPORAL_ADDRESS: `${host}:${temporalPort}`,
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dataDir, 'hub.sqlite')}`,
    HUB_PUBLIC_BASE_URL: process.env.HUB_PUBLIC_BASE_URL ?? `http://${host}:${apiPort}`,
    PORT: String(apiPort),
    ...simulatorEnv,
  };
  start('worker', process.execPath, [require.resolve('tsx/cli'), join(root, 'workers', 'main.ts')], hubEnv);
  start('api', process.execPath, [require.resolve('tsx/cli'), join(root, 'api', 'main.ts')], hubEnv);
  await waitForPort(apiPort, 'API');

  const stageFilter = encodeURIComponent(`CandidateStage = 'HR_REVIEW' AND TenantId = 'demo'`);
  console.log(`
HireBridge embedded stack is up (Ctrl-C stops all of it)
  Temporal gRPC     ${host}:${temporalPort}
  Temporal Web UI   http://${host}:${uiPort}/namespaces/default/workflows
  HR review queue   http://${host}:${uiPort}/namespaces/default/workflows?query=${stageFilter}
  Hub API           http://${host}:${apiPort}/api/v1   (tenant demo, key dev-demo-api-key)
  OpenAPI           http://${host}:${apiPort}/openapi.json
  Health            http://${host}:${apiPort}/healthz  http://${host}:${apiPort}/readyz
${SIMULATORS.map((s) => `  ${s.name.padEnd(17)} http://${host}:${s.port}`).join('\n')}
  Data              ${dataDir}
`);
}

main().catch((err) => {
  console.error(`[dev] ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});
