// Reads why a workflow Update was rejected: the validator's ApplicationFailure is the cause.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

export async function updateRejection(promise: Promise<unknown>): Promise<{ type: string | undefined | null; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type, message: err.cause.message };
    }
    throw err;
  }
  throw new Error('the update was accepted, but a rejection was expected');
}
