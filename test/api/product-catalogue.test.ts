// The recommended products catalogue (measure 10) through the API: approved M10 listings read by
// a buyer account with the information-only notice on every answer, withdrawal by the
// enterprise or by GXJ with a reason (audited), expiry after the configured period, the push of
// a new listing to the buyers subscribed to its category, and the public endpoint when configured.
import { createActivities } from '../../activities';
import { CATALOGUE_NOTICE_ZH } from '../../domain/product-catalogue';
import { buildApp } from '../../api/app';
import { bearer, createTestApi, TEST_JWT_SECRET, type TestApi } from '../support/app';

let t: TestApi;
let buyer: string;
let ent1: string;
let ent1Id: string;
const APPROVED_AT = new Date('2026-03-02T02:00:00Z');

/** An approved M10 case as the application workflow projects it. */
async function approvedListing(caseId: string, enterpriseId: string, productName: string, productCategory: string, status = 'approved', approvedAt = APPROVED_AT) {
  const activities = createActivities({ repos: t.tdb.repos, now: () => t.clock.now });
  await activities.projectCase({
    caseId,
    caseType: 'application',
    workflowId: `application-${caseId}`,
    status,
    title: `推荐目录 · ${productName}`,
    departmentCode: 'GXJ',
    assigneeId: null,
    enterpriseId,
    policyCode: 'M10',
    catalogueVersion: 1,
    slaState: 'stopped',
    deadlineAt: null,
    deadlineProvisional: false,
    view: { state: { facts: { productName, productCategory, producedInLiaoyuan: true, certifications: ['ISO 9001'] } } },
    projectionVersion: 3,
    openedAt: '2026-02-01T02:00:00.000Z',
    closedAt: approvedAt.toISOString(),
    updatedAt: approvedAt.toISOString(),
  });
}

beforeAll(async () => {
  t = await createTestApi();
  t.clock.now = new Date('2026-03-10T02:00:00Z');
  [buyer, ent1] = await Promise.all([t.login('buyer1'), t.login('ent1')]);
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))?.enterpriseId ?? '';
  await approvedListing('SB-2026-000101', ent1Id, '离心泵 LY-200', '通用设备');
  await approvedListing('SB-2026-000102', ent1Id, '减速机 JS-50', '传动部件');
  // Not approved: no listing.
  await approvedListing('SB-2026-000103', ent1Id, '未批准产品', '通用设备', 'under_review');
});
afterAll(async () => t?.close());

const catalogue = (token: string, query = '') => t.app.inject({ method: 'GET', url: `/api/v1/product-catalogue${query}`, headers: bearer(token) });

it('a buyer reads the approved listings, with the information-only notice', async () => {
  const res = await catalogue(buyer);
  expect(res.statusCode).toBe(200);
  expect(res.json().notice.zh).toBe(CATALOGUE_NOTICE_ZH);
  expect(res.json().items.map((i: { productName: string; state: string }) => [i.productName, i.state])).toEqual([
    ['离心泵 LY-200', 'listed'],
    ['减速机 JS-50', 'listed'],
  ]);
  expect((await catalogue(buyer, '?category=传动部件')).json().items).toEqual([expect.objectContaining({ productName: '减速机 JS-50', certifications: ['ISO 9001'] })]);
});

it('the subscribed buyer was pushed the new listing of its category, once', async () => {
  const me = await t.tdb.repos.users.findByUsername('buyer1');
  const pushed = await t.tdb.db.prisma.notification.findMany({ where: { recipientId: me?.id ?? '' } });
  // Demo buyer1 subscribes to 通用设备 only; the projection ran once more below and adds nothing.
  await approvedListing('SB-2026-000101', ent1Id, '离心泵 LY-200', '通用设备');
  expect(pushed.map((n) => n.dedupeKey)).toEqual([`listing:SB-2026-000101:${me?.id}`]);
  expect(pushed[0]?.body).toContain(CATALOGUE_NOTICE_ZH);
  expect(await t.tdb.db.prisma.notification.count({ where: { recipientId: me?.id ?? '' } })).toBe(1);
  const notes = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer(buyer) });
  expect(notes.statusCode).toBe(200);
});

it('a buyer sets its categories; every answer carries the notice', async () => {
  const res = await t.app.inject({ method: 'PUT', url: '/api/v1/product-catalogue/subscriptions', headers: bearer(buyer), payload: { categories: ['传动部件', '通用设备', '传动部件'] } });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ notice: expect.objectContaining({ zh: CATALOGUE_NOTICE_ZH }), categories: ['传动部件', '通用设备'] });
  const got = await t.app.inject({ method: 'GET', url: '/api/v1/product-catalogue/subscriptions', headers: bearer(buyer) });
  expect(got.json().notice.zh).toBe(CATALOGUE_NOTICE_ZH);
  expect((await t.app.inject({ method: 'PUT', url: '/api/v1/product-catalogue/subscriptions', headers: bearer(ent1), payload: { categories: [] } })).statusCode).toBe(403);
});

it('withdrawal: GXJ needs a reason, another enterprise cannot, the enterprise can; audited; gone from the catalogue', async () => {
  const staff = await t.login('gxj.reviewer');
  const withdraw = (token: string, caseId: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/product-catalogue/${caseId}/withdraw`, headers: bearer(token), payload });
  expect((await withdraw(staff, 'SB-2026-000102', {})).statusCode).toBe(400);
  expect((await withdraw(await t.login('ent2'), 'SB-2026-000102', {})).statusCode).toBe(404);
  expect((await withdraw(await t.login('scj.reviewer'), 'SB-2026-000102', { reason: 'x' })).statusCode).toBe(403);
  expect((await withdraw(buyer, 'SB-2026-000102', { reason: 'x' })).statusCode).toBe(403);
  const byGxj = await withdraw(staff, 'SB-2026-000102', { reason: '产品质量抽检不合格' });
  expect(byGxj.statusCode).toBe(200);
  expect(byGxj.json()).toEqual({ notice: expect.objectContaining({ zh: CATALOGUE_NOTICE_ZH }), listing: expect.objectContaining({ state: 'withdrawn', withdrawal: expect.objectContaining({ by: 'gxj.reviewer', reason: '产品质量抽检不合格' }) }) });
  expect((await withdraw(ent1, 'SB-2026-000102', {})).statusCode).toBe(409);
  expect((await catalogue(buyer)).json().items.map((i: { caseId: string }) => i.caseId)).toEqual(['SB-2026-000101']);
  // The enterprise still sees its own withdrawn listing, marked so.
  expect((await catalogue(ent1)).json().items).toContainEqual(expect.objectContaining({ caseId: 'SB-2026-000102', state: 'withdrawn' }));
  const audit = await t.tdb.repos.audit.list({ limit: 1000 });
  expect(audit.filter((a) => a.action === 'catalogue_listing.withdraw').map((a) => [a.subjectId, a.actorUsername, a.reason])).toEqual([['SB-2026-000102', 'gxj.reviewer', '产品质量抽检不合格']]);
});

it('a listing expires after the configured period (730 days by default)', async () => {
  await approvedListing('SB-2024-000007', ent1Id, '老产品', '其他', 'approved', new Date('2024-03-01T02:00:00Z'));
  const res = await catalogue(buyer);
  expect(res.json().notice.zh).toBe(CATALOGUE_NOTICE_ZH);
  expect(res.json().items.map((i: { caseId: string }) => i.caseId)).not.toContain('SB-2024-000007');
  expect((await catalogue(ent1)).json().items).toContainEqual(expect.objectContaining({ caseId: 'SB-2024-000007', state: 'expired', expiresAt: '2026-03-01T02:00:00.000Z' }));
});

it('a buyer reaches nothing of the case system; the public endpoint exists only when configured', async () => {
  for (const url of ['/api/v1/cases', '/api/v1/applications', '/api/v1/inbox', `/api/v1/enterprises/${ent1Id}`, '/api/v1/policies', '/api/v1/idle-assets', '/api/v1/external-policies']) {
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(buyer) });
    expect(`${url} ${res.statusCode}`).toBe(`${url} 403`);
  }
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/product-catalogue' })).statusCode).toBe(404);
  const open = await buildApp({ repos: t.tdb.repos, probes: [], jwtSecret: TEST_JWT_SECRET, tokenTtlSeconds: 900, version: 'test', logger: false, productCatalogue: { listingValidDays: 730, public: true } });
  try {
    const res = await open.inject({ method: 'GET', url: '/api/v1/public/product-catalogue' });
    expect(res.statusCode).toBe(200);
    expect(res.json().notice.zh).toBe(CATALOGUE_NOTICE_ZH);
    expect(res.json().items.map((i: { caseId: string }) => i.caseId)).toEqual(['SB-2026-000101']);
  } finally {
    await open.close();
  }
});
