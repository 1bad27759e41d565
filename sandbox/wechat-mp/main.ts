// Standalone simulated WeChat official account for `npm run dev` (sandbox/simulators.ts starts it):
// PORT (default 4113), the demo tenant's dev app (wechat-model.ts devWechatApps, env overrides).
// Unknown openids that look real are taken as followers who consented to every subscription
// template, since dev has no WeChat web authorisation to hand them out. Page: http://127.0.0.1:4113/.
import { startWechatMpSimulator } from './wechat-simulator';

async function main(): Promise<void> {
  const sim = await startWechatMpSimulator({ port: Number(process.env.PORT ?? 4113), unknownOpenids: 'follower' });
  console.log(`[wechat-mp-sim] listening on ${sim.url}`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[wechat-mp-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
