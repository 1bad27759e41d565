// The candidate's interview page in a real browser: Debian's Chromium driven by playwright-core,
// against the API on 127.0.0.1 (port 0) with a real Temporal dev server and worker. A whole
// interview, resume after closing the page, English, declining AI scoring, expiry, bad links, and
// the printable result page (no AI judgement before HR's decision); HR's assessment view through the API.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../api/create-app';
import { createLogger } from '../common/logger';
import { CandidateStage } from '../common/types';
import type { CanonicalApplication } from '../common/types';
import { launchChromium, phonePage as newPhonePage } from './support/candidate-browser';
import { createHarness, type Harness } from './support/hub-harness';
import { makeApplication, PROMOTER_ANSWERS } from './support/fixtures';

let hub: Harness;
let server: Server;
let base: string;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  hub = await createHarness({
    server: 'dev',
    configure: (doc) => {
      // The rider's invitation expires quickly, for the expiry test.
      doc.tenants[0].jobs[1].interview.expiresAfter = '8s';
      doc.tenants[0].jobs[1].interview.reminderAfter = '4s';
    },
  });
  const app = createApp({ config: hub.config, store: hub.store, client: hub.client, db: hub.db, taskQueue: hub.taskQueue, logger: createLogger('page-test', 'silent') });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await hub?.shutdown();
});
afterEach(() => {
  // A CSP violation or script error on any page fails the test that caused it.
  expect(pageErrors).toEqual([]);
  pageErrors.length = 0;
});

/** A phone-sized page that records script errors and CSP violations. */
const phonePage = () => newPhonePage(browser, pageErrors);

/** Chinese, Japanese and Korean characters, and the full-width punctuation that comes with them. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

/** The candidate's links as the SMS carries them, pointed at this test's API. */
async function linksOf(app: CanonicalApplication) {
  const status = await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const local = (link: string | null) => base + new URL(link!).pathname;
  return { interview: local(status.interviewLink), result: local(status.resultLink), workflowId: status.workflowId };
}

async function invited(jobCode = 'RX-SH-PROMO-001') {
  const app = makeApplication({ jobCode });
  await hub.ingest(app);
  return { app, ...(await linksOf(app)) };
}

/** Waits until the visible question is the one the progress line names. */
const progressIs = (page: Page, text: string) => page.locator('#question:not([hidden]) #q-progress', { hasText: text }).waitFor();

async function answer(page: Page, text: string) {
  await page.locator('#answer').fill(text);
  await page.locator('#submit').click();
}

test('a whole interview on a phone: consent, questions one at a time with progress and counter, what happens next', async () => {
  const { app, interview, result, workflowId } = await invited();
  const page = await phonePage();
  const response = await page.goto(interview);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(new URL(page.url()).pathname).toMatch(/^\/i\/[^/]+$/); // the URL carries the token and nothing else

  const consent = page.locator('#consent');
  await consent.waitFor();
  await expect(consent.textContent()).resolves.toContain('演示零售 (Demo Retail)');
  await expect(consent.textContent()).resolves.toContain('人工审核');
  await expect(consent.textContent()).resolves.toContain('180 天');
  await page.locator('#agree').click();

  await page.locator('#question').waitFor();
  expect(await page.locator('#q-progress').textContent()).toBe('第 1 题，共 3 题');
  expect(await page.locator('#q-text').textContent()).toBe('在超市里顾客对新品不感兴趣时，你会怎么主动介绍？');
  // A bank question is not a follow-up: the 追问 tag is in the page but must not be seen.
  expect(await page.locator('#q-followup').isVisible()).toBe(false);
  await page.locator('#answer').fill('太长'.repeat(251));
  expect(await page.locator('#counter').textContent()).toBe('502 / 500 字');
  await page.locator('#submit').click();
  expect(await page.locator('#q-error').textContent()).toBe('回答超过了 500 字，请删减。');

  await answer(page, PROMOTER_ANSWERS.PASS[0]!);
  await progressIs(page, '第 2 题，共 3 题');
  expect(await page.locator('#counter').textContent()).toBe('0 / 500 字');
  expect(await page.locator('#q-followup').isVisible()).toBe(false);
  await answer(page, PROMOTER_ANSWERS.PASS[1]!);
  await progressIs(page, '第 3 题，共 3 题');
  await answer(page, PROMOTER_ANSWERS.PASS[2]!);

  await page.locator('#done').waitFor();
  expect(await page.locator('#done-next').textContent()).toContain('3 个工作日');
  await page.context().close();

  const review = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  expect(review.answeredQuestionIds).toEqual(['initiative', 'strangers', 'schedule']);

  // The result link while HR reviews: the candidate's own answers, and no AI score or judgement,
  // neither in the page nor in its JSON form.
  const printable = await phonePage();
  await printable.goto(result);
  await printable.locator('#report').waitFor();
  const inReview = (await printable.locator('#report').textContent()) ?? '';
  expect(await printable.locator('.facts td').first().textContent()).toBe('审核中');
  expect(inReview).toContain(PROMOTER_ANSWERS.PASS[1]);
  expect(inReview).toContain('审核结束前不显示任何评分或评价');
  for (const hidden of ['#scores', '#strengths', '#weaknesses', '#summary', '#scorer']) expect(await printable.locator(hidden).count()).toBe(0);
  expect(inReview).not.toMatch(/各项得分|优点|待提高|总结|关键词规则|\/100/);
  const json = await (await fetch(result, { headers: { Accept: 'application/json' } })).json();
  expect(json).toMatchObject({ resultCode: 'IN_REVIEW', result: '审核中' });
  expect(JSON.stringify(json)).not.toMatch(/PASS|score|strength|weakness|summary|dimension/i);

  // HR decides; the demo tenant shows feedback (the default): plain words, still no numbers.
  await fetch(`${base}/api/v1/candidates/${encodeURIComponent(workflowId)}/decision`, {
    method: 'POST',
    headers: { Authorization: 'Bearer dev-demo-api-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'approve', reviewer: 'hr.li@demo.example', tool: 'api', expectedStage: 'HR_REVIEW' }),
  });
  await hub.waitForStage(app, CandidateStage.ONBOARDING);
  await printable.reload();
  expect(await printable.locator('.facts td').first().textContent()).toBe('通过');
  const decided = (await printable.locator('#report').textContent()) ?? '';
  expect(decided).toContain('关键词规则评分（不是AI语言模型）');
  expect(await printable.locator('#strengths li').count()).toBeGreaterThan(0);
  expect(await printable.locator('#scores').count()).toBe(0);
  expect(await printable.locator('#summary').count()).toBe(0);
  expect(decided).toContain(PROMOTER_ANSWERS.PASS[1]);
  expect(await printable.locator('#print').isVisible()).toBe(true);
  await printable.emulateMedia({ media: 'print' });
  expect(await printable.locator('#print').isVisible()).toBe(false);

  // In English, the page's own words are English: the status label and every other label.
  await printable.emulateMedia({ media: 'screen' });
  await printable.goto(`${result}?lang=en`);
  expect(await printable.locator('.facts td').first().textContent()).toBe('Passed');
  const labels = await printable.locator('.facts th, .facts td, h2, h3, #report-notice, #scorer, #print').allTextContents();
  expect(labels.length).toBeGreaterThan(6);
  for (const label of labels) expect(label).not.toMatch(CJK);
  await printable.context().close();

  // HR reads the same assessment through the API.
  const hr = await fetch(`${base}/api/v1/candidates/${encodeURIComponent(workflowId)}/assessment`, { headers: { Authorization: 'Bearer dev-demo-api-key' } });
  expect(hr.status).toBe(200);
  expect(await hr.json()).toMatchObject({ round: 1, outcome: 'PASS', scorer: 'deterministic-rubric (not an LLM)', transcript: [{ questionId: 'initiative' }, { questionId: 'strangers' }, { questionId: 'schedule' }] });
});

test('closing the page and coming back resumes at the next question (in English)', async () => {
  const { interview } = await invited();
  const first = await phonePage();
  await first.goto(`${interview}?lang=en`);
  await first.locator('#consent').waitFor();
  await expect(first.locator('#consent').textContent()).resolves.toContain('ask for a person to review your answers instead');
  await first.locator('#agree').click();
  await first.locator('#question').waitFor();
  await first.locator('#answer').fill(PROMOTER_ANSWERS.PASS[0]!);
  await first.locator('#submit').click();
  await progressIs(first, 'Question 2 of 3');
  await first.locator('#answer').fill('一半的草稿');
  await first.context().close();

  const again = await phonePage();
  await again.goto(interview);
  await again.locator('#question').waitFor();
  expect(await again.locator('#q-progress').textContent()).toBe('第 2 题，共 3 题');
  expect(await again.locator('#status').textContent()).toBe('已恢复到你上次的进度。');
  expect(await again.locator('#q-text').textContent()).toBe('请讲一次你主动和陌生人沟通并成功的经历。');
  await again.locator('#lang-switch').click();
  await again.locator('#question').waitFor();
  expect(await again.locator('#q-progress').textContent()).toBe('Question 2 of 3');
  await again.context().close();
});

test('declining AI scoring is a real choice: the interview goes on, HR gets the transcript unscored', async () => {
  const { app, interview, workflowId } = await invited();
  const page = await phonePage();
  await page.goto(interview);
  await page.locator('#decline').click();
  for (const [i, text] of PROMOTER_ANSWERS.PASS.entries()) {
    await progressIs(page, `第 ${i + 1} 题，共 3 题`);
    await answer(page, text);
  }
  await page.locator('#done').waitFor();
  expect(await page.locator('#done-human').isVisible()).toBe(true);
  await page.context().close();
  const review = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  expect(review).toMatchObject({ aiScoringDeclined: true, outcome: null });
  const hr = await (await fetch(`${base}/api/v1/candidates/${encodeURIComponent(workflowId)}/assessment`, { headers: { Authorization: 'Bearer dev-demo-api-key' } })).json();
  expect(hr).toMatchObject({ aiScoringDeclined: true, outcome: null, score: null, dimensions: [], transcript: [{ answer: PROMOTER_ANSWERS.PASS[0] }, {}, {}] });
});

test('an expired invitation: the open page says so, and the link then shows a clear page', async () => {
  const { app, interview } = await invited('RX-SH-RIDER-001');
  const page = await phonePage();
  await page.goto(interview);
  await page.locator('#consent').waitFor();
  await hub.waitForStage(app, CandidateStage.INTERVIEW_EXPIRED, 30_000);
  await page.locator('#agree').click();
  await page.locator('#expired').waitFor();
  expect(await page.locator('#expired h2').textContent()).toBe('面试邀请已过期');
  const reload = await page.reload();
  expect(reload?.status()).toBe(410);
  expect(await page.locator('h1').textContent()).toBe('链接已过期');
  await page.context().close();
});

test('a forged link is a clear page, not an error dump', async () => {
  const page = await phonePage();
  const response = await page.goto(`${base}/i/not-a-real-token?lang=en`);
  expect(response?.status()).toBe(404);
  expect(await page.locator('h1').textContent()).toBe('This link is not valid');
  expect(await page.content()).not.toMatch(/Error:|at .*\.ts/);
  await page.context().close();
});
