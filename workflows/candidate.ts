// The candidate workflow: one per application, from ingestion to onboarding (DESIGN.md stages).
// Deterministic: all I/O is in activities; deadlines are durable timers; HR, the candidate and
// the board reach it through the updates and signals of ./definitions.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CandidateActivities } from '../activities';
import type { JobSnapshot } from '../activities/job-activities';
import type { NotifyRequest } from '../activities/notify-activities';
import type { DeadlineSpec } from '../common/config-schema';
import { boardProgressFor, type BoardProgress } from '../common/board-progress';
import { SA } from '../common/search-attributes';
import { CandidateStage, HrAction, InterviewOutcome, TERMINAL_STAGES, type HrDecision, type Withdrawal } from '../common/types';
import { decisionSignal, decisionUpdate, getStatusQuery, interviewSessionId, interviewStartedSignal, verifyMaterialsUpdate, withdrawSignal, type CandidateStatus, type DestinationSyncState, type InterviewSessionResult } from './definitions';
import { interviewSessionWorkflow } from './interview-session';
import type { CandidateWorkflowInput } from '../common/ingestion';
import type { InterviewAnswer, InterviewAssessment, InterviewQuestionView } from '../common/interview';

// Activity option profiles, declared once.
/**
 * Hub bookkeeping (read model, outbox, config, calendar): short database and config steps that must
 * eventually succeed, so no attempt limit. Local activities: they run beside the workflow task,
 * which saves the server round trips that dominated intake throughput (npm run bench:intake).
 */
const bookkeeping = proxyLocalActivities<CandidateActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});
/** Scoring: bounded, because a scorer that keeps failing must reach a person, not block. */
const scoring = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 6 },
});
/** Systems of record: retried with backoff for up to a day (an EHR down overnight), then a person. */
const systemsOfRecord = proxyActivities<CandidateActivities>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '24h',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '10m' },
});

/** Which HR actions each stage accepts; `withdraw` is accepted in every open stage. */
const ACTIONS_BY_STAGE: Partial<Record<CandidateStage, HrAction[]>> = {
  HR_REVIEW: [HrAction.APPROVE, HrAction.REJECT, HrAction.REINTERVIEW],
  NEEDS_ATTENTION: [HrAction.RETRY],
  ONBOARDING_OVERDUE: [HrAction.EXTEND],
};

/** Thrown inside the workflow to unwind from any stage when the application is withdrawn. */
class Withdrawn extends Error {}

interface Reminder {
  atMs: number;
  fire: () => Promise<void>;
}

export async function candidateWorkflow(input: CandidateWorkflowInput): Promise<CandidateStatus> {
  const { ref, jobCode } = input;
  const workflowId = workflowInfo().workflowId;
  const createdAt = workflowInfo().startTime.toISOString();

  // ---- state ----
  let stage: CandidateStage = CandidateStage.INGESTED;
  let version = 0;
  let updatedAt = createdAt;
  let job: JobSnapshot | null = null;
  let prescreenReasons: string[] = [];
  let links = null as { interviewLink: string; resultLink: string } | null;
  let interviewStarted = false;
  let aiScoringDeclined = false;
  let interviewRound = 0;
  let interviewWorkflowId: string | null = null;
  let interviewQuestions: InterviewQuestionView[] | null = null;
  let answers: InterviewAnswer[] = [];
  let assessment: InterviewAssessment | null = null;
  let pendingDecision: (HrDecision & { at: string }) | null = null;
  let lastDecision: (HrDecision & { at: string }) | null = null;
  let withdrawal: (Withdrawal & { at: string }) | null = null;
  let closing = false;
  let attention: { code: string; message: string } | null = null;
  const deadlines: CandidateStatus['deadlines'] = { interviewReminderAt: null, interviewExpiresAt: null, reviewDueAt: null, onboardingDueAt: null };
  const materialsReceived = new Set<string>();
  const destinations: DestinationSyncState[] = [];

  const nowIso = () => new Date().toISOString();
  const isOpen = () => !TERMINAL_STAGES.includes(stage);
  const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

  function status(): CandidateStatus {
    return {
      workflowId,
      ref,
      jobCode,
      stage,
      outcome: assessment?.outcome ?? null,
      score: assessment?.score ?? null,
      assessment,
      prescreenReasons,
      interviewLink: links?.interviewLink ?? null,
      resultLink: links?.resultLink ?? null,
      questions: interviewQuestions ?? job?.questions ?? [],
      answeredQuestionIds: answers.map((a) => a.questionId),
      aiScoringDeclined,
      interviewRound,
      interviewWorkflowId,
      deadlines: { ...deadlines },
      materialsRequired: job?.onboarding.materials ?? [],
      materialsReceived: [...materialsReceived],
      destinations: destinations.map((d) => ({ ...d })),
      attention,
      lastDecision,
      withdrawal,
      updatedAt,
    };
  }

  // ---- handlers ----
  setHandler(getStatusQuery, status);

  setHandler(withdrawSignal, (w) => {
    if (isOpen() && !withdrawal) withdrawal = { ...w, at: w.at ?? nowIso() };
  });

  function validateDecision(d: HrDecision): void {
    if (!isOpen() || withdrawal) throw fail('CandidateClosed', `the candidate is closed (${withdrawal ? 'withdrawn' : stage})`);
    if (pendingDecision) throw fail('DecisionPending', 'another decision is being applied');
    if (!d || typeof d.reviewer !== 'string' || !d.reviewer.trim()) throw fail('MissingReviewer', 'a decision must name its reviewer');
    if (d.expectedStage && d.expectedStage !== stage) {
      throw fail('StaleDecision', `the decision was made for stage ${d.expectedStage}, but the candidate is now in ${stage}`);
    }
    if (d.action === HrAction.WITHDRAW) return;
    const allowed = ACTIONS_BY_STAGE[stage] ?? [];
    if (!allowed.includes(d.action)) {
      throw fail('NotAwaitingDecision', `"${d.action}" is not possible in stage ${stage}` + (allowed.length ? ` (possible: ${allowed.join(', ')}, withdraw)` : ' (possible: withdraw)'));
    }
    if (d.action === HrAction.EXTEND && !(Number.isInteger(d.extendBy) && (d.extendBy ?? 0) > 0)) {
      throw fail('BadExtension', 'extend needs extendBy, a positive whole number');
    }
  }

  function acceptDecision(d: HrDecision): void {
    const stamped = { ...d, at: nowIso() };
    if (d.action === HrAction.WITHDRAW) {
      withdrawal = { by: 'hr', reason: d.reason, at: stamped.at };
      lastDecision = stamped;
    } else {
      pendingDecision = stamped;
    }
  }

  setHandler(
    decisionUpdate,
    async (d) => {
      const before = version;
      acceptDecision(d);
      // Answer with the stage the decision leads to, once the workflow has moved there.
      await condition(() => version > before);
      return { stage };
    },
    { validator: validateDecision },
  );

  // The same decision for fire-and-forget tools; an invalid one is dropped (and logged).
  setHandler(decisionSignal, (d) => {
    try {
      validateDecision(d);
      acceptDecision(d);
    } catch (err) {
      log.warn('decision signal ignored', { reason: (err as Error).message });
    }
  });

  // The interview session (child workflow) says when the candidate has started this round.
  setHandler(interviewStartedSignal, ({ round, aiScoringDeclined: declined }) => {
    if (round !== interviewRound) return;
    interviewStarted = true;
    aiScoringDeclined = declined;
  });

  setHandler(
    verifyMaterialsUpdate,
    (m) => {
      m.verified.forEach((id) => materialsReceived.add(id));
      return { stage, missing: (job?.onboarding.materials ?? []).filter((id) => !materialsReceived.has(id)) };
    },
    {
      validator: (m) => {
        if (stage !== CandidateStage.ONBOARDING && stage !== CandidateStage.ONBOARDING_OVERDUE) {
          throw fail('NotOnboarding', `materials are not expected in stage ${stage}`);
        }
        if (!m || typeof m.reviewer !== 'string' || !m.reviewer.trim()) throw fail('MissingReviewer', 'verified materials must name the reviewer');
        if (!Array.isArray(m.verified) || m.verified.length === 0) throw fail('NoMaterials', 'name at least one verified material');
        const known = job?.onboarding.materials ?? [];
        const unknown = m.verified.filter((id: string) => !known.includes(id));
        if (unknown.length > 0) throw fail('UnknownMaterial', `not on this job's list: ${unknown.join(', ')} (expected: ${known.join(', ')})`);
      },
    },
  );

  // ---- helpers ----
  function searchAttributes(): void {
    upsertSearchAttributes([
      { key: SA.CandidateStage, value: stage },
      { key: SA.TenantId, value: ref.tenantId },
      { key: SA.JobCode, value: jobCode },
      { key: SA.SourceBoard, value: ref.board },
      { key: SA.InterviewOutcome, value: assessment?.outcome ?? null },
      { key: SA.OnboardingDeadline, value: deadlines.onboardingDueAt ? new Date(deadlines.onboardingDueAt) : null },
    ]);
  }

  /** What the source board was last told (common/board-progress.ts): only a change is reported. */
  let boardProgress: BoardProgress | null = null;

  async function setStage(next: CandidateStage, event: { type: string; actor: string; details?: Record<string, unknown> }): Promise<void> {
    stage = next;
    version += 1;
    updatedAt = nowIso();
    searchAttributes();
    // The board hears of a change through its feedback outbox (a database write, alongside the
    // read model): a board that is down never holds the candidate up.
    const progress = boardProgressFor(ref.board, input.source, next);
    // patched(): workflows started before board feedback existed replay without the new activity.
    const report = progress && progress !== boardProgress && patched('board-progress-feedback') ? { ref, jobCode, stage, progress } : null;
    if (report) boardProgress = report.progress;
    await Promise.all([
      bookkeeping.recordStage({
        ref,
        jobCode,
        stage,
        outcome: assessment?.outcome ?? null,
        score: assessment?.score ?? null,
        reviewDueAt: deadlines.reviewDueAt,
        onboardingDueAt: deadlines.onboardingDueAt,
        version,
        at: updatedAt,
        createdAt,
        event,
      }),
      report ? bookkeeping.reportBoardProgress(report) : undefined,
    ]);
  }

  const notify = (req: Omit<NotifyRequest, 'ref'>) => bookkeeping.notify({ ref, ...req });

  function checkWithdrawn(): void {
    if (withdrawal && !closing) throw new Withdrawn();
  }

  /** Waits for `done` (or a withdrawal) for at most `timeoutMs`; true when `done` became true. */
  async function waitFor(done: () => boolean, timeoutMs?: number): Promise<boolean> {
    const wake = () => (withdrawal !== null && !closing) || done();
    if (timeoutMs === undefined) await condition(wake);
    else if (timeoutMs > 0) await condition(wake, timeoutMs);
    checkWithdrawn();
    return done();
  }

  /** Waits until `done` or `deadlineMs`, firing each reminder at its time on the way. */
  async function waitWithReminders(done: () => boolean, deadlineMs: number, reminders: Reminder[]): Promise<boolean> {
    for (const reminder of [...reminders].sort((a, b) => a.atMs - b.atMs)) {
      if (reminder.atMs >= deadlineMs) continue;
      if (await waitFor(done, reminder.atMs - Date.now())) return true;
      await reminder.fire();
    }
    return waitFor(done, deadlineMs - Date.now());
  }

  function takeDecision(): HrDecision & { at: string } {
    const d = pendingDecision;
    if (!d) throw new Error('takeDecision called without a pending decision');
    pendingDecision = null;
    lastDecision = d;
    return d;
  }

  const decisionEvent = (d: HrDecision, type: string, extra: Record<string, unknown> = {}) => ({
    type,
    actor: `${d.tool}:${d.reviewer}`,
    details: { action: d.action, tool: d.tool, ...(d.reason ? { reason: d.reason } : {}), ...extra },
  });

  /**
   * Runs a step; when it fails for good (bad config, data the target refuses, a system down for
   * a day), the candidate waits in NEEDS_ATTENTION until HR says retry, then the step runs again.
   * `alreadyFailed`: the step has just failed elsewhere, so go straight to a person.
   */
  async function withAttention<T>(step: string, run: () => Promise<T>, alreadyFailed?: unknown): Promise<T> {
    let failure = alreadyFailed;
    for (;;) {
      if (failure === undefined) {
        try {
          const result = await run();
          checkWithdrawn();
          return result;
        } catch (err) {
          failure = err;
        }
      }
      const err = failure;
      failure = undefined;
      if (!(err instanceof ActivityFailure)) throw err;
      const cause = err.cause;
      const code = cause instanceof ApplicationFailure ? (cause.type ?? 'ActivityFailed') : (cause?.name ?? 'ActivityFailed');
      const message = cause?.message ?? err.message;
      const resumeStage = stage;
      attention = { code, message };
      await setStage(CandidateStage.NEEDS_ATTENTION, { type: 'needs_attention', actor: 'system', details: { step, code, message } });
      await notify({ audience: 'hr', template: 'needs_attention', key: `attention-${version}`, params: { workflowId, step, code, message } });
      await waitFor(() => pendingDecision !== null);
      const d = takeDecision();
      attention = null;
      await setStage(resumeStage, decisionEvent(d, 'retry'));
    }
  }

  async function deadlineFrom(step: string, spec: DeadlineSpec, remindBeforeMs: number[]) {
    return withAttention(step, () => bookkeeping.computeDeadline({ from: nowIso(), spec, remindBeforeMs }));
  }

  // ---- stages ----
  /**
   * One interview round: the invitation here, the questions, reminder and expiry in the interview
   * session (a child workflow). True when every question was answered. A withdrawal cancels the
   * session; a session that fails for another reason (e.g. an operator terminated it) waits in
   * NEEDS_ATTENTION, and HR's retry starts a new round.
   */
  async function runInterview(currentJob: JobSnapshot): Promise<boolean> {
    const round = ++interviewRound;
    answers = [];
    interviewStarted = false;
    aiScoringDeclined = false;
    interviewQuestions = null;
    const startMs = Date.now();
    const expiresAtMs = startMs + currentJob.interview.expiresAfterMs;
    const reminderAtMs = startMs + currentJob.interview.reminderAfterMs;
    const expiresAt = new Date(expiresAtMs).toISOString();
    deadlines.interviewExpiresAt = expiresAt;
    deadlines.interviewReminderAt = reminderAtMs < expiresAtMs ? new Date(reminderAtMs).toISOString() : null;
    links = await bookkeeping.issueLinks({ workflowId, interviewExpiresAt: expiresAt, now: nowIso() });
    const invitation = {
      jobTitle: currentJob.title,
      link: links.interviewLink,
      expiresAt,
      questions: currentJob.questions.length,
      notes: currentJob.interview.notes,
    };
    // Cancelling this scope cancels the session (withdrawal); closing the candidate terminates it.
    const sessionScope = new CancellationScope();
    const sessionId = interviewSessionId(workflowId, round);
    const session = await sessionScope.run(() =>
      startChild(interviewSessionWorkflow, {
        workflowId: sessionId,
        parentClosePolicy: ParentClosePolicy.TERMINATE,
        args: [
          {
            candidateWorkflowId: workflowId,
            ref,
            jobCode,
            round,
            questions: currentJob.questions,
            expiresAt,
            reminderAt: deadlines.interviewReminderAt,
            followUps: currentJob.interview.followUps,
            reminderParams: invitation,
          },
        ],
      }),
    );
    interviewWorkflowId = sessionId;
    const ended: { result?: InterviewSessionResult; failure?: Error } = {};
    session.result().then(
      (result) => void (ended.result = result),
      (err: Error) => void (ended.failure = err),
    );
    const settled = () => ended.result !== undefined || ended.failure !== undefined;
    try {
      await setStage(CandidateStage.INTERVIEW_INVITED, { type: 'interview_invited', actor: 'system', details: { round } });
      await notify({ audience: 'candidate', template: 'interview_invitation', key: `interview-invitation-${round}`, params: invitation });
      await waitFor(() => interviewStarted || settled());
      if (interviewStarted || ended.result?.startedAt) {
        aiScoringDeclined = ended.result?.aiScoringDeclined ?? aiScoringDeclined;
        await setStage(CandidateStage.INTERVIEWING, { type: 'interview_started', actor: 'candidate', details: { round, aiScoringDeclined } });
      }
      await waitFor(settled);
    } catch (err) {
      if (err instanceof Withdrawn) {
        sessionScope.cancel();
        await condition(settled);
      }
      throw err;
    }
    if (ended.failure) {
      const message = (ended.failure.cause as Error | undefined)?.message ?? ended.failure.message;
      attention = { code: 'InterviewSessionFailed', message };
      await setStage(CandidateStage.NEEDS_ATTENTION, { type: 'needs_attention', actor: 'system', details: { step: 'interview', code: attention.code, message } });
      await notify({ audience: 'hr', template: 'needs_attention', key: `attention-${version}`, params: { workflowId, step: 'interview', code: attention.code, message } });
      await waitFor(() => pendingDecision !== null);
      takeDecision();
      attention = null;
      return runInterview(currentJob);
    }
    const result = ended.result!;
    interviewQuestions = result.questions;
    answers = result.answers;
    aiScoringDeclined = result.aiScoringDeclined;
    return result.completed;
  }

  /** Scores the transcript (unless the candidate declined AI scoring) and keeps the report in the hub database. */
  async function score(round: number): Promise<void> {
    await setStage(CandidateStage.SCORING, { type: 'interview_completed', actor: 'candidate', details: { round, answers: answers.length } });
    const questions = interviewQuestions ?? job?.questions ?? [];
    if (aiScoringDeclined) {
      assessment = null;
    } else {
      try {
        assessment = await scoring.scoreInterview({ ref, jobCode, questions, answers });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        // Never a silent pass or fail: a scorer that cannot answer sends the candidate to a person.
        assessment = {
          outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE,
          score: null,
          dimensions: [],
          strengths: [],
          weaknesses: [],
          summary: 'The interview could not be scored automatically; a person must review the answers.',
          scorer: 'none',
          model: null,
          rubricVersion: '',
          promptVersion: null,
          reason: err.cause?.message ?? err.message,
        };
      }
    }
    await bookkeeping.saveAssessment({ ref, jobCode, round, aiScoringDeclined, assessment, questions, answers });
    checkWithdrawn();
  }

  async function review(round: number, currentJob: JobSnapshot): Promise<HrDecision> {
    if (assessment?.outcome === InterviewOutcome.PASS && currentJob.review.autoApprovePass) {
      lastDecision = { action: HrAction.APPROVE, reviewer: 'auto-approve-pass', tool: 'api', at: nowIso() };
      return lastDecision;
    }
    const { dueAt, reminders } = await deadlineFrom('review-deadline', currentJob.review.deadline, currentJob.review.remindBeforeMs);
    deadlines.reviewDueAt = dueAt;
    await setStage(CandidateStage.HR_REVIEW, {
      type: 'review_requested',
      actor: 'system',
      details: { round, outcome: assessment?.outcome ?? null, score: assessment?.score ?? null, scorer: assessment?.scorer ?? null, aiScoringDeclined },
    });
    const params = { workflowId, jobTitle: currentJob.title, outcome: assessment?.outcome ?? 'NOT_SCORED', score: assessment?.score ?? null, dueAt };
    await notify({ audience: 'hr', template: 'review_requested', key: `review-requested-${round}`, params });
    if (assessment?.outcome !== InterviewOutcome.PASS && assessment?.outcome !== InterviewOutcome.FAIL) {
      await notify({ audience: 'candidate', template: 'result_pending', key: `result-pending-${round}`, params: { jobTitle: currentJob.title, answerBy: dueAt, link: links?.resultLink } });
    }
    const decided = await waitWithReminders(
      () => pendingDecision !== null,
      Date.parse(dueAt),
      reminders.map((at, i) => ({
        atMs: Date.parse(at),
        fire: () => notify({ audience: 'hr', template: 'review_reminder', key: `review-reminder-${round}-${i}`, params }).then(() => undefined),
      })),
    );
    if (!decided) {
      await notify({ audience: 'hr_escalation', template: 'review_overdue', key: `review-overdue-${round}`, params });
      await waitFor(() => pendingDecision !== null);
    }
    return takeDecision();
  }

  async function syncDestinations(event: string, currentJob: JobSnapshot): Promise<void> {
    const pending = currentJob.destinations
      .filter((d) => d.events.includes(event))
      .map((target) => {
        let state = destinations.find((d) => d.destinationId === target.id && d.event === event);
        if (!state) {
          state = { destinationId: target.id, event, status: 'pending' };
          destinations.push(state);
        }
        return { target, state };
      })
      .filter(({ state }) => state.status !== 'written');
    const write = async ({ target, state }: (typeof pending)[number]) => {
      try {
        await systemsOfRecord.writeToDestination({
          ref,
          jobCode,
          destinationId: target.id,
          event,
          result: { outcome: assessment?.outcome ?? null, score: assessment?.score ?? null, decidedBy: lastDecision?.reviewer ?? null, onboardingDueAt: deadlines.onboardingDueAt },
        });
        state.status = 'written';
        delete state.error;
      } catch (err) {
        state.status = 'failed';
        state.error = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
        throw err;
      }
    };
    // Every destination at once, each its own activity: a slow or failing system neither delays
    // nor re-runs the others.
    const settled = await Promise.allSettled(pending.map(write));
    // What failed for good then waits for a person, one destination at a time, and is written
    // again after HR's retry decision.
    for (const [i, item] of pending.entries()) {
      const outcome = settled[i]!;
      if (outcome.status === 'rejected') await withAttention(`write:${item.target.id}:${event}`, () => write(item), outcome.reason);
    }
    checkWithdrawn();
  }

  async function onboard(currentJob: JobSnapshot): Promise<void> {
    const required = currentJob.onboarding.materials;
    const missing = () => required.filter((m) => !materialsReceived.has(m));
    const complete = () => missing().length === 0;
    let { dueAt, reminders } = await deadlineFrom('onboarding-deadline', currentJob.onboarding.deadline, currentJob.onboarding.remindBeforeMs);
    deadlines.onboardingDueAt = dueAt;
    await setStage(CandidateStage.ONBOARDING, { type: 'offer_sent', actor: 'system', details: { dueAt } });
    await notify({
      audience: 'candidate',
      template: 'offer',
      key: 'offer',
      params: { jobTitle: currentJob.title, link: links?.resultLink, dueAt, materials: required },
    });
    for (let extension = 0; ; extension++) {
      const done = await waitWithReminders(
        complete,
        Date.parse(dueAt),
        reminders.map((at, i) => ({
          atMs: Date.parse(at),
          fire: async () => {
            const p = { jobTitle: currentJob.title, dueAt, missing: missing(), link: links?.resultLink };
            await notify({ audience: 'candidate', template: 'onboarding_reminder', key: `onboarding-reminder-${extension}-${i}`, params: p });
            await notify({ audience: 'hr', template: 'onboarding_reminder', key: `onboarding-reminder-hr-${extension}-${i}`, params: { ...p, workflowId } });
          },
        })),
      );
      if (done) return;
      await setStage(CandidateStage.ONBOARDING_OVERDUE, { type: 'onboarding_overdue', actor: 'system', details: { dueAt, missing: missing() } });
      await notify({ audience: 'hr_escalation', template: 'onboarding_overdue', key: `onboarding-overdue-${extension}`, params: { workflowId, jobTitle: currentJob.title, dueAt, missing: missing() } });
      await waitFor(() => complete() || pendingDecision !== null);
      if (complete()) return;
      const d = takeDecision();
      ({ dueAt, reminders } = await deadlineFrom('onboarding-extension', { amount: d.extendBy ?? 1, unit: currentJob.onboarding.deadline.unit }, currentJob.onboarding.remindBeforeMs));
      deadlines.onboardingDueAt = dueAt;
      await setStage(CandidateStage.ONBOARDING, decisionEvent(d, 'deadline_extended', { dueAt }));
      await notify({ audience: 'candidate', template: 'onboarding_extended', key: `onboarding-extended-${extension}`, params: { jobTitle: currentJob.title, dueAt, missing: missing(), link: links?.resultLink } });
    }
  }

  async function closeWithdrawn(): Promise<void> {
    closing = true;
    const w = withdrawal!;
    const reviewPassedWritten = destinations.some((d) => d.event === 'review_passed' && d.status === 'written');
    if (reviewPassedWritten && job) {
      // The systems of record already know this person: tell them, but never block the withdrawal on it.
      for (const target of job.destinations.filter((d) => d.events.includes('withdrawn'))) {
        try {
          await systemsOfRecord.writeToDestination({ ref, jobCode, destinationId: target.id, event: 'withdrawn', result: { outcome: assessment?.outcome ?? null, score: assessment?.score ?? null, decidedBy: lastDecision?.reviewer ?? null, onboardingDueAt: deadlines.onboardingDueAt } });
          destinations.push({ destinationId: target.id, event: 'withdrawn', status: 'written' });
        } catch (err) {
          const message = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
          destinations.push({ destinationId: target.id, event: 'withdrawn', status: 'failed', error: message });
          await notify({ audience: 'hr', template: 'withdrawal_sync_failed', key: `withdrawal-sync-failed-${target.id}`, params: { workflowId, destinationId: target.id, message } });
        }
      }
    }
    const from = stage;
    await setStage(CandidateStage.WITHDRAWN, { type: 'withdrawn', actor: w.by === 'hr' && lastDecision ? `${lastDecision.tool}:${lastDecision.reviewer}` : w.by, details: { from, by: w.by, ...(w.reason ? { reason: w.reason } : {}) } });
    if (w.by === 'hr' && (from === CandidateStage.ONBOARDING || from === CandidateStage.ONBOARDING_OVERDUE || from === CandidateStage.SYNCING)) {
      await notify({ audience: 'candidate', template: 'offer_withdrawn', key: 'offer-withdrawn', params: { jobTitle: job?.title, link: links?.resultLink } });
    }
  }

  // ---- the journey ----
  searchAttributes();
  try {
    await setStage(CandidateStage.INGESTED, { type: 'ingested', actor: `board:${ref.board}`, details: { source: input.source } });
    const currentJob = await withAttention('load-job', () => bookkeeping.loadJob({ tenantId: ref.tenantId, jobCode }));
    job = currentJob;
    prescreenReasons = await withAttention('prescreen', () => bookkeeping.prescreen({ ref, jobCode, today: nowIso() }));
    if (prescreenReasons.length > 0) {
      await notify({ audience: 'candidate', template: 'prescreen_rejected', key: 'prescreen-rejected', params: { jobTitle: currentJob.title } });
      await setStage(CandidateStage.PRESCREEN_REJECTED, { type: 'prescreen_rejected', actor: 'system', details: { reasons: prescreenReasons } });
    } else {
      let decision: HrDecision | null = null;
      for (;;) {
        // A round that expires leaves no decision, also after HR asked for a new interview.
        decision = null;
        if (!(await runInterview(currentJob))) break;
        await score(interviewRound);
        decision = await review(interviewRound, currentJob);
        if (decision.action !== HrAction.REINTERVIEW) break;
      }
      if (decision === null) {
        await notify({ audience: 'candidate', template: 'interview_expired', key: 'interview-expired', params: { jobTitle: currentJob.title } });
        await setStage(CandidateStage.INTERVIEW_EXPIRED, { type: 'interview_expired', actor: 'system' });
      } else if (decision.action === HrAction.REJECT) {
        await notify({ audience: 'candidate', template: 'rejected', key: 'rejected', params: { jobTitle: currentJob.title, link: links?.resultLink } });
        await setStage(CandidateStage.REJECTED, decisionEvent(decision, 'rejected'));
      } else {
        await setStage(CandidateStage.SYNCING, decisionEvent(decision, 'review_passed'));
        await syncDestinations('review_passed', currentJob);
        await onboard(currentJob);
        await setStage(CandidateStage.SYNCING, { type: 'materials_verified', actor: 'hr', details: { materials: [...materialsReceived] } });
        await syncDestinations('onboarded', currentJob);
        await setStage(CandidateStage.ONBOARDED, { type: 'onboarded', actor: 'system' });
        await notify({ audience: 'candidate', template: 'onboarded', key: 'onboarded', params: { jobTitle: currentJob.title, link: links?.resultLink } });
      }
    }
  } catch (err) {
    if (!(err instanceof Withdrawn)) throw err;
    await closeWithdrawn();
  }
  await condition(allHandlersFinished);
  return status();
}
