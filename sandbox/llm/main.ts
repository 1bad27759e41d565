// Standalone LLM simulator for `npm run dev` (port from PORT, default 4103): an OpenAI-compatible
// chat-completions endpoint at http://127.0.0.1:4103/v1 (see ./llm-simulator.ts).
import { startLlmSimulator } from './llm-simulator';

async function main(): Promise<void> {
  const sim = await startLlmSimulator(Number(process.env.PORT ?? 4103));
  console.log(`[llm-simulator] ${sim.baseUrl} (POST /chat/completions; control: /_control/failures, /_control/requests)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[llm-simulator] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
