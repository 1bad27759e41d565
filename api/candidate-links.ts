// Opens a candidate's signed link (interview page, result lookup): a forged, malformed or
// wrong-purpose token is 404, an expired one 410, so a candidate is told the link is past its time.
import type { HubConfig } from '../common/config';
import { verifyLink, type LinkPurpose } from '../common/signed-links';
import { parseCandidateWorkflowId } from '../common/workflow-ids';
import type { ApplicationRef } from '../common/types';
import { ApiError, ApiErrorKind, notFound } from './http-errors';

export interface OpenedLink {
  workflowId: string;
  ref: ApplicationRef;
}

export function openLink(config: HubConfig, token: string, purpose: LinkPurpose, nowMs = Date.now()): OpenedLink {
  const check = verifyLink(config.hub.linkSecret, token, purpose, nowMs);
  if (!check.ok) {
    if (check.reason === 'expired') throw new ApiError(ApiErrorKind.GONE, 'LinkExpired', 'this link has expired');
    throw notFound('this link is not valid');
  }
  const ref = parseCandidateWorkflowId(check.claims.workflowId);
  if (!ref) throw notFound('this link is not valid');
  return { workflowId: check.claims.workflowId, ref };
}
