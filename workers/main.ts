// Worker process: parses config and environment, opens the hub database, runs the candidate worker
// until SIGINT/SIGTERM, then drains and closes.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../common/config';
import { loadEnv } from '../common/env';
import { createLogger } from '../common/logger';
import { createHubDb } from '../connectors/hub-db/create-hub-db';
import { createHubStore } from '../connectors/hub-db';
import { DataCipher } from '../common/data-cipher';
import { buildActivityDeps } from './build-activity-deps';
import { calendarWarning } from './calendar-warning';
import { createCandidateWorker } from './create-candidate-worker';
import { ensureBoardWorkflows } from './ensure-board-workflows';
import { ensureDeadlineRefresh } from './ensure-deadline-refresh';

async function main(): Promise<void> {
  const env = loadEnv();
  const config = loadConfig();
  const logger = createLogger('worker', env.LOG_LEVEL);
  const db = await createHubDb({ databaseUrl: env.DATABASE_URL });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const deps = buildActivityDeps(config, createHubStore(db, { dataCipher: DataCipher.fromConfig(config) }), logger);
  const worker = await createCandidateWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    deps,
  });
  logger.info({ temporal: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, db: db.dialect }, 'worker started');
  const warning = calendarWarning(deps.calendar, new Date());
  if (warning) logger.warn({ officialThrough: deps.calendar.coveredYears().last, provisionalFrom: deps.calendar.provisionalFrom() }, warning);
  // Board pollers, feedback senders and job postings (issue #3); a failure here must not stop candidates.
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  await ensureBoardWorkflows(client, config, logger).catch((err: unknown) =>
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'could not ensure the board workflows'),
  );
  // Provisional deadlines the calendar can now count officially (a failure here must not stop candidates).
  await ensureDeadlineRefresh(client, config, logger).catch((err: unknown) =>
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'could not start the deadline refresh'),
  );
  try {
    await worker.run(); // returns after SIGINT/SIGTERM once in-flight tasks are done
  } finally {
    await deps.closeDestinationWriters?.();
    await clientConnection.close();
    await connection.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
