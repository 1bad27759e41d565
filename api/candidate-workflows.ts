// The API's door to candidate workflows: the live status query and the Updates HR and candidates
// send. Temporal's answers become API errors here: a validator's rejection is a 409 carrying the
// failure type, a missing workflow a 404, a finished one a 409 CandidateClosed.
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { getInterviewStateQuery, getStatusQuery, type CandidateStatus, type InterviewSessionState } from '../workflows/definitions';
import { ApiError, ApiErrorKind, candidateNotFound } from './http-errors';

export class CandidateWorkflows {
  constructor(private readonly client: Client) {}

  /** The workflow's live status, or null when there is no such workflow (any more). */
  async status(workflowId: string): Promise<CandidateStatus | null> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(getStatusQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  /** The live state of an interview session (child workflow), or null when there is none. */
  async interviewState(sessionWorkflowId: string): Promise<InterviewSessionState | null> {
    try {
      return await this.client.workflow.getHandle(sessionWorkflowId).query(getInterviewStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  /** Like status(), but a missing workflow is a 404. */
  async requireStatus(workflowId: string): Promise<CandidateStatus> {
    const status = await this.status(workflowId);
    if (!status) throw candidateNotFound();
    return status;
  }

  /**
   * Sends an Update and waits for its result. With an updateId, Temporal deduplicates: a repeated
   * request gets the first request's answer instead of a second execution.
   */
  async update<Ret, Arg>(workflowId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId?: string): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    try {
      return await handle.executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        throw new ApiError(ApiErrorKind.CONFLICT, err.cause.type ?? 'UpdateRejected', err.cause.message);
      }
      // The server answers "not found" both for a workflow that never existed and for one that has finished.
      if (err instanceof WorkflowNotFoundError) throw await closedOrMissing(handle);
      throw err;
    }
  }
}

async function closedOrMissing(handle: WorkflowHandle): Promise<ApiError> {
  try {
    const description = await handle.describe();
    return new ApiError(ApiErrorKind.CONFLICT, 'CandidateClosed', `the candidate's workflow has ended (${description.status.name.toLowerCase()})`);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return candidateNotFound();
    throw err;
  }
}
