// The inbox across the three case types, filed and acted on through the API on real workflows
// (time-skipping server, real activities): each role sees exactly what waits on it, with the act
// expected; escalations add the cases a head or the supervisors must supervise; SLA states and
// filters; keyset pages that neither skip nor repeat; the CSV export parsed back; the done list
// after acts; the case search within each caller's scope; the columns of older rows backfilled.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { createTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { startTimeSkippingServer, startWorker, workflowBundle, type RunningWorker } from '../support/temporal';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TQ = 'inbox-test';
let env: TestWorkflowEnvironment;
let t: TestApi;
let worker: RunningWorker;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS = ['ent1', 'ent2', 'gxj.reviewer', 'gxj.head', 'scj.reviewer', 'scj.head', 'nyj.reviewer', 'agent1', 'agent2', 'supervisor', 'auditor', 'admin'];
/** The cases of the test, by role in it. */
const c: Record<string, string> = {};

type Res = Awaited<ReturnType<TestApi['app']['inject']>>;
let keySeq = 0;
const headers = (user: string, extra: Record<string, string> = {}) => ({ ...bearer(tokens[user]!), ...extra });
const post = (url: string, user: string, payload: object, key = true) => t.app.inject({ method: 'POST', url, headers: headers(user, key ? { 'idempotency-key': `inbox-key-${++keySeq}-abcdef` } : {}), payload });
const getJson = async (url: string, user: string) => ok(await t.app.inject({ method: 'GET', url, headers: headers(user) }));
async function ok(res: Res, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
const exhibition = (name: string) => ({ exhibitionName: name, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 });
const project = (name: string) => ({ projectName: name, projectType: '工业厂房 industrial', location: '辽源经济开发区', investmentFen: 5_000_000_000, channel: 'standard', stages: ['planning_permit'], contact: { name: '张三', phone: '138 0437 0000' } });
const appeal = (title: string) => ({ category: 'energy', title, description: '屋顶光伏项目已建成三个月，并网申请无人答复。', relatedPolicyCode: 'M29' });

type Item = { caseId: string; expectedAct: { code: string; zh: string; en: string } | null; sla: string | null; workingDaysLeft: number | null; escalationLevel: number | null; deadlineAt: string | null };
const inbox = async (user: string, query = '') => (await getJson(`/api/v1/inbox${query}`, user)) as { items: Item[]; nextCursor: string | null };
/** The inbox as case → act expected. */
const actsOf = async (user: string, query = '') => Object.fromEntries((await inbox(user, query)).items.map((i) => [i.caseId, i.expectedAct?.code ?? null]));

beforeAll(async () => {
  const [e, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  env = e;
  // Tokens outlive the sixty days the SLA test moves the API's clock on.
  t = await createTestApi({ tdb, temporal: { client: lockedClient(env), taskQueue: TQ }, tokenTtlSeconds: 90 * 86_400 });
  worker = await startWorker(env, {
    taskQueue: TQ,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ repos: t.tdb.repos, now: () => new Date(), payments: new InProcessPaymentGateway(t.tdb.repos.funding) }),
  });
  for (const u of USERS) {
    tokens[u] = await t.login(u);
    const user = (await t.tdb.repos.users.findByUsername(u))!;
    ids[u] = user.id;
    if (user.enterpriseId) ids[`${u}:enterprise`] = user.enterpriseId;
  }

  // 申报: one waiting for acceptance by GXJ, one accepted by the SCJ reviewer (so waiting on them), one waiting on ent1's supplement.
  c.appAccept = (await ok(await post('/api/v1/applications', 'ent1', { policyCode: 'M09', item: 'exhibition', facts: exhibition('东北亚博览会'), documentIds: [] }), 201)).caseId;
  c.appReview = (await ok(await post('/api/v1/applications', 'ent2', { policyCode: 'M05', item: 'brand-title', facts: { level: 'provincial', titleName: '吉致吉品' }, documentIds: [] }), 201)).caseId;
  await ok(await post(`/api/v1/applications/${c.appReview}/accept`, 'scj.reviewer', {}, false));
  c.appSupplement = (await ok(await post('/api/v1/applications', 'ent1', { policyCode: 'M09', item: 'exhibition', facts: exhibition('补正展'), documentIds: [] }), 201)).caseId;
  await ok(await post(`/api/v1/applications/${c.appSupplement}/request-supplement`, 'gxj.reviewer', { items: [{ name: '发票 invoices', reason: '缺少住宿发票' }] }, false));
  // 代办: one waiting for assignment, one in progress with agent1.
  c.proxyAssign = (await ok(await post('/api/v1/proxy-cases', 'ent1', project('新能源装备产业园')), 201)).caseId;
  c.proxyAgent = (await ok(await post('/api/v1/proxy-cases', 'ent2', project('精密铸造扩产')), 201)).caseId;
  await ok(await post(`/api/v1/proxy-cases/${c.proxyAgent}/assign`, 'gxj.head', { agentId: ids.agent1 }, false));
  await ok(await post(`/api/v1/proxy-cases/${c.proxyAgent}/entrust`, 'ent2', { scope: '规划许可的材料准备和申报' }, false));
  // 诉求: one waiting for acceptance by the platform, one dispatched to NYJ to sign for.
  c.appealAccept = (await ok(await post('/api/v1/appeals', 'ent2', appeal('光伏并网难')), 201)).caseId;
  c.appealSign = (await ok(await post('/api/v1/appeals', 'ent1', appeal('用电报装慢')), 201)).caseId;
  await eventually('appeal acceptance clock', () => getJson(`/api/v1/appeals/${c.appealSign}`, 'gxj.reviewer'), (v) => v.clocks.length > 0, { timeoutMs: 10_000 });
  await ok(await post(`/api/v1/appeals/${c.appealSign}/accept`, 'gxj.reviewer', { priority: 'general' }, false));
  await ok(await post(`/api/v1/appeals/${c.appealSign}/dispatch`, 'gxj.reviewer', { leadDepartment: 'NYJ', coDepartments: [] }, false));
  // The projections the workflows write after their first run (deadlines of the clocks they start).
  await eventually('every case projected with its clock', () => t.tdb.db.prisma.caseRecord.findMany(), (rows) => rows.length === 7 && rows.every((r) => r.projectionVersion > 1));
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await env?.teardown();
});
guardServerClock(() => env, { maxDaysAhead: 30 });

/** An open escalation of a case, as the SLA activity writes one when a deadline passes. */
async function escalate(caseId: string, level: number, targetRole: string, targetDepartment: string) {
  const row = (await t.tdb.repos.cases.findById(caseId))!;
  await t.tdb.repos.escalations.insertOnce({
    caseId, caseDepartment: row.departmentCode, rungKey: `${caseId}:test:${randomUUID()}`, level, targetDepartment, targetRole,
    deadlineAt: row.deadlineAt ?? new Date(), stage: 'review', overdueWorkingDays: 1, firedAt: new Date(),
  });
}

describe('the inbox per role across case types', () => {
  it('shows each caller exactly what waits on them, with the act expected', async () => {
    expect(await actsOf('gxj.reviewer')).toEqual({ [c.appAccept!]: 'accept', [c.appealAccept!]: 'accept' });
    // The GXJ head also assigns 代办 agents (with the supervisors).
    expect(await actsOf('gxj.head')).toEqual({ [c.appAccept!]: 'accept', [c.appealAccept!]: 'accept', [c.proxyAssign!]: 'assign' });
    // Accepted by scj.reviewer: the review is theirs, not the whole department's.
    expect(await actsOf('scj.reviewer')).toEqual({ [c.appReview!]: 'review' });
    expect(await actsOf('scj.head')).toEqual({});
    expect(await actsOf('nyj.reviewer')).toEqual({ [c.appealSign!]: 'sign-for' });
    expect(await actsOf('agent1')).toEqual({ [c.proxyAgent!]: 'prepare' });
    expect(await actsOf('agent2')).toEqual({});
    expect(await actsOf('supervisor')).toEqual({ [c.proxyAssign!]: 'assign' });
    expect(await actsOf('ent1')).toEqual({ [c.appSupplement!]: 'supplement' });
    expect(await actsOf('ent2')).toEqual({});
    expect(await actsOf('auditor')).toEqual({});
    expect(await actsOf('admin')).toEqual({});

    const item = (await inbox('ent1')).items[0]!;
    expect(item).toMatchObject({ caseType: 'application', status: 'awaiting_supplement', enterpriseName: expect.any(String), sla: 'suspended', expectedAct: { code: 'supplement', zh: '补正材料', en: 'supplement the documents' } });
  });

  it('adds the escalations addressed to a head (level 1, own department) and the supervisors (levels 2, 3) as cases to supervise', async () => {
    await escalate(c.appReview!, 1, 'department_head', 'SCJ');
    await escalate(c.appAccept!, 2, 'supervisor', 'GXJ');
    await escalate(c.appAccept!, 3, 'supervisor', 'CITY');
    expect(await actsOf('scj.head')).toEqual({ [c.appReview!]: 'supervise' });
    expect((await inbox('scj.head')).items[0]).toMatchObject({ escalationLevel: 1, expectedAct: { zh: '督办' } });
    expect(await actsOf('supervisor')).toEqual({ [c.proxyAssign!]: 'assign', [c.appAccept!]: 'supervise' });
    expect((await inbox('supervisor')).items.find((i) => i.caseId === c.appAccept)).toMatchObject({ escalationLevel: 3 });
    // Not a head of GXJ's business: the GXJ head sees the case for its own act, without the supervisors' escalation.
    expect((await inbox('gxj.head')).items.find((i) => i.caseId === c.appAccept)).toMatchObject({ expectedAct: { code: 'accept' }, escalationLevel: null });
    expect(await actsOf('scj.reviewer')).toEqual({ [c.appReview!]: 'review' });
  });

  it('sorts by deadline (nulls last), filters by type, SLA state and text, and gives each item its working days left', async () => {
    const all = (await inbox('gxj.head')).items;
    const deadlines = all.map((i) => i.deadlineAt);
    const withDeadline = deadlines.filter((d): d is string => d !== null);
    expect(deadlines).toEqual([...withDeadline.sort(), ...deadlines.filter((d) => d === null)]);
    for (const i of all) if (i.deadlineAt) expect(i.workingDaysLeft).toBeGreaterThanOrEqual(0);

    expect(Object.keys(await actsOf('gxj.head', '?type=appeal'))).toEqual([c.appealAccept]);
    expect(Object.keys(await actsOf('gxj.head', `?q=${encodeURIComponent(c.proxyAssign!.toLowerCase())}`))).toEqual([c.proxyAssign]);
    const ent2 = (await t.tdb.repos.enterprises.findById(ids['ent2:enterprise']!))!;
    expect(Object.keys(await actsOf('gxj.head', `?q=${encodeURIComponent(ent2.name)}`))).toEqual([c.appealAccept]);
    expect(Object.keys(await actsOf('gxj.head', `?q=${encodeURIComponent('新能源装备')}`))).toEqual([c.proxyAssign]);
    expect(await actsOf('ent1', '?sla=suspended')).toEqual({ [c.appSupplement!]: 'supplement' });
    expect(await actsOf('ent1', '?sla=on_time')).toEqual({});

    // Sixty days on, every running deadline has passed: overdue, by working days.
    const was = t.clock.now;
    t.clock.now = new Date(was.getTime() + 60 * 86_400_000);
    try {
      const overdue = await inbox('gxj.head', '?sla=overdue');
      expect(overdue.items.map((i) => i.caseId).sort()).toEqual(all.filter((i) => i.deadlineAt !== null).map((i) => i.caseId).sort());
      for (const i of overdue.items) expect([i.sla, i.workingDaysLeft! < 0]).toEqual(['overdue', true]);
      expect((await inbox('gxj.head', '?sla=due_soon')).items).toEqual([]);
    } finally {
      t.clock.now = was;
    }
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/inbox?sla=late', headers: headers('gxj.head') });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('pages by an opaque cursor: one item a page gives the whole list once, in order', async () => {
    const all = (await inbox('gxj.head')).items.map((i) => i.caseId);
    expect(all).toHaveLength(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await inbox('gxj.head', `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/inbox?cursor=bm90LWEtY3Vyc29y', headers: headers('gxj.head') });
    expect([bad.statusCode, bad.json().issues[0].path]).toEqual([400, 'querystring.cursor']);
  });

  it('exports the inbox as CSV (UTF-8 with BOM, a header row) that parses back to the same items', async () => {
    const json = (await inbox('gxj.head')).items;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/inbox?limit=1', headers: headers('gxj.head', { accept: 'text/csv' }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="inbox-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: Array<Record<string, string>> = parse(res.body, { bom: true, columns: true });
    // Every page, not the one `limit` asks for.
    expect(rows.map((r) => [r.caseId, r.expectedAct, r.expectedActZh, r.sla])).toEqual(json.map((i) => [i.caseId, i.expectedAct!.code, i.expectedAct!.zh, i.sla]));
    expect(rows[0]!.title!.length).toBeGreaterThan(0);
  });
});

describe('the done list', () => {
  it('lists the acts the caller took, newest first, in pages', async () => {
    const done = await getJson('/api/v1/inbox/done', 'gxj.reviewer');
    expect(done.items.map((i: { caseId: string; action: string }) => `${i.action} ${i.caseId}`)).toEqual([
      `appeal.dispatch ${c.appealSign}`,
      `appeal.accept ${c.appealSign}`,
      `application.request-supplement ${c.appSupplement}`,
    ]);
    expect(done.items[0]).toMatchObject({ caseType: 'appeal', status: 'awaiting_sign', title: '用电报装慢' });
    const first = await getJson('/api/v1/inbox/done?limit=2', 'gxj.reviewer');
    const second = await getJson(`/api/v1/inbox/done?limit=2&cursor=${first.nextCursor}`, 'gxj.reviewer');
    expect([...first.items, ...second.items]).toEqual(done.items);
    expect(second.nextCursor).toBeNull();
    // The enterprise's filings are its acts too.
    expect((await getJson('/api/v1/inbox/done', 'ent2')).items.map((i: { action: string }) => i.action)).toEqual(['appeal.file', 'proxy.entrust', 'proxy.file', 'application.file']);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/inbox/done', headers: headers('gxj.reviewer', { accept: 'text/csv' }) });
    expect((parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>).map((r) => r.action)).toEqual(done.items.map((i: { action: string }) => i.action));
  });
});

describe('the case search', () => {
  const found = async (user: string, query = '') => ((await getJson(`/api/v1/cases${query}`, user)).items as Item[]).map((i) => i.caseId).sort();
  it('finds what each caller may see, and filters by type, status, department and SLA state', async () => {
    const every = Object.values(c).sort();
    expect(await found('supervisor')).toEqual(every);
    expect(await found('auditor')).toEqual(every);
    expect(await found('ent1')).toEqual([c.appAccept, c.appSupplement, c.proxyAssign, c.appealSign].sort());
    expect(await found('agent1')).toEqual([c.proxyAgent]);
    expect(await found('agent2')).toEqual([]);
    expect(await found('scj.reviewer')).toEqual([c.appReview]);
    // NYJ leads the dispatched appeal; GXJ's platform staff see every appeal.
    expect(await found('nyj.reviewer')).toEqual([c.appealSign]);
    expect(await found('gxj.reviewer', '?type=appeal')).toEqual([c.appealAccept, c.appealSign].sort());
    expect(await found('supervisor', '?type=proxy&status=in_progress')).toEqual([c.proxyAgent]);
    expect(await found('supervisor', '?department=NYJ')).toEqual([c.appealSign]);
    expect(await found('supervisor', '?sla=suspended')).toEqual([c.appSupplement]);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: headers('auditor', { accept: 'text/csv' }) });
    expect((parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>).map((r) => r.caseId).sort()).toEqual(every);
  });
});

describe('the inbox columns of older rows', () => {
  it('are computed again by the backfill, the same as the projection wrote them', async () => {
    const before = await t.tdb.db.prisma.caseRecord.findMany({ orderBy: { caseId: 'asc' }, select: { caseId: true, waitingFor: true, expectedAct: true } });
    await t.tdb.db.prisma.$executeRaw`UPDATE cases SET waiting_for = '{}', expected_act = NULL, waiting_rules_version = 0`;
    expect(await actsOf('gxj.reviewer')).toEqual({});
    expect(await t.tdb.repos.cases.backfillWaiting(3)).toBe(7);
    expect(await t.tdb.db.prisma.caseRecord.findMany({ orderBy: { caseId: 'asc' }, select: { caseId: true, waitingFor: true, expectedAct: true } })).toEqual(before);
    expect(await t.tdb.repos.cases.backfillWaiting()).toBe(0);
  });
});
