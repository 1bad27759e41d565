// Standalone simulated DingTalk for `npm run dev` (sandbox/simulators.ts starts it): PORT (default
// 4107) serves both api.dingtalk.com (/v1.0) and oapi.dingtalk.com (/gettoken, /topapi); pushes go
// to HUB_URL (default http://127.0.0.1:3000)/webhooks/dingtalk/demo with the dev credentials
// (DEMO_DINGTALK_APP_KEY, _APP_SECRET, _AGENT_ID, _CORP_ID, _TOKEN, _AES_KEY or their defaults).
// Open http://127.0.0.1:4107/ to act on approvals as 张伟, 李娜 or 王芳.
import { verifyWhenHubIsUp } from '../hr-kit/verify-when-up';
import { startDingTalkSimulator } from './dingtalk-simulator';
import { devDingTalkTenants } from './dingtalk-state';

async function main(): Promise<void> {
  const hubUrl = process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const sim = await startDingTalkSimulator({ port: Number(process.env.PORT ?? 4107), hubUrl });
  console.log(`[dingtalk-sim] listening on ${sim.url} (API ${sim.url}/v1.0 and ${sim.url}/topapi, pushes to ${hubUrl}/webhooks/dingtalk/{tenantId})`);
  verifyWhenHubIsUp('dingtalk-sim', async () => Promise.all(devDingTalkTenants().map((t) => sim.checkUrl(t.tenantId))));
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[dingtalk-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
