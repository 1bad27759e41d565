// Builds the activities' dependencies from the config and the hub database: the one place that
// decides which connector implementation serves each external step.
import type { ActivityDeps } from '../activities/deps';
import { ChineseWorkdayCalendar } from '../common/chinese-workday-calendar';
import type { HubConfig } from '../common/config-schema';
import type { Logger } from '../common/logger';
import { createDestinationWriterCache } from '../connectors/destination-registry';
import type { HubStore } from '../connectors/hub-db';
import { DeterministicRubricScorer } from '../connectors/llm/deterministic-rubric-scorer';
import { OpenAiCompatibleScorer } from '../connectors/llm/openai-scorer';
import { OutboxNotifier } from '../connectors/notify/outbox-notifier';

export function buildActivityDeps(config: HubConfig, store: HubStore, logger: Logger): ActivityDeps {
  const destinationWriters = createDestinationWriterCache(store, logger.child({ component: 'destinations' }));
  return {
    config,
    store,
    logger,
    calendar: ChineseWorkdayCalendar.withAdditionalYears(config.hub.calendar.additionalYears),
    // An LLM when hub.llm is configured, otherwise the embedded deterministic scorer (not an LLM).
    scorer: config.hub.llm ? new OpenAiCompatibleScorer(config.hub.llm) : new DeterministicRubricScorer(),
    notifier: new OutboxNotifier(store.notifications),
    destinationWriter: (tenantId, destination) => destinationWriters.get(tenantId, destination),
    closeDestinationWriters: () => destinationWriters.close(),
  };
}
