// The candidate journey, stage by stage, on the time-skipping test server with the dev config.
// No test here lets time skip (deadline-timers.test.ts does, on a server of its own), so every
// candidate meets its timers exactly as a person would within seconds.
import { CandidateStage, HrAction, InterviewOutcome } from '../common/types';
import { createHarness, type Harness } from './support/hub-harness';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import { updateRejection } from './support/update-rejection';

let hub: Harness;

beforeAll(async () => {
  hub = await createHarness({ server: 'time-skipping' });
});
afterAll(async () => {
  await hub?.shutdown();
});

async function toReview(answers: readonly string[]) {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, answers);
  const status = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  return { app, status };
}

test('a pass is approved by HR, written to the EHR and ERP, and onboarded once the materials are verified', async () => {
  const { app, status } = await toReview(PROMOTER_ANSWERS.PASS);
  expect(status.outcome).toBe(InterviewOutcome.PASS);
  expect(status.interviewLink).toMatch(/^http:\/\/127\.0\.0\.1:3000\/i\//);
  expect(status.deadlines.reviewDueAt).not.toBeNull();

  expect(await hub.decide(app, { action: HrAction.APPROVE, expectedStage: CandidateStage.HR_REVIEW })).toEqual({ stage: CandidateStage.SYNCING });
  const onboarding = await hub.waitForStage(app, CandidateStage.ONBOARDING);
  expect(onboarding.deadlines.onboardingDueAt).not.toBeNull();
  expect(onboarding.destinations).toEqual([{ destinationId: 'ehr', event: 'review_passed', status: 'written' }]);

  await hub.handle(app).executeUpdate('verifyMaterials', { args: [{ verified: ['id_card', 'health_certificate', 'bank_card'], reviewer: 'hr.li@demo.example' }] });
  const done = await hub.waitForStage(app, CandidateStage.ONBOARDED);
  expect(done.destinations.map((d) => `${d.destinationId}:${d.event}:${d.status}`)).toEqual([
    'ehr:review_passed:written',
    'ehr:onboarded:written',
    'erp:onboarded:written',
  ]);

  const writes = await hub.store.destinationWrites.list({ tenantId: 'demo' });
  const mine = writes.filter((w) => w.externalId === `HB-demo-doumi-${app.applicationId}`);
  expect(mine.map((w) => `${w.destinationId}:${w.event}`).sort()).toEqual(['ehr:onboarded', 'ehr:review_passed', 'erp:onboarded']);
  expect(mine.find((w) => w.destinationId === 'erp')?.payload).toMatchObject({ jobCode: 'RX-SH-PROMO-001', hourlyWage: 25 });

  const row = await hub.store.candidates.get('demo', done.workflowId);
  expect(row).toMatchObject({ stage: CandidateStage.ONBOARDED, outcome: InterviewOutcome.PASS });
  const audit = await hub.store.audit.list('demo', done.workflowId);
  expect(audit.map((e) => e.stage)).toEqual([
    'INGESTED', 'INTERVIEW_INVITED', 'INTERVIEWING', 'SCORING', 'HR_REVIEW', 'SYNCING', 'ONBOARDING', 'SYNCING', 'ONBOARDED',
  ]);
  expect(audit.find((e) => e.type === 'review_passed')?.actor).toBe('api:hr.li@demo.example');
  expect(JSON.stringify(audit)).not.toContain('13800138000');
  const sent = (await hub.notifications(app)).map((n) => `${n.audience}:${n.template}`);
  expect(sent).toEqual(expect.arrayContaining(['candidate:interview_invitation', 'hr:review_requested', 'candidate:offer', 'candidate:onboarded']));
});

test('a borderline result tells the candidate to expect an answer, and HR approves it', async () => {
  const { app, status } = await toReview(PROMOTER_ANSWERS.BORDERLINE);
  expect(status.outcome).toBe(InterviewOutcome.BORDERLINE);
  expect((await hub.notifications(app)).map((n) => n.template)).toContain('result_pending');
  expect(await hub.decide(app, { action: HrAction.APPROVE })).toEqual({ stage: CandidateStage.SYNCING });
  await hub.waitForStage(app, CandidateStage.ONBOARDING);
});

test('a fail is rejected by HR (never by the AI alone) and the candidate is told', async () => {
  const { app, status } = await toReview(PROMOTER_ANSWERS.FAIL);
  expect(status.outcome).toBe(InterviewOutcome.FAIL);
  expect(await hub.decide(app, { action: HrAction.REJECT, reason: 'not a fit' })).toEqual({ stage: CandidateStage.REJECTED });
  expect(await hub.waitForStage(app, CandidateStage.REJECTED)).toMatchObject({ lastDecision: { action: 'reject', reviewer: 'hr.li@demo.example', tool: 'api' } });
  expect((await hub.notifications(app)).map((n) => n.template)).toContain('rejected');
});

test('answers too short to judge are INSUFFICIENT_EVIDENCE, and HR can ask for a new interview', async () => {
  const { app, status } = await toReview(PROMOTER_ANSWERS.INSUFFICIENT_EVIDENCE);
  expect(status.outcome).toBe(InterviewOutcome.INSUFFICIENT_EVIDENCE);
  expect(await hub.decide(app, { action: HrAction.REINTERVIEW })).toEqual({ stage: CandidateStage.INTERVIEW_INVITED });
  await hub.answerAll(app, PROMOTER_ANSWERS.PASS);
  expect((await hub.waitForStage(app, CandidateStage.HR_REVIEW)).outcome).toBe(InterviewOutcome.PASS);
  const invitations = (await hub.notifications(app)).filter((n) => n.template === 'interview_invitation');
  expect(invitations).toHaveLength(2);
});

test('a candidate outside the knock-out rules is rejected at prescreen without an interview', async () => {
  const app = makeApplication({}, { hasHealthCertificate: false, city: '北京市' });
  await hub.ingest(app);
  const final = await hub.waitForStage(app, CandidateStage.PRESCREEN_REJECTED);
  expect(final.prescreenReasons).toEqual(['city is not one of 上海', 'no health certificate']);
});

test('a candidate who declines AI scoring goes to HR review unscored', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, PROMOTER_ANSWERS.PASS, false);
  const status = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  expect(status).toMatchObject({ aiScoringDeclined: true, outcome: null, assessment: null });
});

test('the interview rejects an answer to the wrong question or one that is too long', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const h = await hub.interview(app);
  expect(h.workflowId).toBe(`${hub.handle(app).workflowId}:interview:1`);
  const answer = (questionId: string, text: string) => h.executeUpdate('submitAnswer', { args: [{ questionId, answer: text }] });
  expect(await updateRejection(answer('initiative', '还没开始'))).toMatchObject({ type: 'InterviewNotOpen' });
  await h.executeUpdate('startInterview', { args: [{ consentToAiScoring: true }] });
  expect(await updateRejection(answer('schedule', '跳过前面的问题'))).toEqual({ type: 'WrongQuestion', message: 'expected an answer to question "initiative", got "schedule"' });
  expect(await updateRejection(answer('initiative', '长'.repeat(501)))).toMatchObject({ type: 'AnswerTooLong' });
  expect(await updateRejection(answer('initiative', '   '))).toMatchObject({ type: 'EmptyAnswer' });
  // Closing the page and coming back resumes where the candidate left off.
  await h.executeUpdate('submitAnswer', { args: [{ questionId: 'initiative', answer: PROMOTER_ANSWERS.PASS[0] }] });
  const resumed = await h.executeUpdate('startInterview', { args: [{ consentToAiScoring: true }] });
  expect(resumed).toMatchObject({ answered: 1, total: 3, nextQuestion: { id: 'strangers' } });
});
