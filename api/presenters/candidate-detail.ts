// The candidate detail: the read-model row merged with the workflow's live status (live wins where
// both speak), plus the applicant's name and phone number masked.
import type { z } from 'zod';
import type { CanonicalApplication } from '../../common/types';
import type { CandidateRow } from '../../connectors/hub-db';
import type { CandidateStatus } from '../../workflows/definitions';
import { maskName, maskPhone } from '../masking';
import type { CandidateDetailSchema } from '../schemas/candidate-schemas';

export type CandidateDetail = z.output<typeof CandidateDetailSchema>;

export function presentCandidateDetail(input: {
  workflowId: string;
  application: CanonicalApplication;
  row: CandidateRow | undefined;
  live: CandidateStatus | null;
  jobTitle: string | null;
}): CandidateDetail {
  const { workflowId, application, row, live, jobTitle } = input;
  return {
    workflowId,
    tenantId: application.tenantId,
    board: application.board,
    applicationId: application.applicationId,
    jobCode: live?.jobCode ?? row?.jobCode ?? application.jobCode,
    jobTitle,
    stage: live?.stage ?? row?.stage ?? null,
    outcome: live ? live.outcome : (row?.outcome ?? null),
    score: live ? live.score : (row?.score ?? null),
    reviewDueAt: live ? live.deadlines.reviewDueAt : (row?.reviewDueAt ?? null),
    onboardingDueAt: live ? live.deadlines.onboardingDueAt : (row?.onboardingDueAt ?? null),
    // The workflow does not track this; the read model judges it at every stage change.
    deadlineProvisional: row?.deadlineProvisional ?? false,
    appliedAt: application.appliedAt,
    createdAt: row?.createdAt ?? null,
    updatedAt: live?.updatedAt ?? row?.updatedAt ?? null,
    applicant: { name: maskName(application.candidate.name), phone: maskPhone(application.candidate.phoneE164) },
    live,
  };
}
