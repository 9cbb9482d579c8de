// The supervisor's escalations in the web console after time passes: an application's acceptance
// deadline runs out on the time-skipping server (the API and a worker of every workflow beside it,
// the console built from this app's OpenAPI document and served at /), the supervisor sees the
// escalation in 督办预警 and urges the case from there; the case page shows the overdue clock.
// Also here (the test reaches the database): an enterprise reads a policy-match notification in
// 我的消息 and goes from it to the item's filing form.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build';
import { bearer, TEST_PASSWORD } from '../support/app';
import { startApiWithWorker, type ApiWithWorker } from '../support/api-with-worker';
import { launchBrowser, screenshot, signIn, submitUntilAnswered } from '../support/browser';
import { eventually } from '../support/eventually';
import { guardServerClock, serverNow, skipPast } from '../support/time-skipping';

let s: ApiWithWorker;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'web-console-'));
  s = await startApiWithWorker('web-escalation', ['ent1', 'supervisor'], { webRoot });
  await ensureWebBuilt(JSON.stringify(s.t.app.swagger()), webRoot);
  base = `${await s.t.app.listen({ host: '127.0.0.1', port: 0 })}/`;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});
guardServerClock(() => s.env, { maxDaysAhead: 30 });

it('a supervisor sees the escalation of an overdue acceptance and urges the case', async () => {
  const filed = await s.t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { ...bearer(s.tokens.ent1!), 'idempotency-key': 'web-escalation-0001' },
    payload: { policyCode: 'M09', item: 'exhibition', facts: { exhibitionName: '超期展', boothFeeFen: 100_000, travelFen: 0, lodgingFen: 0, rateBps: 2000 }, documentIds: [] },
  });
  expect(filed.statusCode).toBe(201);
  const { caseId, deadline } = filed.json<{ caseId: string; deadline: string }>();
  await skipPast(s.env, deadline);
  // The API reads clocks at its own now: the same instant as the workflows' server.
  s.t.clock.now = new Date(await serverNow(s.env));
  await eventually(`an escalation of ${caseId}`, () => s.t.tdb.repos.escalations.listForCase(caseId), (rows) => rows.length > 0, { timeoutMs: 30_000 });

  const { page, problems } = await signIn(browser, base, 'supervisor', TEST_PASSWORD);
  const row = page.getByTestId('escalations').locator('tr', { hasText: caseId });
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('L1');
  await expect(row.textContent()).resolves.toContain('acceptance');
  await screenshot(page, '10-supervisor-escalations');

  await row.getByTestId('esc-urge').click();
  const urged = await submitUntilAnswered(page, {
    fill: () => page.locator('form[data-act=urge] textarea').first().fill('请尽快受理'),
    submit: page.getByTestId('act-urge'),
    request: (r) => r.method() === 'POST' && r.url().endsWith(`/cases/${caseId}/urge`),
  });
  expect(urged.status()).toBe(200);
  await page.locator('.ant-message').getByText('已办理').waitFor();
  await eventually('the urge audited', () => s.t.tdb.repos.audit.listForSubject('case', caseId), (rows) => rows.some((r) => r.action.includes('urge') && r.outcome === 'ok'), { timeoutMs: 20_000 });

  await page.goto(`${base}#/case/${caseId}`);
  const bar = page.getByTestId('clock-bar').filter({ hasText: 'acceptance' });
  await bar.waitFor();
  await expect(bar.textContent()).resolves.toContain('overdue');
  await screenshot(page, '11-case-overdue-clock');
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);

it('an enterprise reads a policy match in 我的消息, opens its filing form, and marks it read', async () => {
  const ent1 = (await s.t.tdb.repos.users.findByUsername('ent1'))!;
  await s.t.tdb.repos.notifications.enqueue({
    recipientId: ent1.id,
    kind: 'policy.match',
    title: '可申报：参加域外展会费用补贴 (M09)',
    body: '贵企业可能符合市工信局组织的域外展会费用补贴条件。',
    payload: { enterpriseId: ent1.enterpriseId, policyCode: 'M09', item: 'exhibition', estimatedAmountFen: 300_000 },
    dedupeKey: `web-test-match-${ent1.id}`,
    createdAt: new Date(),
  });
  const { page, problems } = await signIn(browser, base, 'ent1', TEST_PASSWORD);
  await page.getByText('我的消息').first().click();
  const item = page.getByTestId('notifications').locator('.ant-list-item', { hasText: '可申报：参加域外展会费用补贴' });
  await item.waitFor();
  await expect(item.textContent()).resolves.toContain('3,000.00');
  await screenshot(page, '12-enterprise-notifications');
  await item.getByTestId('notification-file').click();
  await page.locator('.ant-card-head-title', { hasText: '参加域外展会费用补贴' }).waitFor();
  await page.locator('#exhibitionName').waitFor();
  await page.goBack();
  await item.getByTestId('notification-read').click();
  await item.getByText('已读').waitFor();
  const stored = await s.t.tdb.repos.notifications.listForRecipient(ent1.id, { unreadOnly: true, limit: 10, offset: 0 });
  expect(stored.filter((n) => n.dedupeKey === `web-test-match-${ent1.id}`)).toEqual([]);
  expect(problems).toEqual([]);
  await page.context().close();
}, 120_000);
