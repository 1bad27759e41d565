// A candidate worker in its own process, for tests that kill a worker mid-activity (SIGKILL) and
// start another: the parent passes the already-validated config, the hub database file, the
// Temporal address and the task queue through the environment. Prints "ready" once polling.
import { NativeConnection } from '@temporalio/worker';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { HubConfig } from '../../common/config-schema';
import { DataCipher } from '../../common/data-cipher';
import { createLogger } from '../../common/logger';
import { createHubStore } from '../../connectors/hub-db';
import { createHubDb } from '../../connectors/hub-db/create-hub-db';
import { buildActivityDeps } from '../../workers/build-activity-deps';
import { createCandidateWorker } from '../../workers/create-candidate-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const config = JSON.parse(process.env.CHILD_HUB_CONFIG_JSON!) as HubConfig;
  const db = await createHubDb({ databaseUrl: `sqlite:${process.env.CHILD_HUB_DB_FILE!}` });
  const connection = await NativeConnection.connect({ address: process.env.CHILD_TEMPORAL_ADDRESS! });
  const worker = await createCandidateWorker({
    connection,
    namespace: 'default',
    taskQueue: process.env.CHILD_TASK_QUEUE!,
    deps: buildActivityDeps(config, createHubStore(db, { dataCipher: DataCipher.fromConfig(config) }), createLogger('child-worker', 'silent')),
  });
  const running = worker.run();
  console.log('ready');
  await running;
  await connection.close();
  await db.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
