// API process: parses the environment and hub configuration, opens the hub database and a Temporal
// client, serves the app on HOST:PORT, and on SIGINT/SIGTERM stops taking requests, lets the ones
// in flight finish (at most 10 s), then closes its connections.
import { createServer } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../common/config';
import { loadEnv } from '../common/env';
import { createLogger } from '../common/logger';
import { createHubStore } from '../connectors/hub-db';
import { DataCipher } from '../common/data-cipher';
import { enableProcessMetrics } from '../common/metrics';
import { createHubDb } from '../connectors/hub-db/create-hub-db';
import { createApp } from './create-app';

const DRAIN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const config = loadConfig();
  const logger = createLogger('api', env.LOG_LEVEL);
  enableProcessMetrics();
  const db = await createHubDb({ databaseUrl: env.DATABASE_URL });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = createApp({ config, store: createHubStore(db, { dataCipher: DataCipher.fromConfig(config) }), client, db, logger });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : env.PORT;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  logger.info({ url, temporal: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, db: db.dialect }, `HireBridge API listening on ${url}`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    await drained;
    clearTimeout(timer);
    await connection.close();
    await db.close();
    logger.info('stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
