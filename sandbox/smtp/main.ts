// Standalone SMTP sandbox for `npm run dev` (sandbox/simulators.ts starts it): SMTP on 127.0.0.1
// SMTP_PORT (default 2525, no TLS, AUTH optional), the inbox page and JSON on PORT (default 4109).
// Point the hub's e-mail transport at smtp://127.0.0.1:2525 and open http://127.0.0.1:4109/.
import { startSmtpSandbox } from './smtp-sandbox';

async function main(): Promise<void> {
  const sandbox = await startSmtpSandbox({ smtpPort: Number(process.env.SMTP_PORT ?? 2525), httpPort: Number(process.env.PORT ?? 4109) });
  console.log(`[smtp-sandbox] SMTP on ${sandbox.host}:${sandbox.smtpPort}, inbox ${sandbox.url}/ (JSON ${sandbox.url}/_sim/mails)`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[smtp-sandbox] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
