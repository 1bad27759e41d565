// createActivities(deps): every activity of the candidate workflow, behind the failure boundary.
import type { ActivityDeps } from './deps';
import { withFailureBoundary } from './failure-boundary';
import { createBoardFeedbackActivities } from './board-feedback-activities';
import { createBoardPollActivities } from './board-poll-activities';
import { createBoardPollV1Activities } from './board-poll-v1-activities';
import { createBoardPostingActivities } from './board-posting-activities';
import { createDeadlineActivities } from './deadline-activities';
import { createDeadlineRefreshActivities } from './deadline-refresh-activities';
import { createDestinationActivities } from './destination-activities';
import { createInterviewActivities } from './interview-activities';
import { createJobActivities } from './job-activities';
import { createLinkActivities } from './link-activities';
import { createNotifyActivities } from './notify-activities';
import { createRecordActivities } from './record-activities';
import { createScoringActivities } from './scoring-activities';

export function createActivities(deps: ActivityDeps) {
  return withFailureBoundary({
    ...createJobActivities(deps),
    ...createRecordActivities(deps),
    ...createNotifyActivities(deps),
    ...createLinkActivities(deps),
    ...createDeadlineActivities(deps),
    ...createDeadlineRefreshActivities(deps),
    ...createScoringActivities(deps),
    ...createInterviewActivities(deps),
    ...createDestinationActivities(deps),
    ...createBoardPollActivities(deps),
    ...createBoardPollV1Activities(deps),
    ...createBoardFeedbackActivities(deps),
    ...createBoardPostingActivities(deps),
  });
}

export type CandidateActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
