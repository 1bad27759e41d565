// One line per destination type: adding a system-of-record connector means a folder plus a line here.
import type { DestinationConfig } from '../common/config-schema';
import type { DestinationWriter } from './destination-writer';
import type { HubStore } from './hub-db';
import { RecordingDestination } from './recording-destination/recording-destination';

export function createDestinationWriter(config: DestinationConfig, store: HubStore): DestinationWriter {
  switch (config.type) {
    case 'recording':
      return new RecordingDestination(config, store.destinationWrites);
  }
}
