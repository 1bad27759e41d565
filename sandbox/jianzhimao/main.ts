// Standalone simulated Jianzhimao for `npm run dev` (sandbox/simulators.ts starts it): PORT
// (default 4102), webhooks to HUB_URL (default http://127.0.0.1:3000) with the dev config's
// credentials; 10 % of resumes arrive in resume.list late (up to 2 minutes), as on the real board.
// Produce resumes with `npm run sim:applications -- --board jianzhimao --count 20`.
import { startJianzhimaoSimulator } from './jianzhimao-simulator';

async function main(): Promise<void> {
  const hubUrl = process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const sim = await startJianzhimaoSimulator({
    port: Number(process.env.PORT ?? 4102),
    hubUrl,
    lateArrivalRate: 0.1,
    // Ids that do not collide with an earlier run's candidates in the persistent dev stack.
    firstSequence: Math.floor(Date.now() / 1000) % 10_000_000 * 10,
  });
  console.log(`[jianzhimao-sim] listening on ${sim.url} (webhooks to ${hubUrl})`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[jianzhimao-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
