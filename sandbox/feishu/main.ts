// Standalone simulated Feishu for `npm run dev` (sandbox/simulators.ts starts it): PORT (default
// 4106), callbacks to HUB_URL (default http://127.0.0.1:3000)/webhooks/feishu/demo with the dev
// credentials (DEMO_FEISHU_APP_ID, _APP_SECRET, _VERIFICATION_TOKEN, _ENCRYPT_KEY or their defaults).
// Open http://127.0.0.1:4106/ to see the cards and click their buttons as 张伟, 李娜 or 王芳.
import { verifyWhenHubIsUp } from '../hr-kit/verify-when-up';
import { startFeishuSimulator } from './feishu-simulator';
import { devFeishuTenants } from './feishu-state';

async function main(): Promise<void> {
  const hubUrl = process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const sim = await startFeishuSimulator({ port: Number(process.env.PORT ?? 4106), hubUrl });
  console.log(`[feishu-sim] listening on ${sim.url} (API ${sim.url}/open-apis, callbacks to ${hubUrl}/webhooks/feishu/{tenantId})`);
  verifyWhenHubIsUp('feishu-sim', async () => Promise.all(devFeishuTenants().map((t) => sim.verifyCallbackUrl(t.tenantId))));
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[feishu-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
