// Standalone ERP simulator for `npm run dev` (port from PORT, default 4105): SOAP staffing service
// and U8 EAI endpoint, with the dev config's default WS-Security credentials.
import { startErpSimulator } from './erp-simulator';

async function main(): Promise<void> {
  const sim = await startErpSimulator({
    port: Number(process.env.PORT ?? 4105),
    wsSecurity: { username: process.env.DEMO_ERP_USERNAME ?? 'hirebridge-isu', password: process.env.DEMO_ERP_PASSWORD ?? 'dev-erp-password' },
    u8Senders: [process.env.DEMO_U8_SENDER ?? 'hirebridge'],
  });
  console.log(`[erp-sim] SOAP ${sim.soapUrl}?wsdl, U8 EAI ${sim.u8Url} (control API under /_control)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[erp-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
