// Standalone simulated Doumi for `npm run dev` (sandbox/simulators.ts starts it): PORT (default
// 4101), webhooks to HUB_URL (default http://127.0.0.1:3000) with the dev config's credentials.
// Produce applications with `npm run sim:applications -- --board doumi --count 20`.
import { startDoumiSimulator } from './doumi-simulator';

async function main(): Promise<void> {
  const sim = await startDoumiSimulator({
    port: Number(process.env.PORT ?? 4101),
    hubUrl: process.env.HUB_URL ?? 'http://127.0.0.1:3000',
    // Ids that do not collide with an earlier run's candidates in the persistent dev stack.
    firstSequence: Math.floor(Date.now() / 1000) % 86_400 * 10,
  });
  console.log(`[doumi-sim] listening on ${sim.url} (webhooks to ${process.env.HUB_URL ?? 'http://127.0.0.1:3000'})`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[doumi-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
