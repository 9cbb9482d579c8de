// 代办 proxy cases through the API on a real proxyCaseWorkflow (time-skipping server, real
// activities): filing with its Idempotency-Key, assignment, entrustment, the stages of approval
// items, completion and rating; the access rules of enterprise, agent, authority, head,
// supervisor and auditor; the list, an agent's workload, the generic supervisor acts on a proxy
// case, and the audit trail of every act.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { createTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { startTimeSkippingServer, startWorker, workflowBundle, type RunningWorker } from '../support/temporal';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TQ = 'proxy-cases-test';
let env: TestWorkflowEnvironment;
let t: TestApi;
let worker: RunningWorker;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS = ['ent1', 'ent2', 'agent1', 'agent2', 'gxj.head', 'gxj.reviewer', 'supervisor', 'auditor', 'admin', 'zjj.reviewer', 'zrzyj.reviewer', 'fgw.reviewer', 'scj.reviewer'];

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

let keySeq = 0;
const newKey = () => `proxy-key-${++keySeq}-abcdef`;
const project = (over: object = {}) => ({
  projectName: '新能源装备产业园',
  projectType: '工业厂房 industrial',
  location: '辽源经济开发区',
  investmentFen: 5_000_000_000,
  channel: 'standard',
  stages: ['planning_permit', 'construction_permit'],
  contact: { name: '张三', phone: '138 0437 0000' },
  ...over,
});
const file = (user: string, body: object, key: string | null = newKey()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/proxy-cases', headers: { ...bearer(tokens[user]!), ...(key ? { 'idempotency-key': key } : {}) }, payload: body });
const act = (caseId: string, name: string, user: string, payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1/proxy-cases/${caseId}/${name}`, headers: bearer(tokens[user]!), payload });
const get = (caseId: string, user: string) => t.app.inject({ method: 'GET', url: `/api/v1/proxy-cases/${caseId}`, headers: bearer(tokens[user]!) });
const list = (user: string, query = '') => t.app.inject({ method: 'GET', url: `/api/v1/proxy-cases${query}`, headers: bearer(tokens[user]!) });
const workload = (agent: string, user: string) => t.app.inject({ method: 'GET', url: `/api/v1/agents/${ids[agent]}/workload`, headers: bearer(tokens[user]!) });

async function ok(res: Awaited<ReturnType<typeof act>>, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
/** ent1's case with agent1 assigned and the entrustment recorded: the first stage runs. */
async function runningCase(over: object = {}): Promise<string> {
  const caseId = (await ok(await file('ent1', project(over)), 201)).caseId as string;
  await ok(await act(caseId, 'assign', 'gxj.head', { agentId: ids.agent1 }));
  const v = await ok(await act(caseId, 'entrust', 'ent1', { scope: '规划许可与施工许可的材料准备和申报' }));
  expect(v.status).toBe('in_progress');
  return caseId;
}
type ItemView = Record<string, unknown> & { key: string; clock: Record<string, unknown> | null };
const itemOf = (v: { stages: Array<{ items: ItemView[] }> }, key: string) => v.stages.flatMap((s) => s.items).find((i) => i.key === key);
const trail = async (caseId: string) => (await t.tdb.repos.audit.listForSubject('case', caseId)).map((r) => `${r.action}:${r.outcome}`);

describe('the happy path through the API', () => {
  it('files, assigns, entrusts, approves each item stage by stage, completes and is rated 满意', async () => {
    const filed = await ok(await file('ent1', project()), 201);
    expect(filed).toEqual({ caseId: expect.stringMatching(/^DB-\d{4}-\d{6}$/), status: 'awaiting_assignment', channel: 'standard', stages: ['planning_permit', 'construction_permit'], waitingOn: 'supervisor' });
    const caseId = filed.caseId as string;

    // Readable at once from the filing's own row; the assignment clock (1 working day) follows.
    const first = await ok(await get(caseId, 'ent1'));
    expect(first).toMatchObject({ status: 'awaiting_assignment', enterpriseId: ids['ent1:enterprise'], channel: 'standard', agentId: null, currentStage: null });
    expect(first.reformTarget).toEqual({ budgetDays: 90, consumedDays: 0, remainingDays: 90, state: 'not_started' });
    expect(first.history.map((h: { act: string }) => h.act)).toEqual(['file']);
    expect(first.actsAvailable).toEqual(['entrust', 'terminate']);
    const waiting = await eventually('assignment clock', async () => (await get(caseId, 'gxj.head')).json(), (v) => v.assignment !== null, { timeoutMs: 10_000 });
    expect(waiting.assignment).toMatchObject({ stage: 'assignment', budgetDays: 1, state: 'running' });
    expect(waiting.actsAvailable).toEqual(['assign', 'note']);

    const assigned = await ok(await act(caseId, 'assign', 'gxj.head', { agentId: ids.agent1 }));
    expect(assigned).toMatchObject({ status: 'awaiting_entrustment', agentId: ids.agent1, waitingOn: 'enterprise' });
    expect(assigned.assignment.state).toBe('stopped');

    const entrusted = await ok(await act(caseId, 'entrust', 'ent1', { scope: '规划许可与施工许可的材料准备和申报' }));
    expect(entrusted).toMatchObject({ status: 'in_progress', currentStage: 'planning_permit', waitingOn: 'agent' });
    expect(entrusted.entrustment).toMatchObject({ agentId: ids.agent1, by: 'ent1' });
    expect(itemOf(entrusted, 'planning_licence')).toMatchObject({ status: 'preparing', authority: 'ZRZYJ', workingDays: 20, waitingOn: 'agent', clock: { stage: 'planning_licence', budgetDays: 20, state: 'running' } });
    expect(itemOf(entrusted, 'construction_licence')).toMatchObject({ status: 'pending', waitingOn: null, clock: null });
    expect(entrusted.reformTarget).toMatchObject({ budgetDays: 90, state: 'running' });

    const asAgent = await ok(await get(caseId, 'agent1'));
    expect(asAgent.actsAvailable).toEqual(expect.arrayContaining(['note', 'problem', 'request-materials', 'submit']));

    const submitted = await ok(await act(caseId, 'submit', 'agent1', { item: 'planning_licence', authority: 'ZRZYJ', reference: 'ZRZY-2026-0001' }));
    expect(itemOf(submitted, 'planning_licence')).toMatchObject({ status: 'submitted', waitingOn: 'authority' });
    expect(submitted.waitingOn).toBe('authority');
    const stageDone = await ok(await act(caseId, 'approve', 'agent1', { item: 'planning_licence', permitNo: '建字第220400202600001号' }));
    expect(stageDone.stages.map((s: { status: string }) => s.status)).toEqual(['done', 'running']);
    expect(stageDone.currentStage).toBe('construction_permit');

    await ok(await act(caseId, 'submit', 'agent1', { item: 'construction_licence', authority: 'ZJJ', reference: 'ZJ-2026-0042' }));
    // The authority of the item decides it; another authority may not.
    const other = await act(caseId, 'approve', 'zrzyj.reviewer', { item: 'construction_licence', permitNo: 'X' });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('decided by ZJJ') });
    expect((await ok(await get(caseId, 'zjj.reviewer'))).actsAvailable).toEqual(['return', 'approve']);
    const completed = await ok(await act(caseId, 'approve', 'zjj.reviewer', { item: 'construction_licence', permitNo: '220402202600001' }));
    expect(completed.status).toBe('awaiting_rating');
    expect(completed.completion).toMatchObject({ reformTargetDays: 90, totalWorkingDays: expect.any(Number) });
    expect(completed.completion.stages.map((s: { key: string; items: Array<{ permitNo: string }> }) => [s.key, s.items.map((i) => i.permitNo)])).toEqual([
      ['planning_permit', ['建字第220400202600001号']],
      ['construction_permit', ['220402202600001']],
    ]);
    expect(completed.ratingDueAt).toEqual(expect.any(String));
    expect(completed.reformTarget.state).toBe('stopped');

    const rated = await ok(await act(caseId, 'rate', 'ent1', { level: '满意', comment: '代办员很专业' }));
    expect(rated.rating).toMatchObject({ level: 'satisfied', by: 'ent1' });
    const closed = await eventually('closed', async () => (await get(caseId, 'ent1')).json(), (v) => v.status === 'completed' && v.closedAt !== null && v.history.at(-1)?.act === 'close', { timeoutMs: 10_000 });
    expect(closed.history.map((h: { act: string }) => h.act)).toEqual(['file', 'assign', 'entrust', 'submit', 'approve', 'submit', 'approve', 'rate', 'close']);
    expect(closed.actsAvailable).toEqual([]);

    expect(await trail(caseId)).toEqual([
      'proxy.file:ok',
      'proxy.assign:ok',
      'proxy.entrust:ok',
      'proxy.submit:ok',
      'proxy.approve:ok',
      'proxy.submit:ok',
      'proxy.approve:ok',
      'proxy.rate:ok',
    ]);
  });
});

describe('the other paths of a case', () => {
  it('green channel: guidance before filing, a return and a second submission, a bad rating followed up by the supervisor', async () => {
    const caseId = await runningCase({ channel: 'green', stages: undefined, greenItems: ['licence_change'] });
    const v = await ok(await get(caseId, 'agent1'));
    expect(v.currentStage).toBe('green_channel');
    expect(itemOf(v, 'licence_change')).toMatchObject({ authority: 'SCJ', workingDays: 5, guidanceRequired: true });
    const unguided = await act(caseId, 'submit', 'agent1', { item: 'licence_change', authority: 'SCJ', reference: 'SC-1' });
    expect([unguided.statusCode, unguided.json().message]).toEqual([409, expect.stringContaining('give guidance')]);
    await ok(await act(caseId, 'guide', 'agent1', { item: 'licence_change', notes: '提前指导：准备营业执照副本' }));
    await ok(await act(caseId, 'submit', 'agent1', { item: 'licence_change', authority: 'SCJ', reference: 'SC-1' }));
    const returned = await ok(await act(caseId, 'return', 'scj.reviewer', { item: 'licence_change', reason: '缺少法人签字' }));
    expect(itemOf(returned, 'licence_change')).toMatchObject({ status: 'returned', waitingOn: 'agent', clock: { state: 'suspended' } });
    await ok(await act(caseId, 'submit', 'agent1', { item: 'licence_change', authority: 'SCJ', reference: 'SC-2' }));
    expect((await ok(await act(caseId, 'approve', 'scj.reviewer', { item: 'licence_change', permitNo: 'SC-P-1' }))).status).toBe('awaiting_rating');
    const bad = await ok(await act(caseId, 'rate', 'ent1', { level: '不满意', comment: '等待太久' }));
    expect(bad).toMatchObject({ status: 'in_follow_up', waitingOn: 'supervisor', followUp: { outcome: null, clock: { stage: 'follow_up', state: 'running' } } });
    expect((await act(caseId, 'complete-follow-up', 'gxj.head', { outcome: 'x' })).statusCode).toBe(403);
    const done = await ok(await act(caseId, 'complete-follow-up', 'supervisor', { outcome: '已约谈代办员并改进流程' }));
    expect(done).toMatchObject({ status: 'completed', followUp: { outcome: { by: 'supervisor' }, clock: { state: 'stopped' } } });
  });

  it('materials asked of the enterprise stop the item’s clock; a problem waits on the supervisor; a stalled case is closed', async () => {
    const caseId = await runningCase();
    const asked = await ok(await act(caseId, 'request-materials', 'agent1', { item: 'planning_licence', request: '总平面图 site plan' }));
    expect(asked.waitingOn).toBe('enterprise');
    expect(itemOf(asked, 'planning_licence')).toMatchObject({ waitingOn: 'enterprise', materialsRequest: { request: '总平面图 site plan' }, clock: { state: 'suspended' } });
    expect((await ok(await workload('agent1', 'agent1'))).waitingOnEnterprise.caseIds).toContain(caseId);
    const provided = await ok(await act(caseId, 'provide-materials', 'ent1', { item: 'planning_licence', note: '已上传总平面图' }));
    expect(itemOf(provided, 'planning_licence')).toMatchObject({ waitingOn: 'agent', materialsRequest: null, clock: { state: 'running' } });

    const raised = await ok(await act(caseId, 'problem', 'agent1', { text: '规划条件未出具', stage: 'planning_permit' }));
    expect(raised.problems).toEqual([expect.objectContaining({ id: 1, waitingOn: 'supervisor', clock: expect.objectContaining({ stage: 'problem_1', budgetDays: 3 }) })]);
    expect((await act(caseId, 'resolve-problem', 'agent1', { problemId: 1, resolution: 'x' })).statusCode).toBe(403);
    const resolved = await ok(await act(caseId, 'resolve-problem', 'gxj.head', { problemId: 1, resolution: '已协调自然资源局出具规划条件' }));
    expect(resolved.problems[0]).toMatchObject({ waitingOn: null, resolution: { by: 'gxj.head' }, clock: { state: 'stopped' } });
    expect((await act(caseId, 'resolve-problem', 'gxj.head', { problemId: 7, resolution: 'x' })).statusCode).toBe(400);

    expect((await act(caseId, 'close-stalled', 'gxj.head', { conclusion: 'x' })).statusCode).toBe(403);
    const closed = await ok(await act(caseId, 'close-stalled', 'supervisor', { conclusion: '企业项目停滞，督办关闭' }));
    expect(closed).toMatchObject({ status: 'closed_by_supervisor', ending: { kind: 'closed_by_supervisor' }, closedAt: expect.any(String), actsAvailable: [] });
    expect((await act(caseId, 'note', 'supervisor', { text: '补记' })).statusCode).toBe(409);
  });

  it('an act sent again with its Idempotency-Key is applied once; the key with another body is a 409', async () => {
    const caseId = await runningCase();
    const send = (text: string) => t.app.inject({ method: 'POST', url: `/api/v1/proxy-cases/${caseId}/note`, headers: { ...bearer(tokens['gxj.head']!), 'idempotency-key': 'note-key-12345' }, payload: { text } });
    const first = await ok(await send('已电话联系企业'));
    const again = await ok(await send('已电话联系企业'));
    expect(again.notes).toEqual(first.notes);
    expect(first.notes).toHaveLength(1);
    const other = await send('另一条');
    expect([other.statusCode, other.json().code]).toEqual([409, 'CONFLICT']);
    expect((await trail(caseId)).filter((a) => a === 'proxy.note:ok')).toHaveLength(1);
  });

  it('answers 503 without Temporal; the filing is kept and the same key starts its workflow later', async () => {
    const offline = await createTestApi({ tdb: t.tdb });
    try {
      const headers = (user: string, key?: string) => ({ ...bearer(tokens[user]!), ...(key ? { 'idempotency-key': key } : {}) });
      const key = newKey();
      const down = await offline.app.inject({ method: 'POST', url: '/api/v1/proxy-cases', headers: headers('ent1', key), payload: project({ projectName: '离线项目 offline' }) });
      expect([down.statusCode, down.json().code, down.json().details]).toEqual([503, 'DEPENDENCY_UNAVAILABLE', { dependency: 'temporal' }]);
      const caseId = (await t.tdb.repos.cases.findIdempotencyKey(`${ids.ent1}:${key}`))!.caseId;
      const act503 = await offline.app.inject({ method: 'POST', url: `/api/v1/proxy-cases/${caseId}/entrust`, headers: headers('ent1'), payload: { scope: '全部' } });
      expect(act503.statusCode).toBe(503);
      const mended = await ok(await file('ent1', project({ projectName: '离线项目 offline' }), key));
      expect(mended.caseId).toBe(caseId);
      expect((await ok(await act(caseId, 'entrust', 'ent1', { scope: '全部' }))).entrustment).toMatchObject({ by: 'ent1' });
    } finally {
      await offline.app.close();
    }
  });
});

describe('roles and scope', () => {
  it('agents see their own cases only, enterprises their own, authorities their items; auditors see and never act', async () => {
    const caseId = await runningCase();
    for (const [user, name] of [['agent2', 'note'], ['ent2', 'problem'], ['fgw.reviewer', 'approve']] as const) {
      const read = await get(caseId, user);
      expect([user, read.statusCode, read.json().code]).toEqual([user, 404, 'NOT_FOUND']);
      const acted = await act(caseId, name, user, name === 'approve' ? { item: 'planning_licence', permitNo: 'X' } : { text: '看看' });
      expect([user, acted.statusCode]).toEqual([user, 404]);
    }
    const entApprove = await act(caseId, 'approve', 'ent1', { item: 'planning_licence', permitNo: 'X' });
    expect(entApprove.statusCode).toBe(403);
    expect(entApprove.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('enterprise may not approve') });

    const audited = await ok(await get(caseId, 'auditor'));
    expect(audited.actsAvailable).toEqual([]);
    const auditorNote = await act(caseId, 'note', 'auditor', { text: '审计意见' });
    expect([auditorNote.statusCode, auditorNote.json().code]).toEqual([403, 'FORBIDDEN']);
    // The proxy team sees it (GXJ owns every 代办 case); only its head directs it.
    expect((await get(caseId, 'gxj.reviewer')).statusCode).toBe(200);
    expect((await act(caseId, 'note', 'gxj.reviewer', { text: 'x' })).statusCode).toBe(403);
    const asEnterprise = (await ok(await get(caseId, 'ent1'))).actsAvailable;
    expect(asEnterprise).toEqual(expect.arrayContaining(['problem', 'terminate']));
    expect(asEnterprise).not.toContain('approve');
    // An authority of a later item sees the case before its stage runs.
    expect((await get(caseId, 'zjj.reviewer')).statusCode).toBe(200);

    // Reassignment hands the case over: agent1 loses it, agent2 gets it with the handover record.
    const handed = await ok(await act(caseId, 'reassign', 'supervisor', { agentId: ids.agent2, reason: '代办员一休假 on leave' }));
    expect(handed.agentId).toBe(ids.agent2);
    expect(handed.handovers).toEqual([expect.objectContaining({ from: ids.agent1, to: ids.agent2, openItems: [{ key: 'planning_licence', status: 'preparing' }] })]);
    expect((await get(caseId, 'agent1')).statusCode).toBe(404);
    expect((await get(caseId, 'agent2')).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('refuses filings that do not fit the plan, the key or the caller', async () => {
    const cases: Array<[string, object, RegExp]> = [
      ['unknown stage', project({ stages: ['planning_permit', 'demolition'] }), /Unknown stage demolition/],
      ['stages out of order', project({ stages: ['construction_permit', 'planning_permit'] }), /keep their order/],
      ['greenItems on a standard case', project({ greenItems: ['licence_change'] }), /greenItems belong to a green-channel case/],
      ['stages on a green case', project({ channel: 'green' }), /stages belong to a standard case/],
      ['a bad phone', project({ contact: { name: '张三', phone: 'call me' } }), /phone/],
      ['an unknown field', { ...project(), budget: 1 }, /budget/],
    ];
    for (const [what, body, message] of cases) {
      const res = await file('ent1', body);
      expect([what, res.statusCode, res.json().code]).toEqual([what, 400, 'VALIDATION_FAILED']);
      expect(res.json().message).toMatch(message);
    }
    const noKey = await file('ent1', project(), null);
    expect([noKey.statusCode, noKey.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(noKey.json().message).toContain('Idempotency-Key');
    const staffWithout = await file('gxj.head', project());
    expect([staffWithout.statusCode, staffWithout.json().message]).toEqual([400, expect.stringContaining('enterpriseId')]);
    expect((await file('ent1', project({ enterpriseId: ids['ent2:enterprise'] }))).statusCode).toBe(404);
    const outsider = await file('zjj.reviewer', project({ enterpriseId: ids['ent1:enterprise'] }));
    expect([outsider.statusCode, outsider.json().code]).toEqual([403, 'FORBIDDEN']);

    const key = newKey();
    const green = project({ channel: 'green', stages: undefined, greenItems: ['licence_change'] });
    const first = await ok(await file('ent1', green, key), 201);
    expect(first).toMatchObject({ channel: 'green', stages: ['green_channel'] });
    const again = await ok(await file('ent1', green, key));
    expect(again.caseId).toBe(first.caseId);
    const otherBody = await file('ent1', { ...green, projectName: '另一个项目' }, key);
    expect([otherBody.statusCode, otherBody.json().code]).toEqual([409, 'CONFLICT']);
    expect(otherBody.json().message).toContain(first.caseId);
    expect(await trail(first.caseId)).toEqual(['proxy.file:ok']);
  });

  it('refuses acts on items the case does not have or whose stage is not running, and audits the refusals', async () => {
    const caseId = await runningCase();
    const early = await act(caseId, 'submit', 'agent1', { item: 'construction_licence', authority: 'ZJJ', reference: 'ZJ-1' });
    expect([early.statusCode, early.json().code]).toEqual([409, 'STATE_CONFLICT']);
    expect(early.json().message).toContain('construction_permit, which is not running yet');
    const unknown = await act(caseId, 'submit', 'agent1', { item: 'fire_acceptance', authority: 'ZJJ', reference: 'ZJ-1' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.json().message).toContain('no approval item fire_acceptance');
    const notAgent = await act(caseId, 'reassign', 'gxj.head', { agentId: ids['gxj.reviewer'], reason: '换人' });
    expect([notAgent.statusCode, notAgent.json().issues]).toEqual([400, [{ path: 'body.agentId', message: 'not an active agent' }]]);
    const badBody = await act(caseId, 'approve', 'agent1', { item: 'planning_licence' });
    expect(badBody.statusCode).toBe(400);

    expect(await trail(caseId)).toEqual(['proxy.file:ok', 'proxy.assign:ok', 'proxy.entrust:ok', 'proxy.submit:refused', 'proxy.submit:refused']);
    const refused = (await t.tdb.repos.audit.listForSubject('case', caseId)).filter((r) => r.outcome === 'refused');
    expect(refused.map((r) => r.reason)).toEqual([expect.stringContaining('not running yet'), expect.stringContaining('no approval item')]);
  });

  it('a case filed by staff waits for the enterprise to confirm it', async () => {
    const filed = await ok(await file('gxj.head', project({ enterpriseId: ids['ent1:enterprise'] })), 201);
    expect(filed).toMatchObject({ status: 'awaiting_confirmation', waitingOn: 'enterprise' });
    const caseId = filed.caseId as string;
    const tooEarly = await act(caseId, 'assign', 'gxj.head', { agentId: ids.agent1 });
    expect([tooEarly.statusCode, tooEarly.json().code]).toEqual([409, 'STATE_CONFLICT']);
    expect(tooEarly.json().message).toContain('awaiting_confirmation');
    expect((await ok(await get(caseId, 'ent1'))).actsAvailable).toEqual(['confirm', 'terminate']);
    const confirmed = await ok(await act(caseId, 'confirm', 'ent1', { note: '同意代办' }));
    expect(confirmed).toMatchObject({ status: 'awaiting_assignment', confirmedAt: expect.any(String) });
    expect(confirmed.assignment).toMatchObject({ stage: 'assignment', state: 'running' });
    expect((await act(caseId, 'terminate', 'ent1', { reason: '项目暂缓 postponed' })).json().status).toBe('terminated');
  });
});

describe('lists, workload and the generic supervisor acts', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await runningCase({ projectName: '列表项目 listed', stages: ['initiation', 'planning_permit'] });
  });

  it('lists the caller’s cases with the filters, scoped like a read', async () => {
    const mine = (await ok(await list('agent1'))).items as Array<{ caseId: string; agentId: string }>;
    expect(mine.map((r) => r.caseId)).toContain(caseId);
    expect(new Set(mine.map((r) => r.agentId))).toEqual(new Set([ids.agent1]));
    // Another agent's cases are outside agent2's scope: an empty list, not a 403.
    expect((await ok(await list('agent2', `?agentId=${ids.agent1}`))).items.map((r: { caseId: string }) => r.caseId)).not.toContain(caseId);
    expect((await ok(await list('ent2'))).items.map((r: { caseId: string }) => r.caseId)).not.toContain(caseId);

    const byStage = (await ok(await list('supervisor', `?stage=initiation&status=in_progress&agentId=${ids.agent1}`))).items;
    expect(byStage).toEqual([expect.objectContaining({ caseId, currentStage: 'initiation', waitingOn: 'agent', overdue: false, deadlineAt: expect.any(String) })]);
    expect((await ok(await list('supervisor', '?stage=planning_permit&status=in_progress'))).items.map((r: { caseId: string }) => r.caseId)).not.toContain(caseId);
    expect((await ok(await list('supervisor', '?overdue=true'))).items).toEqual([]);
    expect((await ok(await list('supervisor', '?overdue=false'))).items.map((r: { caseId: string }) => r.caseId)).toContain(caseId);
    // fgw.reviewer sees it as the authority of project_filing; the list agrees with the read.
    expect((await ok(await list('fgw.reviewer'))).items.map((r: { caseId: string }) => r.caseId)).toEqual([caseId]);
    expect((await get(caseId, 'fgw.reviewer')).statusCode).toBe(200);
    expect((await list('ent1', '?overdue=maybe')).statusCode).toBe(400);
  });

  it('shows an agent’s workload with the next deadlines in order; another agent’s is not there', async () => {
    await ok(await act(caseId, 'problem', 'ent1', { text: '用地指标不足 land quota', item: 'land_pre_review' }));
    await ok(await act(caseId, 'request-materials', 'agent1', { item: 'project_filing', request: '可行性研究报告' }));
    const w = await ok(await workload('agent1', 'agent1'));
    expect(w.agentId).toBe(ids.agent1);
    expect(w.openCases).toBeGreaterThanOrEqual(1);
    expect(w.overdueCount).toBe(0);
    const ofCase = w.nextDeadlines.filter((d: { caseId: string }) => d.caseId === caseId).map((d: { clock: string }) => d.clock);
    // The problem (3 working days) comes before the item's 20; tracked totals, the stopped
    // assignment clock and project_filing, stopped while it waits on the enterprise (its date
    // moves when it runs again), are not chased.
    expect(ofCase).toEqual(['problem_1', 'land_pre_review']);
    const times = w.nextDeadlines.map((d: { deadlineAt: string }) => Date.parse(d.deadlineAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(w.waitingOnEnterprise.caseIds).not.toContain(caseId); // land_pre_review still waits on the agent

    expect((await workload('agent1', 'agent2')).statusCode).toBe(404);
    expect((await ok(await workload('agent2', 'agent2'))).openCases).toBe(1); // the one handed over in 'roles and scope'
    expect((await workload('agent1', 'gxj.head')).statusCode).toBe(200);
    expect((await workload('agent1', 'auditor')).statusCode).toBe(200);
    const ent = await workload('agent1', 'ent1');
    expect([ent.statusCode, ent.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await workload('gxj.reviewer', 'supervisor')).statusCode).toBe(404);
  });

  it('the generic reassign points to the proxy route; extend on an item’s clock works', async () => {
    const generic = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/reassign`, headers: bearer(tokens.supervisor!), payload: { assigneeId: ids.agent2, reason: '换人' } });
    expect([generic.statusCode, generic.json().code]).toEqual([409, 'STATE_CONFLICT']);
    expect(generic.json().message).toContain(`POST /api/v1/proxy-cases/${caseId}/reassign`);

    const extended = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/extend`, headers: bearer(tokens.supervisor!), payload: { workingDays: 5, reason: '用地预审需专家论证', stage: 'land_pre_review' } });
    expect(extended.statusCode).toBe(200);
    const item = itemOf(await ok(await get(caseId, 'agent1')), 'land_pre_review');
    expect(item?.clock).toMatchObject({ budgetDays: 25, extensions: [expect.objectContaining({ workingDays: 5 })] });
    expect(await trail(caseId)).toEqual(expect.arrayContaining(['proxy.problem:ok', 'proxy.request-materials:ok', 'case.extend:ok']));
  });

  it('an agent files applications for the enterprise of its open proxy case only', async () => {
    const application = (user: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { ...bearer(tokens[user]!), 'idempotency-key': newKey() },
        payload: { policyCode: 'M09', item: 'exhibition', enterpriseId: ids['ent1:enterprise'], facts: { exhibitionName: '代办展会', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 }, documentIds: [] },
      });
    const byAgent1 = await application('agent1');
    expect(byAgent1.statusCode).toBe(201);
    const byAgent2 = await application('agent2'); // agent2 carries a case of ent1 too (handed over)
    expect(byAgent2.statusCode).toBe(201);
    await ok(await act(caseId, 'terminate', 'ent1', { reason: '不再需要' }));
    const handedBack = await ok(await list('agent2', '?status=in_progress'));
    for (const r of handedBack.items) await ok(await act(r.caseId, 'terminate', 'ent1', { reason: '不再需要' }));
    const open = (await ok(await list('agent1'))).items.filter((r: { closedAt: string | null }) => r.closedAt === null);
    for (const r of open) await ok(await act(r.caseId, 'terminate', 'ent1', { reason: '不再需要' }));
    const afterEnd = await application('agent1');
    expect([afterEnd.statusCode, afterEnd.json().message]).toEqual([403, expect.stringContaining('A proxy agent files only for an enterprise')]);
  });
});
