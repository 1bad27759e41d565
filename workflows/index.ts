// Entry point of the workflow bundle: every workflow the worker runs.
export { candidateWorkflow } from './candidate';
export { interviewSessionWorkflow } from './interview-session';
export { boardPollerWorkflow } from './board-poller';
export { boardFeedbackWorkflow } from './board-feedback';
export { jobPostingWorkflow } from './job-posting';
export { deadlineRefreshWorkflow } from './deadline-refresh';
