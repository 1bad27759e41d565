// Builds the activities' dependencies from the config and the hub database: the one place that
// decides which connector implementation serves each external step.
import type { ActivityDeps } from '../activities/deps';
import { ChineseWorkdayCalendar } from '../common/chinese-workday-calendar';
import type { HubConfig } from '../common/config-schema';
import type { Logger } from '../common/logger';
import { createDestinationWriter } from '../connectors/destination-registry';
import type { HubStore } from '../connectors/hub-db';
import { DeterministicRubricScorer } from '../connectors/llm/deterministic-rubric-scorer';
import { OutboxNotifier } from '../connectors/notify/outbox-notifier';

export function buildActivityDeps(config: HubConfig, store: HubStore, logger: Logger): ActivityDeps {
  return {
    config,
    store,
    logger,
    calendar: ChineseWorkdayCalendar.withAdditionalYears(config.hub.calendar.additionalYears),
    scorer: new DeterministicRubricScorer(),
    notifier: new OutboxNotifier(store.notifications),
    destinationWriter: (_tenantId, destination) => createDestinationWriter(destination, store),
  };
}
