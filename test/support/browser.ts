// The machine's Chromium (Debian's `chromium` package; .ci/run installs it with fonts-noto-cjk)
// driven by playwright-core: Playwright's own browser download does not work on these machines.
// CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to test-results/web/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page, type Request, type Response } from 'playwright-core';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-results', 'web');

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface ConsolePage {
  page: Page;
  /** Script errors and failed requests the page saw (a test may expect none). */
  problems: string[];
}

/** A fresh browser context (its own session storage) signed in as `username`. */
export async function signIn(browser: Browser, base: string, username: string, password: string): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(base);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('whoami').waitFor();
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
/** An open list whose entering motion (antd's slide-up) has ended: it no longer moves under the pointer. */
const SETTLED_DROPDOWN = `${OPEN_DROPDOWN}:not([class*="-enter"]):not([class*="-appear"])`;

/**
 * Picks an option of the antd Select holding `trigger` by its visible text, and returns once the
 * Select shows it and its list has closed. Under CPU load a click on an option can select nothing
 * (seen in CI and reproduced with two busy cores: the list stayed open with the Select empty), so the
 * choice is checked and, when it did not take, made again (at most three times, each miss logged).
 */
export async function choose(page: Page, trigger: string, option: string | RegExp): Promise<void> {
  const select = page.locator(trigger).locator('xpath=ancestor-or-self::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    if ((await page.locator(OPEN_DROPDOWN).count()) === 0) await page.locator(trigger).click();
    const list = page.locator(SETTLED_DROPDOWN).last();
    await list.locator('.ant-select-item-option').filter({ hasText: option }).last().click();
    try {
      await select.locator('.ant-select-content', { hasText: option }).waitFor({ timeout: 3_000 });
      // 'detached': no open list matches any more (antd marks a closed one -hidden).
      await page.locator(OPEN_DROPDOWN).first().waitFor({ state: 'detached', timeout: 5_000 });
      return;
    } catch (err) {
      const shown = (await select.locator('.ant-select-content').textContent()) ?? '';
      const open = await page.locator(OPEN_DROPDOWN).count();
      console.warn(`choose ${trigger} → ${String(option)}: attempt ${attempt} did not take (the Select shows "${shown}", ${open} list(s) open)`);
      if (attempt >= 3) throw err;
      if (open > 0 && shown !== '') await page.keyboard.press('Escape');
    }
  }
}

/**
 * Fills a form and submits it until its request goes out, up to three times, and returns the
 * answer to it. Only a click that sent nothing is repeated (logged with what the form shows), so
 * an act is never sent twice; the test still asserts what the server said and what the page shows
 * of it. Such clicks were seen before `choose` checked its choice (web/README.md).
 */
export async function submitUntilAnswered(page: Page, o: { fill: () => Promise<void>; submit: Locator; request: (r: Request) => boolean }): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    await o.fill();
    const sent = page.waitForRequest(o.request, { timeout: 8_000 });
    sent.catch(() => undefined); // awaited below; a click that throws must not leave it unhandled
    await o.submit.click();
    let request: Request;
    try {
      request = await sent;
    } catch (err) {
      // What the form says (a required field left empty keeps antd from sending anything).
      const said = await page.locator('.ant-form-item-explain-error').allTextContents();
      console.warn(`submit: attempt ${attempt} sent no request in 8 s; the form shows ${JSON.stringify(said)}`);
      if (attempt >= 3) throw err;
      continue;
    }
    const response = await request.response();
    if (!response) throw new Error(`${request.method()} ${request.url()} got no answer`);
    return response;
  }
}
