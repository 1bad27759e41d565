// What the API is built from: created once at the entry point (./main.ts) or by a test.
import type { Client } from '@temporalio/client';
import type { HubConfig } from '../common/config';
import type { Logger } from '../common/logger';
import type { HubStore } from '../connectors/hub-db';
import type { HubDb } from '../connectors/hub-db/create-hub-db';
import type { ReadinessReport } from './schemas/health-schemas';

export interface ApiDeps {
  config: HubConfig;
  store: HubStore;
  client: Client;
  /** Where new candidate workflows start; defaults to common/workflow-ids TASK_QUEUE. */
  taskQueue?: string;
  logger: Logger;
  /** The hub database, for the readiness probe; without it the probe reads the candidates table. */
  db?: HubDb;
  /** Replaces the built-in readiness probe (Temporal and the database). */
  readiness?: () => Promise<ReadinessReport>;
}
