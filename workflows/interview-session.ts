// One interview round as a child workflow of the candidate (ID `{candidateWorkflowId}:interview:{round}`):
// questions one at a time, each answer an Update checked by its validator, reminder and expiry as
// durable timers. The page reads its state, so a candidate can close it and resume.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import { CandidateStage } from '../common/types';
import { getInterviewStateQuery, interviewStartedSignal, startInterviewUpdate, submitAnswerUpdate, type AnswerSubmission, type InterviewProgress, type InterviewSessionInput, type InterviewSessionResult, type InterviewSessionState } from './definitions';
import type { InterviewAnswer, InterviewQuestionView } from '../common/interview';

/** Reminder messages: hub bookkeeping, retried until it lands. */
const bookkeeping = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});
/** A follow-up question is optional: a few quick tries, then the interview goes on without it. */
const followUp = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '45s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3 },
});

const STAGE_OF_PHASE: Record<InterviewSessionState['phase'], CandidateStage> = {
  invited: CandidateStage.INTERVIEW_INVITED,
  interviewing: CandidateStage.INTERVIEWING,
  completed: CandidateStage.SCORING,
  expired: CandidateStage.INTERVIEW_EXPIRED,
  cancelled: CandidateStage.WITHDRAWN,
};

export async function interviewSessionWorkflow(input: InterviewSessionInput): Promise<InterviewSessionResult> {
  const expiresAtMs = Date.parse(input.expiresAt);
  const questions: InterviewQuestionView[] = input.questions.map((q) => ({ ...q }));
  const answers: InterviewAnswer[] = [];
  let phase: InterviewSessionState['phase'] = 'invited';
  let started = false;
  let startedAt: string | null = null;
  let aiScoringDeclined = false;
  let questionShownAtMs = 0;
  let preparingFollowUp = false;

  const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  const allAnswered = () => answers.length >= questions.length && !preparingFollowUp;

  function progress(): InterviewProgress {
    return {
      stage: STAGE_OF_PHASE[phase],
      nextQuestion: started && !preparingFollowUp ? (questions[answers.length] ?? null) : null,
      answered: answers.length,
      total: questions.length,
      preparingFollowUp,
    };
  }

  function checkOpen(): void {
    if (phase !== 'invited' && phase !== 'interviewing') throw fail('InterviewNotOpen', `the interview is not open (stage ${STAGE_OF_PHASE[phase]})`);
    if (Date.now() >= expiresAtMs) throw fail('InterviewExpired', 'the interview invitation has expired');
  }

  setHandler(getInterviewStateQuery, () => ({ ...progress(), round: input.round, started, aiScoringDeclined, expiresAt: input.expiresAt, phase }));

  // Starting again (after closing the page) is allowed and changes nothing: it returns where the candidate is.
  setHandler(
    startInterviewUpdate,
    (req) => {
      if (!started) {
        started = true;
        startedAt = new Date().toISOString();
        aiScoringDeclined = !req.consentToAiScoring;
        questionShownAtMs = Date.now();
        phase = 'interviewing';
      }
      return progress();
    },
    { validator: (_req) => checkOpen() },
  );

  function validateAnswer(a: AnswerSubmission): void {
    if (!started) throw fail('InterviewNotOpen', `the interview is not open (stage ${STAGE_OF_PHASE[phase]})`);
    checkOpen();
    if (preparingFollowUp) throw fail('FollowUpPending', 'the next question is still being prepared');
    const expected = questions[answers.length];
    if (!expected) throw fail('InterviewComplete', 'every question has been answered');
    if (!a || a.questionId !== expected.id) throw fail('WrongQuestion', `expected an answer to question "${expected.id}", got "${a?.questionId}"`);
    const text = typeof a.answer === 'string' ? a.answer.trim() : '';
    if (!text) throw fail('EmptyAnswer', 'the answer is empty');
    if ([...text].length > expected.maxChars) throw fail('AnswerTooLong', `the answer is longer than ${expected.maxChars} characters`);
  }

  setHandler(
    submitAnswerUpdate,
    async (a) => {
      const now = Date.now();
      const question = questions[answers.length]!;
      const answer = a.answer.trim();
      answers.push({ questionId: a.questionId, answer, answeredAt: new Date(now).toISOString(), secondsTaken: Math.round((now - questionShownAtMs) / 1000) });
      questionShownAtMs = now;
      if (input.followUps && !question.followUpOf) {
        preparingFollowUp = true;
        try {
          const text = await followUp.generateFollowUp({ ref: input.ref, jobCode: input.jobCode, question: question.text, answer });
          if (text) questions.splice(answers.length, 0, { id: `${question.id}-followup`, text, maxChars: question.maxChars, followUpOf: question.id });
        } catch (err) {
          // A follow-up is a nicety: without one the interview simply goes on.
          log.warn('follow-up question skipped', { questionId: question.id, error: (err as Error).message });
        } finally {
          preparingFollowUp = false;
          questionShownAtMs = Date.now();
        }
      }
      return progress();
    },
    { validator: validateAnswer },
  );

  /** Waits for `done` until `atMs` (a durable timer); true when `done` came first. */
  async function waitUntil(done: () => boolean, atMs: number): Promise<boolean> {
    const remaining = atMs - Date.now();
    if (remaining > 0) return condition(done, remaining);
    return done();
  }

  const reminderAtMs = input.reminderAt ? Date.parse(input.reminderAt) : null;
  try {
    if (reminderAtMs !== null && reminderAtMs < expiresAtMs && !(await waitUntil(() => started, reminderAtMs))) {
      await bookkeeping.notify({ ref: input.ref, audience: 'candidate', template: 'interview_reminder', key: `interview-reminder-${input.round}`, params: input.reminderParams });
    }
    if (await waitUntil(() => started, expiresAtMs)) {
      // The candidate workflow shows INTERVIEWING from here on.
      await getExternalWorkflowHandle(input.candidateWorkflowId).signal(interviewStartedSignal, { round: input.round, aiScoringDeclined });
      phase = (await waitUntil(allAnswered, expiresAtMs)) ? 'completed' : 'expired';
    } else {
      phase = 'expired';
    }
  } catch (err) {
    // The candidate withdrew: the candidate workflow cancels the session, which ends here.
    if (isCancellation(err)) phase = 'cancelled';
    throw err;
  }
  await condition(allHandlersFinished);
  return { completed: phase === 'completed', aiScoringDeclined, startedAt, questions, answers };
}
