// One line per destination type: adding a system-of-record connector means a folder plus a line here.
// Writers are cached per tenant and destination (HTTP keep-alive agents, SOAP clients, SQL pools
// live as long as the worker) and rebuilt when that destination's configuration changes.
import type { DestinationConfig } from '../common/config-schema';
import type { Logger } from '../common/logger';
import type { DestinationWriter } from './destination-writer';
import { EhrRestWriter } from './ehr-rest/ehr-rest-writer';
import { ErpSoapWriter } from './erp-soap/erp-soap-writer';
import { U8EaiWriter } from './erp-soap/u8-eai-writer';
import { ErpSqlWriter } from './erp-sql/erp-sql-writer';
import type { HubStore } from './hub-db';
import { RecordingDestination } from './recording-destination/recording-destination';

export function createDestinationWriter(config: DestinationConfig, store: HubStore, logger: Logger): DestinationWriter {
  switch (config.type) {
    case 'recording':
      return new RecordingDestination(config, store.destinationWrites);
    case 'ehr-rest':
      return new EhrRestWriter(config, logger);
    case 'erp-soap':
      return config.variant === 'u8-eai' ? new U8EaiWriter(config, logger) : new ErpSoapWriter(config, logger);
    case 'erp-sql':
      return new ErpSqlWriter(config, logger);
  }
}

export interface DestinationWriterCache {
  get(tenantId: string, destination: DestinationConfig): DestinationWriter;
  /** Closes every pooled connection; for worker shutdown and tests. */
  close(): Promise<void>;
}

export function createDestinationWriterCache(store: HubStore, logger: Logger): DestinationWriterCache {
  const writers = new Map<string, { fingerprint: string; writer: DestinationWriter }>();
  return {
    get(tenantId, destination) {
      const key = `${tenantId}/${destination.id}`;
      // The config minus the field mapping (applied by the activity), compared as text: a changed URL
      // or credential gets a fresh writer.
      const fingerprint = JSON.stringify({ ...destination, fields: undefined });
      const cached = writers.get(key);
      if (cached && cached.fingerprint === fingerprint) return cached.writer;
      if (cached) void cached.writer.close?.().catch((err: unknown) => logger.warn({ destination: destination.id, err }, 'closing a replaced destination writer failed'));
      const writer = createDestinationWriter(destination, store, logger.child({ tenantId }));
      writers.set(key, { fingerprint, writer });
      return writer;
    },
    async close() {
      const all = [...writers.values()];
      writers.clear();
      await Promise.allSettled(all.map(({ writer }) => writer.close?.()));
    },
  };
}
