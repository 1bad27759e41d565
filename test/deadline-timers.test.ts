// Deadlines and reminders at their real lengths (72 h interview expiry, 3 working days for HR
// review and onboarding), on the time-skipping test server: time moves only when a test sleeps,
// so each test can look just before and just after every timer.
import { SA } from '../common/search-attributes';
import { CandidateStage, HrAction } from '../common/types';
import { createHarness, type Harness } from './support/hub-harness';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';
import type { CanonicalApplication } from '../common/types';
import { eventually } from './support/eventually';

const HOUR = 3_600_000;
let hub: Harness;

beforeAll(async () => {
  hub = await createHarness({ server: 'time-skipping' });
});
afterAll(async () => {
  await hub?.shutdown();
});

/** Moves the server's clock to `atMs` (if it is ahead), then lets the woken workflow act. */
async function sleepUntil(atMs: number): Promise<void> {
  const now = await hub.env.currentTimeMs();
  if (atMs > now) await hub.env.sleep(atMs - now);
}

async function sent(app: CanonicalApplication): Promise<string[]> {
  return (await hub.notifications(app)).map((n) => `${n.audience}:${n.template}`);
}

const endOfBeijingDay = (iso: string) => new Date(iso).getUTCHours() === 16 && new Date(iso).getUTCMinutes() === 0;

test('an unopened invitation is reminded at 24 h and expires at 72 h', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  const invited = await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const reminderAt = Date.parse(invited.deadlines.interviewReminderAt!);
  const expiresAt = Date.parse(invited.deadlines.interviewExpiresAt!);
  expect(expiresAt - reminderAt).toBe(48 * HOUR);

  await sleepUntil(reminderAt - 60_000);
  expect(await sent(app)).toEqual(['candidate:interview_invitation']);
  await sleepUntil(reminderAt + 1000);
  expect(await eventually(() => sent(app), (s) => s.length === 2)).toEqual(['candidate:interview_invitation', 'candidate:interview_reminder']);

  await sleepUntil(expiresAt - 60_000);
  expect((await hub.status(app)).stage).toBe(CandidateStage.INTERVIEW_INVITED);
  await sleepUntil(expiresAt + 1000);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_EXPIRED);
  expect(await sent(app)).toEqual(['candidate:interview_invitation', 'candidate:interview_reminder', 'candidate:interview_expired']);
  await hub.recordHistory(app, 'interview-expired');
  hub.recordWorkflowHistory({ workflowId: invited.interviewWorkflowId! }, 'interview-session-expired');
});

test('a borderline result waiting for HR is reminded a day before the 3-working-day deadline, then escalated', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, PROMOTER_ANSWERS.BORDERLINE);
  const review = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  const dueAt = Date.parse(review.deadlines.reviewDueAt!);
  expect(endOfBeijingDay(review.deadlines.reviewDueAt!)).toBe(true);
  expect(dueAt - (await hub.env.currentTimeMs())).toBeGreaterThan(3 * 24 * HOUR - 24 * HOUR); // at least 3 working days, less today

  await sleepUntil(dueAt - 24 * HOUR - 60_000);
  expect(await sent(app)).not.toContain('hr:review_reminder');
  await sleepUntil(dueAt - 24 * HOUR + 1000);
  expect(await eventually(() => sent(app), (s) => s.includes('hr:review_reminder'))).toContain('hr:review_reminder');
  await sleepUntil(dueAt + 1000);
  expect(await eventually(() => sent(app), (s) => s.includes('hr_escalation:review_overdue'))).toContain('hr_escalation:review_overdue');

  // Escalation does not decide: the candidate still waits for a person.
  expect((await hub.status(app)).stage).toBe(CandidateStage.HR_REVIEW);
  expect(await hub.decide(app, { action: HrAction.APPROVE })).toEqual({ stage: CandidateStage.SYNCING });
});

test('onboarding: reminders to candidate and HR 48 h and 24 h before the deadline, overdue at it, and an HR extension', async () => {
  const app = makeApplication();
  await hub.ingest(app);
  await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  await hub.answerAll(app, PROMOTER_ANSWERS.PASS);
  await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  await hub.decide(app, { action: HrAction.APPROVE });
  const onboarding = await hub.waitForStage(app, CandidateStage.ONBOARDING);
  const dueAt = Date.parse(onboarding.deadlines.onboardingDueAt!);
  expect(endOfBeijingDay(onboarding.deadlines.onboardingDueAt!)).toBe(true);
  const visible = await hub.handle(app).describe();
  expect(visible.typedSearchAttributes.get(SA.OnboardingDeadline)).toEqual(new Date(dueAt));

  await hub.handle(app).executeUpdate('verifyMaterials', { args: [{ verified: ['id_card'], reviewer: 'hr.li@demo.example' }] });

  const reminders = (s: string[]) => s.filter((x) => x.endsWith('onboarding_reminder'));
  await sleepUntil(dueAt - 48 * HOUR - 60_000);
  expect(reminders(await sent(app))).toEqual([]);
  await sleepUntil(dueAt - 48 * HOUR + 1000);
  expect(reminders(await eventually(() => sent(app), (s) => reminders(s).length === 2))).toEqual(['candidate:onboarding_reminder', 'hr:onboarding_reminder']);
  await sleepUntil(dueAt - 24 * HOUR + 1000);
  expect(reminders(await eventually(() => sent(app), (s) => reminders(s).length === 4))).toHaveLength(4);
  const reminderRows = (await hub.notifications(app)).filter((n) => n.template === 'onboarding_reminder' && n.audience === 'candidate');
  expect(reminderRows[1]!.params).toMatchObject({ missing: ['health_certificate', 'bank_card'] });

  await sleepUntil(dueAt + 1000);
  const overdue = await hub.waitForStage(app, CandidateStage.ONBOARDING_OVERDUE);
  expect(overdue.materialsReceived).toEqual(['id_card']);
  expect(await eventually(() => sent(app), (s) => s.includes('hr_escalation:onboarding_overdue'))).toContain('hr_escalation:onboarding_overdue');

  expect(await hub.decide(app, { action: HrAction.EXTEND, extendBy: 2 })).toEqual({ stage: CandidateStage.ONBOARDING });
  const extended = await hub.status(app);
  expect(Date.parse(extended.deadlines.onboardingDueAt!)).toBeGreaterThan(dueAt);
  await hub.handle(app).executeUpdate('verifyMaterials', { args: [{ verified: ['health_certificate', 'bank_card'], reviewer: 'hr.li@demo.example' }] });
  await hub.waitForStage(app, CandidateStage.ONBOARDED);
  await hub.recordHistory(app, 'onboarding-overdue-extended');
});
