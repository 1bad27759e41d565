// Worker process: parses config and environment, opens the hub database, runs the candidate worker
// until SIGINT/SIGTERM, then drains and closes.
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../common/config';
import { loadEnv } from '../common/env';
import { createLogger } from '../common/logger';
import { createHubDb } from '../connectors/hub-db/create-hub-db';
import { createHubStore } from '../connectors/hub-db';
import { buildActivityDeps } from './build-activity-deps';
import { createCandidateWorker } from './create-candidate-worker';

async function main(): Promise<void> {
  const env = loadEnv();
  const config = loadConfig();
  const logger = createLogger('worker', env.LOG_LEVEL);
  const db = await createHubDb({ databaseUrl: env.DATABASE_URL });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createCandidateWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    deps: buildActivityDeps(config, createHubStore(db), logger),
  });
  logger.info({ temporal: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, db: db.dialect }, 'worker started');
  try {
    await worker.run(); // returns after SIGINT/SIGTERM once in-flight tasks are done
  } finally {
    await connection.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
