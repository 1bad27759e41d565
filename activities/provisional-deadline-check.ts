// Whether a candidate's running deadline was counted on provisional calendar days: what the read
// model's deadline_provisional says, and what the deadline refresh looks for once it no longer holds.
import { findJob, findTenant } from '../common/config';
import type { HubConfig } from '../common/config-schema';
import { isDeadlineProvisional } from '../common/deadlines';
import { CandidateStage } from '../common/types';
import type { WorkdayCalendar } from '../common/workday-calendar';

/** The read-model facts a deadline is judged by. */
export interface DeadlineFacts {
  tenantId: string;
  jobCode: string;
  stage: CandidateStage;
  reviewDueAt: string | null;
  onboardingDueAt: string | null;
}

/**
 * The deadline the candidate waits on in its stage: HR's review deadline in HR_REVIEW, the
 * onboarding deadline (or its extension) in ONBOARDING. Elsewhere a stored deadline has passed or
 * no longer counts, and a correction would remind nobody.
 */
export function runningDeadline(c: DeadlineFacts): { kind: 'review' | 'onboarding'; dueAt: string } | null {
  if (c.stage === CandidateStage.HR_REVIEW && c.reviewDueAt) return { kind: 'review', dueAt: c.reviewDueAt };
  if (c.stage === CandidateStage.ONBOARDING && c.onboardingDueAt) return { kind: 'onboarding', dueAt: c.onboardingDueAt };
  return null;
}

/**
 * `reported`: what computeDeadline said of the running deadline, when known; a deadline counted
 * provisionally stays provisional until it is counted again, whatever the calendar says now.
 */
export function createProvisionalDeadlineCheck({ config, calendar }: { config: HubConfig; calendar: WorkdayCalendar }): (c: DeadlineFacts, reported?: boolean) => boolean {
  return (c, reported) => {
    const running = runningDeadline(c);
    if (!running) return false;
    if (reported === true) return true;
    // The unit the job counts this deadline in (an extension counts in the onboarding unit too):
    // hours or calendar days never depend on the calendar. A job no longer configured is taken to
    // count working days, so that its deadline is checked rather than trusted.
    const tenant = findTenant(config, c.tenantId);
    const job = tenant ? findJob(tenant, c.jobCode) : undefined;
    return isDeadlineProvisional(running.dueAt, job ? job[running.kind].deadline.unit : 'workingDays', calendar);
  };
}
