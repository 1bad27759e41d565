// Standalone simulated WeCom for `npm run dev` (sandbox/simulators.ts starts it): PORT (default
// 4108) serves /cgi-bin as qyapi.weixin.qq.com does; callbacks go to HUB_URL (default
// http://127.0.0.1:3000)/webhooks/wecom/demo with the dev credentials (DEMO_WECOM_CORP_ID,
// _AGENT_ID, _SECRET, _TOKEN, _ENCODING_AES_KEY or their defaults).
// Open http://127.0.0.1:4108/ to click cards as 张伟 (ZhangWei), 李娜 (LiNa) or 王芳 (WangFang).
import { verifyWhenHubIsUp } from '../hr-kit/verify-when-up';
import { startWeComSimulator } from './wecom-simulator';
import { devWeComTenants } from './wecom-state';

async function main(): Promise<void> {
  const hubUrl = process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const sim = await startWeComSimulator({ port: Number(process.env.PORT ?? 4108), hubUrl });
  console.log(`[wecom-sim] listening on ${sim.url} (API ${sim.url}/cgi-bin, callbacks to ${hubUrl}/webhooks/wecom/{tenantId})`);
  verifyWhenHubIsUp('wecom-sim', async () => Promise.all(devWeComTenants().map((t) => sim.verifyCallbackUrl(t.tenantId))));
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[wecom-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
