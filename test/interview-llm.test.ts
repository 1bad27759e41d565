// The interview and its scoring end to end with an LLM: the candidate workflow, its interview
// session (child workflow) and the scoring activity against the OpenAI-compatible simulator, on a
// real Temporal dev server. Each LLM failure mode, redaction, thresholds, opt-out, follow-up
// questions and withdrawal (which cancels the session).
import { CandidateStage, InterviewOutcome } from '../common/types';
import { SCORING_PROMPT_VERSION } from '../connectors/llm/scoring-prompt';
import { interviewSessionId, withdrawSignal } from '../workflows/definitions';
import { FailureMode, startLlmSimulator, type LlmSimulator } from '../sandbox/llm/llm-simulator';
import { createHarness, type Harness } from './support/hub-harness';
import { eventually } from './support/eventually';
import { makeApplication } from './support/fixtures';

let hub: Harness;
let sim: LlmSimulator;

/** An answer of n characters: the simulator scores 1.5 points per character of the average answer. */
const answerOf = (n: number) => '我在超市做过促销工作，主动向顾客介绍产品并耐心解答问题，'.repeat(10).slice(0, n);
const answers = (n: number) => [answerOf(n), answerOf(n), answerOf(n)];

beforeAll(async () => {
  sim = await startLlmSimulator(0, { slowMs: 4000 });
  hub = await createHarness({
    server: 'dev',
    configure: (doc) => {
      doc.hub.llm = { baseUrl: sim.baseUrl, model: 'sim-interview-scorer', apiKey: 'test-llm-key', timeout: '1500ms', maxMalformedRetries: 1 };
      // Customer service asks an LLM-written follow-up after each answer.
      doc.tenants[0].jobs[2].interview.llmFollowUps = true;
    },
  });
});
afterAll(async () => {
  await hub?.shutdown();
  await sim?.close();
});
beforeEach(() => sim.reset());

async function interviewToReview(app = makeApplication(), given: readonly string[] = answers(60)) {
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, given);
  const status = await hub.waitForStage(app, CandidateStage.HR_REVIEW, 60_000);
  return { app, status };
}

test('names and phone numbers typed into answers never reach the LLM; model, rubric and prompt version are stored', async () => {
  const app = makeApplication({}, { name: '欧阳金丝雀', phoneE164: '+8613912345678' });
  const { status } = await interviewToReview(app, [
    '我是欧阳金丝雀，以前在超市主动给顾客介绍新品，大家都叫我金丝雀，效果很好的。',
    '有事可以打我电话13912345678，或者加微信号canary_bird88，我很乐意和陌生人沟通交流。',
    '周末可以全天工作，临时加班也能提前安排好时间，邮箱canary@example.com也可以联系。',
  ]);
  expect(status.outcome).not.toBeNull();
  const log = JSON.stringify(sim.requests);
  expect(sim.requests).toHaveLength(1);
  for (const secret of ['欧阳金丝雀', '金丝雀', '13912345678', '8613912345678', 'canary_bird88', 'canary@example.com']) expect(log).not.toContain(secret);
  expect(log).toContain('[姓名]');
  expect(log).toContain('[电话]');

  const stored = await hub.store.assessments.get('demo', status.workflowId);
  expect(stored).toMatchObject({ round: 1, scorer: 'llm', model: 'sim-interview-scorer', rubricVersion: 'promoter-v1', promptVersion: SCORING_PROMPT_VERSION, aiScoringDeclined: false });
  // The hub keeps what the candidate wrote; only the LLM saw it redacted.
  expect(stored!.transcript[0]!.answer).toContain('欧阳金丝雀');
  expect(JSON.stringify(status.assessment)).not.toContain('13912345678');
});

test('thresholds give each outcome through the LLM: PASS, BORDERLINE, FAIL, INSUFFICIENT_EVIDENCE', async () => {
  expect((await interviewToReview(undefined, answers(50))).status.outcome).toBe(InterviewOutcome.PASS);
  expect((await interviewToReview(undefined, answers(40))).status.outcome).toBe(InterviewOutcome.BORDERLINE);
  expect((await interviewToReview(undefined, answers(20))).status.outcome).toBe(InterviewOutcome.FAIL);
  const short = (await interviewToReview(undefined, ['好的', '可以', answerOf(60)])).status;
  expect(short.outcome).toBe(InterviewOutcome.INSUFFICIENT_EVIDENCE);
  expect(short.assessment?.reason).toBe('2 of 3 answers are shorter than 15 characters');
});

test('429 with Retry-After, then success: the activity retries after the time the endpoint asked for', async () => {
  sim.fail(FailureMode.RATE_LIMIT, 1, { retryAfterSeconds: 5 });
  const { status } = await interviewToReview();
  expect(status.outcome).toBe(InterviewOutcome.PASS);
  expect(sim.requests.map((r) => r.result)).toEqual(['429', 'ok']);
  // The activity's own backoff would retry after 2 s; Retry-After asked for 5.
  const gap = Date.parse(sim.requests[1]!.at) - Date.parse(sim.requests[0]!.at);
  expect(gap).toBeGreaterThanOrEqual(4900);
});

test('500, then success', async () => {
  sim.fail(FailureMode.SERVER_ERROR);
  const { status } = await interviewToReview();
  expect(status.outcome).toBe(InterviewOutcome.PASS);
  expect(sim.requests.map((r) => r.result)).toEqual(['500', 'ok']);
});

test('a slow answer times out and is retried', async () => {
  sim.fail(FailureMode.SLOW);
  const { status } = await interviewToReview();
  expect(status.outcome).toBe(InterviewOutcome.PASS);
  expect(sim.requests.map((r) => r.result)).toEqual(['slow', 'ok']);
});

test('malformed output, asked again within the bound, then INSUFFICIENT_EVIDENCE with the reason for HR', async () => {
  sim.fail(FailureMode.MALFORMED, 2);
  const { app, status } = await interviewToReview();
  expect(status.outcome).toBe(InterviewOutcome.INSUFFICIENT_EVIDENCE);
  expect(status.assessment?.reason).toMatch(/^malformed LLM output after 2 attempts: the reply is not valid JSON/);
  expect(sim.requests.map((r) => r.result)).toEqual(['malformed', 'malformed']);
  // HR and then the candidate are told just after the stage change, so wait for both messages.
  const sent = await eventually(() => hub.notifications(app), (ns) => ns.some((n) => n.template === 'result_pending'));
  expect(sent.find((n) => n.template === 'review_requested')?.params).toMatchObject({ outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE });
});

test('an LLM that refuses the key (a config error, not retried) sends the candidate to HR as INSUFFICIENT_EVIDENCE with the reason', async () => {
  sim.fail(FailureMode.UNAUTHORIZED);
  const { status } = await interviewToReview();
  expect(status.assessment).toMatchObject({ outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE, score: null, scorer: 'none', reason: 'the LLM endpoint refused the API key (401)' });
  expect(sim.requests.map((r) => r.result)).toEqual(['401']);
  expect(await hub.store.assessments.get('demo', status.workflowId)).toMatchObject({ outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE, report: { reason: 'the LLM endpoint refused the API key (401)' } });
});

test('a candidate who declines AI scoring is never sent to the LLM; HR gets the transcript unscored', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, answers(60), false);
  const status = await hub.waitForStage(app, CandidateStage.HR_REVIEW, 60_000);
  expect(status).toMatchObject({ aiScoringDeclined: true, outcome: null, assessment: null });
  expect(sim.requests).toHaveLength(0);
  const stored = await hub.store.assessments.get('demo', status.workflowId);
  expect(stored).toMatchObject({ aiScoringDeclined: true, outcome: null, report: null });
  expect(stored!.transcript.map((t) => t.questionId)).toEqual(['initiative', 'strangers', 'schedule']);
});

test('LLM follow-up questions: one extra step after each answer, kept in the transcript with time per answer', async () => {
  const app = makeApplication({ jobCode: 'RX-SH-CS-001' });
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const session = await hub.interview(app);
  let progress = await session.executeUpdate('startInterview', { args: [{ consentToAiScoring: true }] });
  const asked: string[] = [];
  while ((progress as any).nextQuestion) {
    const q = (progress as any).nextQuestion;
    asked.push(q.followUpOf ? `follow-up of ${q.followUpOf}` : q.id);
    progress = await session.executeUpdate('submitAnswer', { args: [{ questionId: q.id, answer: answerOf(60) }] });
  }
  expect(asked).toEqual(['complaint', 'follow-up of complaint', 'sorting', 'follow-up of sorting']);
  expect(progress).toMatchObject({ answered: 4, total: 4 });
  const final = await hub.waitForStage(app, CandidateStage.ONBOARDING, 60_000); // PASS is auto-approved for this job
  expect(final.questions.map((q) => q.id)).toEqual(['complaint', 'complaint-followup', 'sorting', 'sorting-followup']);
  const stored = await hub.store.assessments.get('demo', final.workflowId);
  expect(stored!.transcript[1]).toMatchObject({ questionId: 'complaint-followup', followUpOf: 'complaint', question: expect.stringContaining('能具体说说'), secondsTaken: expect.any(Number) });
  expect(sim.requests.map((r) => (r.responseFormat as any).json_schema.name)).toEqual(['follow_up_question', 'follow_up_question', 'interview_assessment']);
  hub.recordWorkflowHistory({ workflowId: session.workflowId }, 'interview-session-follow-ups');
});

test('withdrawal during the interview cancels the session', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const session = await hub.interview(app);
  expect(session.workflowId).toBe(interviewSessionId(hub.handle(app).workflowId, 1));
  await session.executeUpdate('startInterview', { args: [{ consentToAiScoring: true }] });
  await hub.waitForStage(app, CandidateStage.INTERVIEWING);
  await hub.handle(app).signal(withdrawSignal, { by: 'candidate', reason: 'found another job' });
  await hub.waitForStage(app, CandidateStage.WITHDRAWN);
  const description = await hub.client.workflow.getHandle(session.workflowId).describe();
  expect(description.status.name).toBe('CANCELLED');
  expect((await hub.client.workflow.getHandle(session.workflowId).query('getInterviewState')) as any).toMatchObject({ phase: 'cancelled' });
  hub.recordWorkflowHistory({ workflowId: session.workflowId }, 'interview-session-cancelled');
});

test('a session that fails for another reason (an operator terminated it) waits for HR; a retry invites to a new round', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const first = await hub.interview(app);
  await first.terminate('operator cleanup');
  const stuck = await hub.waitForStage(app, CandidateStage.NEEDS_ATTENTION);
  expect(stuck.attention).toMatchObject({ code: 'InterviewSessionFailed' });
  expect(await hub.decide(app, { action: 'retry', expectedStage: CandidateStage.NEEDS_ATTENTION })).toEqual({ stage: CandidateStage.INTERVIEW_INVITED });
  const second = await hub.interview(app);
  expect(second.workflowId).toBe(interviewSessionId(hub.handle(app).workflowId, 2));
  await hub.answerAll(app, answers(60));
  expect((await hub.waitForStage(app, CandidateStage.HR_REVIEW, 60_000)).interviewRound).toBe(2);
  const invitations = (await hub.notifications(app)).filter((n) => n.template === 'interview_invitation');
  expect(invitations).toHaveLength(2);
});
