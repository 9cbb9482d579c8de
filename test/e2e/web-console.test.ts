// The web console (issue 14) in a real browser against the embedded stack (`npm start`: Temporal
// dev server, PGlite, the console built and served at /): an enterprise files an application
// and sees its quote, the reviewer finds it in the inbox and accepts it, a refused act shows the
// server's message, an agent advances a 代办 item, an auditor reads the timeline and replays the
// case, a supervisor reads the reports. Each step leaves a screenshot in test-results/web/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { eventually } from '../support/eventually';
import { freePort, spawnProcess, type Spawned } from '../support/processes';
import { choose, launchBrowser, screenshot, signIn, submitUntilAnswered } from '../support/browser';

const ROOT = path.resolve(__dirname, '..', '..');
const PASSWORD = 'web-e2e-password-123';
let stack: Spawned;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'liaoyuan-web-')),
    PORT: String(ports.api),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  stack = spawnProcess(process.execPath, ['--import', 'tsx', 'scripts/start-embedded.ts'], env, ROOT);
  await stack.waitFor('Press Ctrl-C to stop.', 180_000);
  base = `http://127.0.0.1:${ports.api}/`;
  expect(stack.output()).toContain(`Web console     ${base}`);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (stack) {
    stack.child.kill('SIGINT');
    await stack.exited;
  }
}, 60_000);

/** The API as a test's own setup steps use it (the browser does the steps under test). */
async function call<T>(user: string, method: string, route: string, body?: object): Promise<T> {
  const login = await fetch(`${base}api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${base}api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${route} as ${user}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const exhibition = `东北亚博览会 ${Date.now()}`;
let caseId: string;

it('serves the console at / under the API’s CSP (scripts from self only)', async () => {
  const res = await fetch(base);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await res.text();
  expect(html).toMatch(/<script type="module" src="\/assets\/main-[A-Z0-9]+\.js"><\/script>/);
  expect(html).not.toMatch(/<script>/);
  // The API is where it was: unknown API paths are still JSON 404s.
  const missing = await fetch(`${base}api/v1/no-such-route`);
  expect(missing.status).toBe(404);
  expect(((await missing.json()) as { code: string }).code).toBeDefined();
});

it('an enterprise signs in, files an application from the item’s form and sees its quote', async () => {
  const { page, problems } = await signIn(browser, base, 'ent1', PASSWORD);
  await page.getByText('申报事项').first().click();
  await choose(page, '[data-testid=policy-select]', 'M09');
  await choose(page, '[data-testid=item-select]', '参加域外展会费用补贴');
  await page.locator('#exhibitionName').fill(exhibition);
  await page.locator('#boothFeeFen').fill('600000');
  await page.locator('#travelFen').fill('300000');
  await page.locator('#lodgingFen').fill('100000');
  await page.locator('#rateBps').fill('3000');
  // The live quote: 30% of 10,000 yuan, the calculator's breakdown line beside it.
  await page.getByTestId('quote-amount').filter({ hasText: '3,000.00' }).waitFor();
  await page.getByTestId('quote').locator('td', { hasText: '3,000.00' }).waitFor();
  await page.getByTestId('quote').getByText('符合条件').waitFor();
  await screenshot(page, '01-enterprise-file-application-quote');
  await page.getByTestId('file-submit').click();
  const title = await page.locator('.ant-result-title').textContent();
  caseId = /SB-\d{4}-\d{6}/.exec(title ?? '')?.[0] ?? '';
  expect(caseId).toMatch(/^SB-\d{4}-\d{6}$/);
  await screenshot(page, '02-enterprise-filed');
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);

it('the reviewer finds it in 我的待办 with its SLA badge and accepts it on the case page', async () => {
  const { page, problems } = await signIn(browser, base, 'gxj.reviewer', PASSWORD);
  const row = page.getByTestId('inbox-table').locator('tr', { hasText: caseId });
  await row.waitFor();
  await expect(row.locator('[data-sla]').first().getAttribute('data-sla')).resolves.toBe('on_time');
  await expect(row.textContent()).resolves.toContain('受理');
  await screenshot(page, '03-reviewer-inbox');
  await row.click();
  await page.getByTestId('case-page').waitFor();
  await page.getByTestId('clock-bar').first().waitFor();
  await page.getByTestId('act-panel-accept').click();
  const accepted = await submitUntilAnswered(page, {
    fill: () => page.locator('form[data-act=accept] textarea').fill('材料齐全，予以受理'),
    submit: page.getByTestId('act-accept'),
    request: (r) => r.method() === 'POST' && r.url().endsWith('/accept'),
  });
  expect(accepted.status()).toBe(200);
  await eventually('the case accepted', async () => page.getByTestId('case-status').getAttribute('data-status'), (s) => s === 'under_review', { timeoutMs: 20_000 });
  await expect(page.getByTestId('case-status').textContent()).resolves.toBe('审核中');
  await page.getByTestId('timeline').getByText('受理', { exact: false }).first().waitFor();
  await screenshot(page, '04-reviewer-case-accepted');
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);

it('a refused act shows the server’s message under the act', async () => {
  const { page } = await signIn(browser, base, 'supervisor', PASSWORD);
  await page.goto(`${base}#/case/${caseId}`);
  await page.getByTestId('act-panel-release').click();
  const refusal = await submitUntilAnswered(page, {
    fill: () => page.locator('form[data-act=release] textarea').fill('恢复计时'),
    submit: page.getByTestId('act-release'),
    request: (r) => r.method() === 'POST' && r.url().endsWith(`/cases/${caseId}/release`),
  });
  expect(refusal.status()).toBe(409);
  const alert = page.getByTestId('act-error');
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain('409 STATE_CONFLICT');
  await expect(alert.textContent()).resolves.toContain(`Case ${caseId} is not on hold.`);
  await screenshot(page, '05-refused-act-message');

  // A 400: the server's issue under the field it concerns (the same words the API answers).
  const expected = await fetch(`${base}api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: PASSWORD }) })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then(({ token }) => fetch(`${base}api/v1/cases/${caseId}/reassign`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ assigneeId: 'nobody', reason: '换人' }) }))
    .then(async (r) => ({ status: r.status, body: (await r.json()) as { issues: Array<{ path: string; message: string }> } }));
  expect(expected.status).toBe(400);
  const issue = expected.body.issues.find((i) => i.path.endsWith('assigneeId'));
  expect(issue).toBeDefined();
  await page.getByTestId('act-panel-reassign').click();
  const reassign = page.locator('form[data-act=reassign]');
  const answer = await submitUntilAnswered(page, {
    fill: async () => {
      await reassign.locator('#assigneeId').fill('nobody');
      await reassign.locator('textarea').fill('换人');
    },
    submit: page.getByTestId('act-reassign'),
    request: (r) => r.method() === 'POST' && r.url().endsWith(`/cases/${caseId}/reassign`),
  });
  expect(answer.status()).toBe(400);
  const fieldError = reassign.locator('.ant-form-item-explain-error').filter({ hasText: issue!.message });
  await fieldError.waitFor();
  await screenshot(page, '05b-refused-act-field-message');
  await page.context().close();
}, 120_000);

it('an agent sees the 代办 case on the board and advances its item (submit to the authority)', async () => {
  const filed = await call<{ caseId: string }>('ent1', 'POST', '/proxy-cases', {
    projectName: '新能源装备产业园',
    projectType: '工业厂房',
    location: '辽源经济开发区',
    investmentFen: 5_000_000_000,
    channel: 'standard',
    stages: ['planning_permit'],
    contact: { name: '张三', phone: '138 0437 0000' },
  });
  const agent = await call<{ id: string }>('agent1', 'GET', '/me');
  await eventually('the assignment clock', () => call<{ actsAvailable: string[] }>('gxj.head', 'GET', `/proxy-cases/${filed.caseId}`), (v) => v.actsAvailable.includes('assign'), { timeoutMs: 30_000 });
  await call('gxj.head', 'POST', `/proxy-cases/${filed.caseId}/assign`, { agentId: agent.id });
  await call('ent1', 'POST', `/proxy-cases/${filed.caseId}/entrust`, { scope: '规划许可的材料准备和申报' });

  const { page, problems } = await signIn(browser, base, 'agent1', PASSWORD);
  const row = page.getByTestId('agent-cases').locator('tr', { hasText: filed.caseId });
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('代办员');
  await screenshot(page, '06-agent-board');
  await row.click();
  await page.getByTestId('act-panel-submit').click();
  const form = page.locator('form[data-act=submit]');
  const submitted = await submitUntilAnswered(page, {
    fill: async () => {
      await choose(page, 'form[data-act=submit] #item', 'planning_licence');
      await choose(page, 'form[data-act=submit] #authority', 'ZRZYJ');
      await form.locator('#reference').fill('ZRZY-2026-0001');
    },
    submit: page.getByTestId('act-submit'),
    request: (r) => r.method() === 'POST' && r.url().endsWith(`/proxy-cases/${filed.caseId}/submit`),
  });
  expect(submitted.status()).toBe(200);
  await eventually('the item submitted', () => page.getByTestId('proxy-item-planning_licence').getAttribute('data-status'), (s) => s === 'submitted', { timeoutMs: 20_000 });
  await expect(page.getByTestId('waiting-on').textContent()).resolves.toBe('authority');
  await screenshot(page, '07-agent-item-submitted');
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);

it('an auditor opens the case’s timeline, replays it and verifies the audit chain', async () => {
  const { page, problems } = await signIn(browser, base, 'auditor', PASSWORD);
  await page.getByTestId('audit-cases').locator('tr', { hasText: caseId }).click();
  await page.getByTestId('timeline').getByText('受理', { exact: false }).first().waitFor();
  await page.getByTestId('replay').click();
  await page.getByTestId('replay-result').getByText('可重现').waitFor();
  await page.getByTestId('verify-chain').click();
  await page.getByTestId('verify-result').getByText('OK').waitFor();
  await screenshot(page, '08-auditor-timeline-replay');
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);

it('a supervisor reads the reports as charts with their numbers, and switches to English', async () => {
  const { page, problems } = await signIn(browser, base, 'supervisor', PASSWORD);
  await page.goto(`${base}#/reports`);
  await page.getByTestId('chart-departments').locator('canvas').waitFor();
  await page.getByText('GXJ').first().waitFor();
  await screenshot(page, '09-supervisor-reports');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('On-time rate').first().waitFor();
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);
