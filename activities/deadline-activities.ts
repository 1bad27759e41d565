// Deadlines on the Chinese working-day calendar. Computed here, never in workflow code: the
// calendar data changes with each year's State Council announcement.
import type { DeadlineSpec } from '../common/config-schema';
import { computeDeadline, isDeadlineProvisional, remindersBefore } from '../common/deadlines';
import type { ActivityDeps } from './deps';

export interface ComputedDeadline {
  dueAt: string;
  reminders: string[];
  /** Counted on days the calendar answers provisionally (no official schedule yet): it may move. */
  provisional: boolean;
}

export function createDeadlineActivities({ calendar }: Pick<ActivityDeps, 'calendar'>) {
  return {
    async computeDeadline({ from, spec, remindBeforeMs }: { from: string; spec: DeadlineSpec; remindBeforeMs: number[] }): Promise<ComputedDeadline> {
      const dueAt = computeDeadline(from, spec, calendar);
      return { dueAt, reminders: remindersBefore(dueAt, remindBeforeMs, from), provisional: isDeadlineProvisional(dueAt, spec.unit, calendar) };
    },
  };
}
