// Standalone simulated Tencent Cloud SMS for `npm run dev` (sandbox/simulators.ts starts it): PORT
// (default 4112), the demo tenant's dev account (tencent-model.ts devTencentAccounts, env overrides),
// receipts to HUB_URL (default http://127.0.0.1:3000) after TENCENT_SIM_RECEIPT_DELAY_MS (2000).
// The outbox page is at http://127.0.0.1:4112/.
import { startTencentSmsSimulator } from './tencent-simulator';

async function main(): Promise<void> {
  const hubUrl = process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const sim = await startTencentSmsSimulator({
    port: Number(process.env.PORT ?? 4112),
    hubUrl,
    receiptDelayMs: Number(process.env.TENCENT_SIM_RECEIPT_DELAY_MS ?? 2000),
  });
  console.log(`[tencent-sms-sim] listening on ${sim.url} (receipts to ${hubUrl})`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[tencent-sms-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
