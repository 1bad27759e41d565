// A job posting as the hub describes it to any board, before a board's mapper turns it into its
// wire format. Its hash decides whether a posting needs an update.

/** Every posting carries this tag, so candidates know an AI interview follows (issue #3). */
export const AI_INTERVIEW_TAG = 'AI面试';

export interface JobPostingContent {
  code: string;
  title: string;
  category: string;
  categoryCode: string;
  city: string;
  district: string | null;
  address: string;
  /** CNY per hour. */
  hourlyWage: number;
  headcount: number;
  schedule: string;
  description: string;
  tags: string[];
  /** From the job config; the activity picks a default when it is null. */
  validUntil: string | null;
}
