// The readiness probe: is Temporal answering, and is the hub database? Each check has a short
// deadline so a hung dependency makes the probe fail rather than hang; failures are logged here
// and reported to the caller only as "unreachable" (the probe is unauthenticated).
import type { Client } from '@temporalio/client';
import type { HubConfig } from '../common/config';
import type { Logger } from '../common/logger';
import type { HubStore } from '../connectors/hub-db';
import type { HubDb } from '../connectors/hub-db/create-hub-db';
import type { ReadinessReport } from './schemas/health-schemas';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createReadinessProbe(deps: { client: Client; config: HubConfig; store: HubStore; db?: HubDb; logger: Logger }): () => Promise<ReadinessReport> {
  const { client, db, store, config, logger } = deps;
  const temporal = () =>
    client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => client.workflowService.getSystemInfo({}));
  // Without the knex handle, a one-row read of the read model proves the database answers.
  const database = () =>
    withTimeout(
      db ? db.knex.raw('select 1') : store.candidates.list({ tenantId: config.tenants[0]!.id, limit: 1 }),
      CHECK_TIMEOUT_MS,
      'the hub database',
    );

  async function check(name: string, run: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
    try {
      await run();
      return 'ok';
    } catch (err) {
      logger.warn({ err, check: name }, 'readiness check failed');
      return 'unreachable';
    }
  }

  return async () => {
    const [temporalStatus, databaseStatus] = await Promise.all([check('temporal', temporal), check('database', database)]);
    const ready = temporalStatus === 'ok' && databaseStatus === 'ok';
    return { status: ready ? 'ready' : 'unavailable', checks: { temporal: temporalStatus, database: databaseStatus } };
  };
}
