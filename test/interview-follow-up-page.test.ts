// The interview page with LLM follow-up questions, in a real browser (Chromium via playwright-core):
// the 追问 tag is seen on a follow-up question and not on a bank question. Its own hub, because
// follow-ups need an LLM (the OpenAI-compatible simulator), which interview-page.test.ts must not have.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../api/create-app';
import { createLogger } from '../common/logger';
import { CandidateStage } from '../common/types';
import { startLlmSimulator, type LlmSimulator } from '../sandbox/llm/llm-simulator';
import { launchChromium, phonePage } from './support/candidate-browser';
import { makeApplication } from './support/fixtures';
import { createHarness, type Harness } from './support/hub-harness';

let hub: Harness;
let sim: LlmSimulator;
let server: Server;
let base: string;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  sim = await startLlmSimulator(0);
  hub = await createHarness({
    server: 'time-skipping',
    configure: (doc) => {
      doc.hub.llm = { baseUrl: sim.baseUrl, model: 'sim-interview-scorer', apiKey: 'test-llm-key', timeout: '5s', maxMalformedRetries: 1 };
      // Customer service asks an LLM-written follow-up after each of its two questions.
      doc.tenants[0].jobs[2].interview.llmFollowUps = true;
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
  await sim?.close();
});

const ANSWER = '有一次顾客投诉快递晚到，我先道歉并耐心倾听，理解她的着急，然后马上联系站点查明原因，当天就解决了问题。';

/** Waits until the visible question is the one the progress line names. */
const progressIs = (page: Page, text: string) => page.locator('#question:not([hidden]) #q-progress', { hasText: text }).waitFor();

async function answer(page: Page, text: string) {
  await page.locator('#answer').fill(text);
  await page.locator('#submit').click();
}

test('the 追问 tag is visible on a follow-up question, and not on a bank question', async () => {
  const app = makeApplication({ jobCode: 'RX-SH-CS-001' });
  await hub.ingest(app);
  const status = await hub.waitForStage(app, CandidateStage.INTERVIEW_INVITED);
  const page = await phonePage(browser, pageErrors);
  await page.goto(base + new URL(status.interviewLink!).pathname);
  await page.locator('#agree').click();

  const tag = page.locator('#q-followup');
  await progressIs(page, '第 1 题，共 2 题');
  expect(await page.locator('#q-text').textContent()).toBe('请描述一次你解决客户投诉的经历');
  expect(await tag.isVisible()).toBe(false);

  await answer(page, ANSWER);
  await progressIs(page, '第 2 题，共 3 题'); // the follow-up adds a step
  expect(await tag.isVisible()).toBe(true);
  expect(await tag.textContent()).toBe('追问');
  expect(await page.locator('#q-text').textContent()).toContain('能具体说说');

  await answer(page, ANSWER);
  await progressIs(page, '第 3 题，共 3 题'); // until its own follow-up is written
  expect(await page.locator('#q-text').textContent()).toBe('如何在1小时内完成10单商品分拣');
  expect(await tag.isVisible()).toBe(false); // hidden again on the next bank question
  await page.context().close();
  expect(pageErrors).toEqual([]);
});
