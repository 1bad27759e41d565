// What the result link tells the candidate: a plain answer (通过 / 未通过 / 审核中 …), never the AI
// outcome or a score; after passing, the onboarding deadline and the materials still missing.
import type { z } from 'zod';
import { CandidateStage } from '../../common/types';
import type { CandidateStatus } from '../../workflows/definitions';
import { ResultCode, type ResultPageSchema } from '../schemas/candidate-page-schemas';
import { PAGE_TEXT, type PageLang } from './candidate-page-text';

export type ResultPage = z.output<typeof ResultPageSchema>;

function resultCode(status: CandidateStatus): ResultCode {
  switch (status.stage) {
    case CandidateStage.INGESTED:
    case CandidateStage.INTERVIEW_INVITED:
    case CandidateStage.INTERVIEWING:
      return ResultCode.INTERVIEW_PENDING;
    case CandidateStage.PRESCREEN_REJECTED:
    case CandidateStage.REJECTED:
      return ResultCode.NOT_PASSED;
    case CandidateStage.INTERVIEW_EXPIRED:
      return ResultCode.EXPIRED;
    case CandidateStage.ONBOARDING:
    case CandidateStage.ONBOARDING_OVERDUE:
      return ResultCode.PASSED;
    case CandidateStage.ONBOARDED:
      return ResultCode.ONBOARDED;
    case CandidateStage.WITHDRAWN:
      return ResultCode.WITHDRAWN;
    default:
      // SYNCING and NEEDS_ATTENTION happen both before the offer and after the materials: only the
      // latter (an onboarding deadline exists) is news the candidate has already been given.
      return status.deadlines.onboardingDueAt ? ResultCode.PASSED : ResultCode.IN_REVIEW;
  }
}

/** `lang` picks the words of `result` (the code is the same in every language). */
export function presentResultPage(status: CandidateStatus, jobTitle: string | null, lang: PageLang = 'zh', nowMs = Date.now()): ResultPage {
  const code = resultCode(status);
  const onboardingOpen = status.stage === CandidateStage.ONBOARDING || status.stage === CandidateStage.ONBOARDING_OVERDUE;
  const deadline = status.deadlines.onboardingDueAt;
  return {
    jobTitle,
    stage: status.stage,
    resultCode: code,
    result: PAGE_TEXT[lang].results[code],
    answerBy: code === ResultCode.IN_REVIEW ? status.deadlines.reviewDueAt : null,
    onboarding: onboardingOpen
      ? {
          deadline,
          overdue: status.stage === CandidateStage.ONBOARDING_OVERDUE || (deadline !== null && Date.parse(deadline) < nowMs),
          missingMaterials: status.materialsRequired.filter((m) => !status.materialsReceived.includes(m)),
        }
      : null,
  };
}
