// A real browser for the candidate's pages: Debian's Chromium driven by playwright-core (the
// browsers npx playwright would download cannot be fetched here), with phone-sized pages that
// record script errors and Content-Security-Policy violations so a test can fail on them.
import { chromium, type Browser, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A phone-sized page; its script errors and console errors (other than 4xx answers) go into `errors`. */
export async function phonePage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  return page;
}
