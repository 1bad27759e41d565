// A stand-in system of record that keeps every write in the hub database, with the one rule a
// real EHR/ERP enforces everywhere: required fields. Embedded default until a tenant configures
// a real REST/SOAP/SQL destination.
import type { DestinationConfig } from '../../common/config-schema';
import { invalidError } from '../../common/errors';
import type { DestinationWritesRepo } from '../hub-db/destination-writes-repo';
import type { DestinationWrite, DestinationWriter } from '../destination-writer';

export class RecordingDestination implements DestinationWriter {
  constructor(
    private readonly config: DestinationConfig,
    private readonly writes: DestinationWritesRepo,
  ) {}

  async write(write: DestinationWrite): Promise<{ created: boolean }> {
    const missing = this.config.requiredFields.filter((f) => write.payload[f] === undefined || write.payload[f] === null || write.payload[f] === '');
    if (missing.length > 0) {
      throw invalidError('DestinationValidation', `destination "${this.config.id}" rejected the record: missing ${missing.join(', ')}`, { fields: missing });
    }
    return this.writes.record(write);
  }
}
