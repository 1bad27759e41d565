// The candidate's interview page in a real browser: Debian's Chromium driven by playwright-core,
// against the API on 127.0.0.1 (port 0) with a real Temporal dev server and worker. A whole
// interview, resume after closing the page, English, declining AI scoring, expiry, bad links, and
// the printable report under the result link; HR's assessment view through the API.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../api/create-app';
import { createLogger } from '../common/logger';
import { CandidateStage } from '../common/types';
import type { CanonicalApplication } from '../common/types';
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
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
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
async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) pageErrors.push(msg.text());
  });
  return page;
}

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
  await page.locator('#answer').fill('太长'.repeat(251));
  expect(await page.locator('#counter').textContent()).toBe('502 / 500 字');
  await page.locator('#submit').click();
  expect(await page.locator('#q-error').textContent()).toBe('回答超过了 500 字，请删减。');

  await answer(page, PROMOTER_ANSWERS.PASS[0]!);
  await progressIs(page, '第 2 题，共 3 题');
  expect(await page.locator('#counter').textContent()).toBe('0 / 500 字');
  await answer(page, PROMOTER_ANSWERS.PASS[1]!);
  await progressIs(page, '第 3 题，共 3 题');
  await answer(page, PROMOTER_ANSWERS.PASS[2]!);

  await page.locator('#done').waitFor();
  expect(await page.locator('#done-next').textContent()).toContain('3 个工作日');
  await page.context().close();

  const review = await hub.waitForStage(app, CandidateStage.HR_REVIEW);
  expect(review.answeredQuestionIds).toEqual(['initiative', 'strangers', 'schedule']);

  // The result link: a print-friendly page with the assessment report.
  const printable = await phonePage();
  await printable.goto(result);
  await printable.locator('#report').waitFor();
  const report = (await printable.locator('#report').textContent()) ?? '';
  expect(report).toContain('关键词规则评分（不是AI语言模型）');
  expect(report).toContain(PROMOTER_ANSWERS.PASS[1]);
  expect(await printable.locator('#print').isVisible()).toBe(true);
  await printable.emulateMedia({ media: 'print' });
  expect(await printable.locator('#print').isVisible()).toBe(false);
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
