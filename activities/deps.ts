// Everything activities need, built once by a worker entry point (or a test) from the config.
import type { HubConfig } from '../common/config-schema';
import type { WorkdayCalendar } from '../common/workday-calendar';
import type { Logger } from '../common/logger';
import type { HubStore } from '../connectors/hub-db';
import type { InterviewScorer } from '../connectors/llm/interview-scorer';
import type { Notifier } from '../connectors/notify/notifier';
import type { DestinationWriter } from '../connectors/destination-writer';
import type { DestinationConfig } from '../common/config-schema';

export interface ActivityDeps {
  config: HubConfig;
  store: HubStore;
  calendar: WorkdayCalendar;
  scorer: InterviewScorer;
  notifier: Notifier;
  destinationWriter(tenantId: string, destination: DestinationConfig): DestinationWriter;
  /** Closes the destination writers' pools (SQL connections) at worker shutdown. */
  closeDestinationWriters?(): Promise<void>;
  logger: Logger;
}
