// 诉求 appeals through the API on a real appealWorkflow (time-skipping server, real activities):
// the full loop from filing to the enterprise's rating with who answers by when at each step, a
// return and a redispatch, a reopening by a dissatisfied rating, the access rules, bad input, the
// link between an appeal and the case it is about, and the report over a known set of appeals.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { AppealState } from '../../workflows/appeal/state';
import { initialAppealState } from '../../workflows/appeal/state';
import { appealCompactView } from '../../workflows/appeal/projection';
import { DEFAULT_APPEAL_LIMITS } from '../../domain/appeal/catalogue';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { createTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { startTimeSkippingServer, startWorker, workflowBundle, type RunningWorker } from '../support/temporal';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TQ = 'appeals-test';
let env: TestWorkflowEnvironment;
let t: TestApi;
let worker: RunningWorker;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS = ['ent1', 'ent2', 'gxj.reviewer', 'gxj.head', 'supervisor', 'auditor', 'nyj.reviewer', 'nyj.head', 'rmyh.reviewer', 'fy.reviewer', 'rsj.reviewer', 'zrzyj.reviewer'];

beforeAll(async () => {
  const [e, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  env = e;
  t = await createTestApi({ tdb, temporal: { client: lockedClient(env), taskQueue: TQ } });
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
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await env?.teardown();
});
guardServerClock(() => env, { maxDaysAhead: 30 });

type Res = Awaited<ReturnType<TestApi['app']['inject']>>;
let keySeq = 0;
const newKey = () => `appeal-key-${++keySeq}-abcdef`;
const appeal = (over: object = {}) => ({ category: 'energy', title: '厂房屋顶光伏并网难', description: '屋顶光伏项目已建成三个月，并网申请无人答复。', relatedPolicyCode: 'M29', ...over });
const file = (user: string, body: object, key: string | null = newKey()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/appeals', headers: { ...bearer(tokens[user]!), ...(key ? { 'idempotency-key': key } : {}) }, payload: body });
const act = (caseId: string, name: string, user: string, payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1/appeals/${caseId}/${name}`, headers: bearer(tokens[user]!), payload });
const get = (caseId: string, user: string) => t.app.inject({ method: 'GET', url: `/api/v1/appeals/${caseId}`, headers: bearer(tokens[user]!) });
const getUrl = (url: string, user: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...bearer(tokens[user]!), ...headers } });

async function ok(res: Res, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
const expectError = (res: Res, status: number, code: string) => expect([res.statusCode, res.json().code]).toEqual([status, code]);
/** A green-channel 代办 case of the enterprise user (a case for an appeal to be about). */
const fileProxy = async (user: string, projectName: string) =>
  ok(
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/proxy-cases',
      headers: { ...bearer(tokens[user]!), 'idempotency-key': newKey() },
      payload: { projectName, projectType: '厂房', location: '龙山区', investmentFen: 100, channel: 'green', contact: { name: '张三', phone: '13800000000' } },
    }),
    201,
  );
const trail = async (caseId: string) => (await t.tdb.repos.audit.listForSubject('case', caseId)).map((r) => `${r.action}:${r.outcome}`);

/** ent1's appeal, accepted by the platform and dispatched to NYJ (RMYH co-handling) unless told otherwise. */
async function dispatched(over: object = {}, dispatch: object = { leadDepartment: 'NYJ', coDepartments: ['RMYH'] }): Promise<string> {
  const caseId = (await ok(await file('ent1', appeal(over)), 201)).caseId as string;
  await eventually('acceptance clock', async () => (await get(caseId, 'gxj.reviewer')).json(), (v) => v.clocks.length > 0, { timeoutMs: 10_000 });
  await ok(await act(caseId, 'accept', 'gxj.reviewer', { priority: 'general' }));
  await ok(await act(caseId, 'dispatch', 'gxj.reviewer', dispatch));
  return caseId;
}
const clockOf = (v: { clocks: Array<{ stage: string; deadlineAt: string | null; state: string }> }, stage: string) => [...v.clocks].reverse().find((c) => c.stage === stage);

describe('the loop of an appeal', () => {
  it('files under energy with M29 (proposed to NYJ), accepts, dispatches, signs, contributes, replies, is rated satisfied and closes; who answers by when at each step', async () => {
    const filed = await ok(await file('ent1', appeal({ contactPhone: '0437-3210000' })), 201);
    expect(filed).toEqual({
      caseId: expect.stringMatching(/^SQ-\d{4}-\d{6}$/),
      status: 'awaiting_acceptance',
      responsible: { party: 'platform', department: 'GXJ', deadlineAt: expect.any(String) },
      proposal: { leadDepartment: 'NYJ', coDepartments: [], reason: 'the lead department of M29' },
    });
    const caseId = filed.caseId as string;

    // The workflow's acceptance clock keeps the deadline the filing answered.
    const waiting = await eventually('acceptance clock', async () => (await get(caseId, 'ent1')).json(), (v) => v.clocks.length > 0, { timeoutMs: 10_000 });
    expect(waiting).toMatchObject({ status: 'awaiting_acceptance', category: 'energy', relatedPolicyCode: 'M29', relatedCase: null, contactPhone: '0437-3210000', actsAvailable: [] });
    expect(waiting.responsible).toEqual({ party: 'platform', department: 'GXJ', deadlineAt: clockOf(waiting, 'acceptance')!.deadlineAt });
    expect(waiting.responsible.deadlineAt).toBe(filed.responsible.deadlineAt);
    expect((await ok(await get(caseId, 'gxj.reviewer'))).actsAvailable).toEqual(['accept', 'not-accept']);

    const accepted = await ok(await act(caseId, 'accept', 'gxj.reviewer', { priority: 'general', note: '属实' }));
    expect(accepted).toMatchObject({ status: 'awaiting_dispatch', priority: 'general', acceptance: { by: 'gxj.reviewer', onTime: true } });
    expect(accepted.responsible).toEqual({ party: 'dispatcher', department: 'GXJ', deadlineAt: clockOf(accepted, 'dispatch')!.deadlineAt });
    expect(accepted.actsAvailable).toEqual(['dispatch']);

    const sent = await ok(await act(caseId, 'dispatch', 'gxj.reviewer', { leadDepartment: 'NYJ', coDepartments: ['RMYH'] }));
    expect(sent).toMatchObject({ status: 'awaiting_sign', leadDepartment: 'NYJ', coDepartments: ['RMYH'], returnDueAt: expect.any(String) });
    expect(sent.responsible).toEqual({ party: 'lead_department', department: 'NYJ', deadlineAt: clockOf(sent, 'sign')!.deadlineAt });
    expect((await ok(await get(caseId, 'nyj.reviewer'))).actsAvailable).toEqual(['sign-for', 'return']);
    expect((await ok(await get(caseId, 'rmyh.reviewer'))).actsAvailable).toEqual(['contribute']);

    const signed = await ok(await act(caseId, 'sign-for', 'nyj.reviewer', {}));
    expect(signed).toMatchObject({ status: 'in_handling', signs: [{ department: 'NYJ', by: 'nyj.reviewer', onTime: true }] });
    expect(signed.responsible).toEqual({ party: 'lead_department', department: 'NYJ', deadlineAt: clockOf(signed, 'handling')!.deadlineAt });
    expect(clockOf(signed, 'handling')).toMatchObject({ budgetDays: 7, state: 'running' });

    const helped = await ok(await act(caseId, 'contribute', 'rmyh.reviewer', { text: '可申请绿色信贷支持储能配置' }));
    expect(helped.contributions).toEqual([expect.objectContaining({ department: 'RMYH', by: 'rmyh.reviewer' })]);
    const replied = await ok(await act(caseId, 'reply', 'nyj.reviewer', { text: '已协调供电公司完成并网', resolved: true }));
    expect(replied).toMatchObject({ status: 'awaiting_rating', replies: [{ department: 'NYJ', resolved: true, onTime: true }] });
    expect(replied.responsible).toEqual({ party: 'enterprise', department: null, deadlineAt: replied.ratingDueAt });
    expect(replied.responsible.deadlineAt).toEqual(expect.any(String));
    expect((await ok(await get(caseId, 'ent1'))).actsAvailable).toEqual(['rate']);

    const rated = await ok(await act(caseId, 'rate', 'ent1', { level: 'satisfied', comment: '很及时' }));
    expect(rated).toMatchObject({ status: 'closed', responsible: { party: null, department: null, deadlineAt: null }, ratings: [{ level: 'satisfied', by: 'ent1' }] });
    const closed = await eventually('closed', async () => (await get(caseId, 'ent1')).json(), (v) => v.closedAt !== null && v.history.at(-1)?.act === 'close', { timeoutMs: 10_000 });
    expect(closed.history.map((h: { act: string }) => h.act)).toEqual(['file', 'accept', 'dispatch', 'sign-for', 'contribute', 'reply', 'rate', 'close']);
    expect(closed.clocks.every((c: { state: string }) => c.state === 'stopped')).toBe(true);
    expect(closed.actsAvailable).toEqual([]);
    expect(await trail(caseId)).toEqual(['appeal.file:ok', 'appeal.accept:ok', 'appeal.dispatch:ok', 'appeal.sign-for:ok', 'appeal.contribute:ok', 'appeal.reply:ok', 'appeal.rate:ok']);
  });

  it('a return sends it back to the platform, out of the returning department’s sight; the platform dispatches it again', async () => {
    const caseId = await dispatched();
    const back = await ok(await act(caseId, 'return', 'nyj.reviewer', { reason: '属于自然资源局职责' }));
    expect(back).toMatchObject({ status: 'awaiting_dispatch', leadDepartment: null, coDepartments: [], returns: [{ department: 'NYJ', reason: '属于自然资源局职责' }] });
    expect(back.responsible).toEqual({ party: 'dispatcher', department: 'GXJ', deadlineAt: clockOf(back, 'dispatch')!.deadlineAt });
    expectError(await get(caseId, 'nyj.reviewer'), 404, 'NOT_FOUND');
    expectError(await get(caseId, 'rmyh.reviewer'), 404, 'NOT_FOUND');
    const again = await ok(await act(caseId, 'dispatch', 'gxj.reviewer', { leadDepartment: 'ZRZYJ' }));
    expect(again).toMatchObject({ status: 'awaiting_sign', leadDepartment: 'ZRZYJ', dispatches: [{ leadDepartment: 'NYJ' }, { leadDepartment: 'ZRZYJ' }] });
    expect((await ok(await act(caseId, 'sign-for', 'zrzyj.reviewer'))).status).toBe('in_handling');
  });

  it('the supervisor extends the handling deadline (the appeal keeps it as its deadline) and may not put it on hold', async () => {
    const caseId = await dispatched();
    const signed = await ok(await act(caseId, 'sign-for', 'nyj.reviewer', {}));
    const before = clockOf(signed, 'handling')!.deadlineAt;
    const supervise = (name: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/${name}`, headers: { ...bearer(tokens.supervisor!), 'idempotency-key': newKey() }, payload });
    await ok(await supervise('extend', { workingDays: 3, reason: '需省级部门会商' }));
    const extended = await ok(await get(caseId, 'nyj.reviewer'));
    expect(clockOf(extended, 'handling')).toMatchObject({ state: 'running', budgetDays: 10 }); // 7 of a general appeal + 3
    expect(Date.parse(extended.responsible.deadlineAt)).toBeGreaterThan(Date.parse(before!));
    expect(extended.responsible).toEqual({ party: 'lead_department', department: 'NYJ', deadlineAt: clockOf(extended, 'handling')!.deadlineAt });

    const hold = await supervise('hold', { reason: '等待法院裁定' });
    expectError(hold, 409, 'STATE_CONFLICT');
    expect(hold.json().message).toContain('全兜底');
    expect(clockOf(await ok(await get(caseId, 'nyj.reviewer')), 'handling')!.state).toBe('running');
  });
  it('a dissatisfied rating reopens it for the supervisor, who dispatches it again (the platform may not)', async () => {
    const caseId = await dispatched();
    await ok(await act(caseId, 'sign-for', 'nyj.reviewer'));
    await ok(await act(caseId, 'reply', 'nyj.reviewer', { text: '暂无法解决', resolved: false }));
    const reopened = await ok(await act(caseId, 'rate', 'ent1', { level: 'dissatisfied', comment: '没有解决' }));
    expect(reopened).toMatchObject({ status: 'awaiting_redispatch', reopenCount: 1 });
    expect(reopened.responsible).toEqual({ party: 'supervisor', department: 'GXJ', deadlineAt: clockOf(reopened, 'redispatch')!.deadlineAt });
    const byPlatform = await act(caseId, 'dispatch', 'gxj.reviewer', { leadDepartment: 'RSJ' });
    expectError(byPlatform, 403, 'FORBIDDEN');
    expect(byPlatform.json().message).toContain('dispatched again by the supervisor');
    expect((await ok(await get(caseId, 'supervisor'))).actsAvailable).toEqual(['dispatch']);
    const redone = await ok(await act(caseId, 'dispatch', 'supervisor', { leadDepartment: 'RSJ' }));
    expect(redone).toMatchObject({ status: 'awaiting_sign', leadDepartment: 'RSJ', responsible: { party: 'lead_department', department: 'RSJ' } });
    // NYJ led it before; it is RSJ's now.
    expectError(await get(caseId, 'nyj.reviewer'), 404, 'NOT_FOUND');
    expect((await ok(await get(caseId, 'rsj.reviewer'))).actsAvailable).toEqual(['sign-for', 'return']);
  });
});

describe('roles and scope', () => {
  it('another enterprise and an uninvolved department get 404; the platform cannot reply for NYJ; the enterprise cannot dispatch; auditors see and never act', async () => {
    const caseId = (await ok(await file('ent1', appeal()), 201)).caseId as string;
    expectError(await act(caseId, 'dispatch', 'ent1', { leadDepartment: 'NYJ' }), 403, 'FORBIDDEN');
    expectError(await get(caseId, 'ent2'), 404, 'NOT_FOUND');
    expectError(await act(caseId, 'rate', 'ent2', { level: 'satisfied' }), 404, 'NOT_FOUND');
    // Not dispatched yet: NYJ, the proposed lead, is not in it.
    expectError(await get(caseId, 'nyj.reviewer'), 404, 'NOT_FOUND');
    expect((await ok(await get(caseId, 'auditor'))).caseId).toBe(caseId);
    expectError(await act(caseId, 'accept', 'auditor', { priority: 'general' }), 403, 'FORBIDDEN');

    const led = await dispatched();
    await ok(await act(led, 'sign-for', 'nyj.reviewer'));
    expectError(await get(led, 'fy.reviewer'), 404, 'NOT_FOUND');
    expectError(await act(led, 'reply', 'fy.reviewer', { text: 'x', resolved: true }), 404, 'NOT_FOUND');
    expectError(await act(led, 'reply', 'gxj.reviewer', { text: '平台代答', resolved: true }), 403, 'FORBIDDEN');
    expectError(await act(led, 'reply', 'rmyh.reviewer', { text: '协办代答', resolved: true }), 403, 'FORBIDDEN');
    expectError(await act(led, 'contribute', 'nyj.reviewer', { text: 'x' }), 403, 'FORBIDDEN');
    expect((await ok(await get(led, 'gxj.reviewer'))).actsAvailable).toEqual([]);

    // The list is the read rule: ent1 and the platform see both, NYJ the one it leads, FY none.
    const listed = async (user: string, query = '') => (await ok(await getUrl(`/api/v1/appeals${query}`, user))).items.map((i: { caseId: string }) => i.caseId);
    expect(await listed('ent1')).toEqual(expect.arrayContaining([caseId, led]));
    expect(await listed('ent2')).toEqual([]);
    expect(await listed('gxj.reviewer')).toEqual(expect.arrayContaining([caseId, led]));
    expect(await listed('nyj.reviewer')).toContain(led);
    expect(await listed('nyj.reviewer')).not.toContain(caseId);
    expect(await listed('fy.reviewer')).toEqual([]);
    const handling = await listed('supervisor', '?department=NYJ&responsible=lead_department&status=in_handling&category=energy');
    expect(handling).toContain(led);
    expect(handling).not.toContain(caseId);
    expect(await listed('supervisor', '?responsible=platform')).toContain(caseId);
  });
});

describe('bad input', () => {
  it('refuses a bad filing (400), another enterprise’s case (404), a missing key (400) and a key used for another body (409)', async () => {
    expectError(await file('ent1', appeal({ category: 'weather' })), 400, 'VALIDATION_FAILED');
    expectError(await file('ent1', appeal({ relatedPolicyCode: 'M99' })), 400, 'VALIDATION_FAILED');
    expectError(await file('ent1', appeal({ relatedPolicyCode: '29' })), 400, 'VALIDATION_FAILED');
    expectError(await file('ent1', appeal({ extra: true })), 400, 'VALIDATION_FAILED');
    expectError(await file('ent1', appeal(), null), 400, 'VALIDATION_FAILED');
    expectError(await file('gxj.reviewer', appeal()), 403, 'FORBIDDEN');

    const ent2Case = await fileProxy('ent2', '二号项目');
    expectError(await file('ent1', appeal({ relatedCaseId: ent2Case.caseId })), 404, 'NOT_FOUND');
    expectError(await file('ent1', appeal({ relatedCaseId: 'SB-2026-999999' })), 404, 'NOT_FOUND');

    const key = newKey();
    const first = await ok(await file('ent1', appeal({ title: '同一个键' }), key), 201);
    const replay = await ok(await file('ent1', appeal({ title: '同一个键' }), key), 200);
    expect(replay).toEqual(first);
    const other = await file('ent1', appeal({ title: '另一个请求' }), key);
    expectError(other, 409, 'CONFLICT');
    expect(other.json().details).toEqual({ caseId: first.caseId });
  });

  it('refuses a dispatch naming the lead among the co-departments (400) and sign-for before dispatch (409), both audited', async () => {
    const caseId = (await ok(await file('ent1', appeal()), 201)).caseId as string;
    await eventually('acceptance clock', async () => (await get(caseId, 'gxj.reviewer')).json(), (v) => v.clocks.length > 0, { timeoutMs: 10_000 });
    await ok(await act(caseId, 'accept', 'gxj.reviewer', { priority: 'urgent' }));
    const twice = await act(caseId, 'dispatch', 'gxj.reviewer', { leadDepartment: 'NYJ', coDepartments: ['NYJ'] });
    expectError(twice, 400, 'VALIDATION_FAILED');
    expect(twice.json().message).toContain('NYJ is the lead department');
    expectError(await act(caseId, 'dispatch', 'gxj.reviewer', { leadDepartment: 'XYZ' }), 400, 'VALIDATION_FAILED');
    // The platform owns it until it is dispatched: its sign-for is refused by the appeal's state.
    const early = await act(caseId, 'sign-for', 'gxj.reviewer');
    expectError(early, 409, 'STATE_CONFLICT');
    expect(early.json().message).toContain('awaiting_sign');
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/appeals/DB-2026-000001', headers: bearer(tokens.ent1!) }), 400, 'VALIDATION_FAILED');
    expect(await trail(caseId)).toEqual(['appeal.file:ok', 'appeal.accept:ok', 'appeal.dispatch:refused', 'appeal.sign-for:refused']);
  });
  it('answers 503 without Temporal; the filing is kept and the same key starts its workflow later', async () => {
    const offline = await createTestApi({ tdb: t.tdb });
    try {
      const key = newKey();
      const down = await offline.app.inject({ method: 'POST', url: '/api/v1/appeals', headers: { ...bearer(tokens.ent1!), 'idempotency-key': key }, payload: appeal({ title: '离线' }) });
      expect([down.statusCode, down.json().code, down.json().details]).toEqual([503, 'DEPENDENCY_UNAVAILABLE', { dependency: 'temporal' }]);
      const caseId = (await t.tdb.repos.cases.findIdempotencyKey(`${ids.ent1}:${key}`))!.caseId;
      // The kept filing already shows who answers for it by when (the planned acceptance deadline).
      const kept = await ok(await get(caseId, 'ent1'));
      expect([kept.clocks, kept.responsible.party, kept.responsible.deadlineAt]).toEqual([[], 'platform', expect.any(String)]);
      expect((await offline.app.inject({ method: 'POST', url: `/api/v1/appeals/${caseId}/accept`, headers: bearer(tokens['gxj.reviewer']!), payload: { priority: 'general' } })).statusCode).toBe(503);
      expect((await ok(await file('ent1', appeal({ title: '离线' }), key))).caseId).toBe(caseId);
      await eventually('acceptance clock', async () => (await get(caseId, 'gxj.reviewer')).json(), (v) => v.clocks.length > 0, { timeoutMs: 10_000 });
      expect((await ok(await act(caseId, 'accept', 'gxj.reviewer', { priority: 'general' }))).status).toBe('awaiting_dispatch');
    } finally {
      await offline.app.close();
    }
  });
});

describe('the case an appeal is about', () => {
  it('the appeal links its related case and the case’s views list the appeal, each only for a caller who may see the other', async () => {
    const proxy = await fileProxy('ent1', '光伏项目');
    const caseId = await dispatched({ relatedCaseId: proxy.caseId, title: '代办进度慢' });
    const link = { caseId, status: 'awaiting_sign', title: '代办进度慢', category: 'energy' };
    expect((await ok(await getUrl(`/api/v1/proxy-cases/${proxy.caseId}`, 'ent1'))).appeals).toEqual([link]);
    expect((await ok(await getUrl(`/api/v1/cases/${proxy.caseId}`, 'gxj.reviewer'))).appeals).toEqual([link]);
    expect((await ok(await get(caseId, 'ent1'))).relatedCase).toEqual({ caseId: proxy.caseId, caseType: 'proxy', status: 'awaiting_assignment', title: expect.stringContaining('光伏项目') });
    // NYJ leads the appeal but takes no part in the 代办 case: the link is not shown to it.
    expect((await ok(await get(caseId, 'nyj.reviewer'))).relatedCase).toBeNull();
    // The auditor sees every case and every appeal, the link included.
    expect((await ok(await getUrl(`/api/v1/cases/${proxy.caseId}`, 'auditor'))).appeals).toEqual([link]);
  });
});

describe('the report', () => {
  /** A read-model row of an appeal filed on `filedAt` with the given state (the report reads the stored state). */
  async function stored(caseId: string, filedAt: string, lead: string | null, state: Partial<AppealState>) {
    const s: AppealState = { ...initialAppealState(), leadDepartment: lead, ...state };
    const input = {
      caseId,
      title: caseId,
      enterpriseId: ids['ent1:enterprise']!,
      enterpriseName: 'ent1',
      category: 'energy' as const,
      description: 'x',
      relatedPolicyCode: null,
      relatedCaseId: null,
      contactPhone: null,
      proposal: { leadDepartment: 'NYJ' as const, coDepartments: [], reason: 'x' },
      limits: DEFAULT_APPEAL_LIMITS,
      filedBy: { userId: ids.ent1!, username: 'ent1', role: 'enterprise', departmentCode: null },
      filedAt,
    };
    const view = { ...appealCompactView(input, s, { assigneeId: null, department: lead ?? 'GXJ' }, Date.parse(filedAt)), clock: null, clocks: [], historyLength: 0 };
    await t.tdb.repos.cases.project({
      caseId,
      caseType: 'appeal',
      workflowId: `appeal-${caseId}`,
      status: s.status,
      title: caseId,
      departmentCode: lead ?? 'GXJ',
      assigneeId: null,
      enterpriseId: input.enterpriseId,
      policyCode: null,
      catalogueVersion: null,
      slaState: null,
      deadlineAt: null,
      deadlineProvisional: false,
      view: JSON.parse(JSON.stringify(view)),
      projectionVersion: 1,
      openedAt: new Date(filedAt),
      closedAt: null,
      updatedAt: new Date(filedAt),
    });
  }
  const on = (onTime: boolean) => ({ by: 'x', at: '2025-03-03T02:00:00.000Z', onTime });
  const rating = (level: 'satisfied' | 'basically_satisfied' | 'dissatisfied') => ({ level, comment: null, by: 'ent1', at: '2025-03-10T02:00:00.000Z' });
  const reply = (onTime: boolean, resolved: boolean) => ({ ...on(onTime), department: 'NYJ', text: 'r', resolved });
  const dispatch = (lead: string) => ({ ...on(true), leadDepartment: lead, coDepartments: [], note: null });
  const sign = (onTime: boolean) => ({ ...on(onTime), department: 'NYJ', note: null });

  beforeAll(async () => {
    // Five appeals filed in March 2025 (Asia/Shanghai), one the day after (01 April 00:30 +08:00: outside).
    // A: NYJ, closed satisfied, all on time, resolved.
    await stored('SQ-2025-900001', '2025-03-01T01:00:00.000Z', 'NYJ', {
      status: 'closed', acceptance: { ...on(true), note: null }, dispatches: [dispatch('NYJ')], signs: [sign(true)], replies: [reply(true, true)], ratings: [rating('satisfied')],
    });
    // B: NYJ, returned once by RSJ then NYJ; late sign, late reply not resolved; dissatisfied, reopened, then basically satisfied.
    await stored('SQ-2025-900002', '2025-03-05T01:00:00.000Z', 'NYJ', {
      status: 'closed', acceptance: { ...on(false), note: null }, dispatches: [dispatch('RSJ'), dispatch('NYJ'), dispatch('NYJ')], returns: [{ department: 'RSJ', reason: 'x', by: 'x', at: 'x' }],
      signs: [sign(false), sign(true)], replies: [reply(false, false), reply(true, true)], ratings: [rating('dissatisfied'), rating('basically_satisfied')], reopenCount: 1,
    });
    // C: RSJ, awaiting redispatch after a dissatisfied rating (open, unresolved dissatisfied).
    await stored('SQ-2025-900003', '2025-03-10T01:00:00.000Z', 'RSJ', {
      status: 'awaiting_redispatch', acceptance: { ...on(true), note: null }, dispatches: [dispatch('RSJ')], signs: [sign(true)], replies: [reply(true, false)], ratings: [rating('dissatisfied')], reopenCount: 1,
    });
    // D: not accepted.
    await stored('SQ-2025-900004', '2025-03-31T15:59:00.000Z', null, { status: 'not_accepted', notAccepted: { reason: 'x', referral: 'y', by: 'x', at: 'x' } });
    // E: awaiting acceptance.
    await stored('SQ-2025-900005', '2025-02-28T16:00:00.000Z', null, { status: 'awaiting_acceptance' });
    // Outside the period: 2025-04-01 00:30 Asia/Shanghai.
    await stored('SQ-2025-900006', '2025-03-31T16:30:00.000Z', 'NYJ', { status: 'closed', acceptance: { ...on(true), note: null }, ratings: [rating('satisfied')] });
  });

  const report = (user: string, query: string, headers: Record<string, string> = {}) => getUrl(`/api/v1/reports/appeals?from=2025-03-01&to=2025-03-31${query}`, user, headers);
  const fig = (num: number, den: number | null, value: number | null) => ({ numerator: num, denominator: den, value });

  it('computes every figure over the appeals filed in the period (JSON), with a weight for basically satisfied', async () => {
    const r = await ok(await report('supervisor', '&basicallySatisfiedWeight=0.5'));
    expect(r.counts).toEqual({ filed: 5, accepted: 3, notAccepted: 1, open: 2, closed: { closed: 2, not_rated: 0, concluded: 0 } });
    const byKey = Object.fromEntries(r.figures.map((f: { key: string; numerator: number; denominator: number | null; value: number | null }) => [f.key, { numerator: f.numerator, denominator: f.denominator, value: f.value }]));
    expect(byKey).toEqual({
      acceptedOnTime: fig(2, 3, 2 / 3), // A, C on time; B late
      signedOnTime: fig(3, 4, 3 / 4), // A, B's second, C; B's first late
      returnRate: fig(1, 5, 1 / 5), // B's return / 1 + 3 + 1 dispatches
      repliedOnTime: fig(3, 4, 3 / 4), // A, B's second, C; B's first late
      resolvedRate: fig(1, 2, 1 / 2), // A (B reopened) / closed A, B
      satisfactionRate: fig(1.5, 4, 1.5 / 4), // A satisfied + 0.5 × B basically / 4 ratings
      reopenRate: fig(2, 4, 2 / 4), // B 1 + C 1 / 4 ratings
      unresolvedDissatisfied: fig(1, null, 1), // C
    });
    expect(r.figures.find((f: { key: string }) => f.key === 'satisfactionRate')).toMatchObject({ labelZh: '满意率', formula: '(satisfied + 0.5 × basically_satisfied) / ratings' });
    // The default weight counts basically satisfied fully; a department narrows the set to the appeals it leads.
    expect((await ok(await report('auditor', ''))).figures.find((f: { key: string }) => f.key === 'satisfactionRate')).toMatchObject(fig(2, 4, 0.5));
    const nyj = await ok(await report('gxj.head', '&department=NYJ'));
    expect(nyj.counts).toMatchObject({ filed: 2, accepted: 2 });
  });

  it('answers CSV with its header, quoting and a file name; refuses other roles and another department’s head', async () => {
    const res = await report('supervisor', '&basicallySatisfiedWeight=0.5', { accept: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="appeal-report-2025-03-01-2025-03-31.csv"');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('key,labelZh,formula,numerator,denominator,value');
    expect(lines[1]).toBe(`acceptedOnTime,及时受理率,acceptances on time / acceptances,2,3,${2 / 3}`);
    expect(lines).toContain('resolvedRate,解决率,"closed appeals (closed, not_rated, concluded) whose last reply was resolved and never reopened / closed appeals",1,2,0.5');
    expect(lines).toContain('unresolvedDissatisfied,不满意未整改,appeals whose last rating is dissatisfied and that are still open or were concluded,1,,1');
    expect((await report('supervisor', '&format=csv')).headers['content-type']).toBe('text/csv; charset=utf-8');

    // A department head reads the own department's report only (by default, or named).
    expect((await ok(await report('nyj.head', ''))).department).toBe('NYJ');
    expect((await ok(await report('nyj.head', '&department=NYJ'))).counts.filed).toBe(2);
    expectError(await report('nyj.head', '&department=RSJ'), 403, 'FORBIDDEN');
    expectError(await report('nyj.reviewer', ''), 403, 'FORBIDDEN');
    expectError(await report('ent1', ''), 403, 'FORBIDDEN');
    expectError(await report('supervisor', '&basicallySatisfiedWeight=2'), 400, 'VALIDATION_FAILED');
    expectError(await getUrl('/api/v1/reports/appeals?from=2025-03-31&to=2025-03-01', 'supervisor'), 400, 'VALIDATION_FAILED');
    expectError(await getUrl('/api/v1/reports/appeals?from=2025-02-30&to=2025-03-01', 'supervisor'), 400, 'VALIDATION_FAILED');
  });
});
