// Standalone simulated Aliyun SMS for `npm run dev` (sandbox/simulators.ts starts it): PORT
// (default 4111), the demo tenant's dev account (aliyun-model.ts devAliyunAccounts, env overrides),
// receipts to HUB_URL (default http://127.0.0.1:3000) after ALIYUN_SIM_RECEIPT_DELAY_MS (2000).
// The outbox page is at http://127.0.0.1:4111/.
import { startAliyunSmsSimulator } from './aliyun-simulator';

async function main(): Promise<void> {
  const hubUrl = process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const sim = await startAliyunSmsSimulator({
    port: Number(process.env.PORT ?? 4111),
    hubUrl,
    receiptDelayMs: Number(process.env.ALIYUN_SIM_RECEIPT_DELAY_MS ?? 2000),
  });
  console.log(`[aliyun-sms-sim] listening on ${sim.url} (receipts to ${hubUrl})`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[aliyun-sms-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
