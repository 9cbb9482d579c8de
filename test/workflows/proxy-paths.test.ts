// The paths of proxyCaseWorkflow (代办, measures 39 and 40), one test each, on the time-skipping
// server with real activities. With RECORD_HISTORY=1 each test writes its history to
// test/histories/proxy-<path>.json, which replay.test.ts replays against the current code.
import { WorkflowUpdateFailedError, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { planOf, type PlanRequest, type ProxyPlan } from '../../domain/proxy/catalogue';
import type { ClockLedger } from '../../domain/sla';
import { proxyCaseWorkflow } from '../../workflows';
import { proxyActUpdate, proxyViewQuery, type ProxyAct } from '../../workflows/proxy/messages';
import type { ProxyCaseInput } from '../../workflows/proxy/state';
import type { ProxyView } from '../../workflows/proxy/view';
import { supervisorActUpdate, type ActorRef } from '../../workflows/sla/messages';
import { type TestDatabase } from '../support/db';
import { workflowTestbed } from '../support/workflow-testbed';
import { eventually } from '../support/eventually';
import { recordRun, runsOf } from '../support/histories';
import { DAY_MS, guardServerClock, serverNow, skipPast as skipServerPast } from '../support/time-skipping';

const TQ = 'proxy-paths-test';
const YEAR = new Date().getUTCFullYear();

const tb = workflowTestbed({ taskQueue: TQ, demoPassword: 'proxy-paths-1', users: ['ent1', 'agent1', 'agent2', 'gxj.head', 'supervisor', 'zjj.reviewer'] });
let env: TestWorkflowEnvironment;
let client: Client;
let tdb: TestDatabase;
let actors: Record<string, ActorRef> = {};
let ent1Id = '';
beforeAll(() => {
  ({ env, client, tdb, actors } = tb);
  ent1Id = tb.enterpriseOf['ent1']!;
});

// Weeks per path (a four-stage project runs months of working days), never years.
guardServerClock(() => env, { maxDaysAhead: 600 });
jest.setTimeout(180_000);

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof proxyCaseWorkflow>;
type WithoutActor<A> = A extends { actor: ActorRef } ? Omit<A, 'actor'> : never;
type Act = WithoutActor<ProxyAct>;

const actor = (username: string): ActorRef => actors[username]!;

let seq = 0;
function planFor(req: PlanRequest): ProxyPlan {
  const r = planOf(req);
  if ('problem' in r) throw new Error(r.problem);
  return r.plan;
}

function proxyCase(req: PlanRequest, o: { byStaff?: boolean } = {}): ProxyCaseInput {
  seq++;
  return {
    caseId: `DB-${YEAR}-8${String(seq).padStart(5, '0')}`,
    title: `代办 path test ${seq}`,
    enterpriseId: ent1Id,
    enterpriseName: '辽源测试企业',
    projectName: `新建厂房项目 ${seq}`,
    projectType: '工业厂房',
    location: '辽源市龙山区',
    investmentFen: 5_000_000_000,
    contact: { name: '王经理', phone: '0437-1234567' },
    plan: planFor(req),
    filedBy: actor(o.byStaff ? 'agent1' : 'ent1'),
    filedByEnterprise: !o.byStaff,
    filedAt: new Date().toISOString(),
  };
}

async function start(i: ProxyCaseInput, continueAsNewAt?: number): Promise<Handle> {
  return client.workflow.start(proxyCaseWorkflow, {
    taskQueue: TQ,
    workflowId: `proxy-${i.caseId}`,
    args: continueAsNewAt ? [i, { continueAsNew: { maxHistoryEvents: continueAsNewAt } }] : [i],
  });
}

async function send(handle: Handle, username: string, a: Act): Promise<ProxyView> {
  return (await handle.executeUpdate(proxyActUpdate, { args: [{ ...a, actor: actor(username) } as ProxyAct] })) as ProxyView;
}

/** The refusal of an act: its failure type and message. */
async function refusal(handle: Handle, username: string, a: Act): Promise<{ type: string | undefined; message: string }> {
  try {
    await send(handle, username, a);
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) throw err;
    return { type: err.cause.type ?? undefined, message: err.cause.message };
  }
  throw new Error(`${a.act} was accepted`);
}

const viewOf = async (handle: Handle): Promise<ProxyView> => handle.query(proxyViewQuery);
const ledger = (v: Pick<ProxyView, 'clocks'>, stage: string): ClockLedger | undefined => [...v.clocks].reverse().find((l) => l.stage === stage);
const skipPast = (iso: string) => skipServerPast(env, iso);
const sleepDays = (days: number) => env.sleep(days * DAY_MS);
const auditActions = async (caseId: string) => (await tdb.repos.audit.listForSubject('case', caseId)).map((r) => r.action);
const acts = (v: ProxyView) => v.history.map((h) => h.act);

/** Assigned to agent1 and entrusted: the first stage runs. */
async function startWork(handle: Handle): Promise<ProxyView> {
  const assigned = await send(handle, 'gxj.head', { act: 'assign', agentId: actor('agent1').userId });
  expect(assigned.state.status).toBe('awaiting_entrustment');
  expect(ledger(assigned, 'assignment')).toEqual(expect.objectContaining({ state: 'stopped', stopReason: 'assigned' }));
  const entrusted = await send(handle, 'ent1', { act: 'entrust', scope: '委托代办立项至竣工验收全部审批事项' });
  expect(entrusted.state.status).toBe('in_progress');
  expect(entrusted.state.entrustment).toEqual(expect.objectContaining({ agentId: actor('agent1').userId, by: 'ent1' }));
  return entrusted;
}

/** Files and approves one item through the agent. */
async function fileAndApprove(handle: Handle, item: string, authority: ProxyCaseInput['plan']['stages'][number]['items'][number]['authority']): Promise<ProxyView> {
  await send(handle, 'agent1', { act: 'submit', item, authority, reference: `受理-${item}` });
  return send(handle, 'agent1', { act: 'approve', item, permitNo: `证-${item}` });
}

it('standard: four stages in order, two parallel items in the first with a return at one, completion record, a good rating', async () => {
  const i = proxyCase({ channel: 'standard' });
  const handle = await start(i);
  const first = await startWork(handle);
  expect(first.currentStage).toBe('initiation');
  // 并联审批: both items of the stage run at once, each with its own clock; the stage's total and the reform target are tracked.
  expect(first.clocks.filter((l) => l.state === 'running').map((l) => [l.stage, l.budgetDays, l.tracking === true])).toEqual([
    ['reform_target', 90, true],
    ['initiation', 20, true],
    ['project_filing', 20, false],
    ['land_pre_review', 20, false],
  ]);
  expect(ledger(first, 'reform_target')?.rungs).toEqual([]);
  expect(ledger(first, 'project_filing')?.rungs.length).toBe(3);

  // An item of a stage that is not running is refused with the reason; one the plan lacks is bad input.
  expect(await refusal(handle, 'agent1', { act: 'submit', item: 'planning_licence', authority: 'ZRZYJ', reference: 'x' })).toEqual({
    type: 'STATE_CONFLICT',
    message: expect.stringContaining('planning_permit, which is not running yet'),
  });
  expect(await refusal(handle, 'agent1', { act: 'approve', item: 'no_such_item', permitNo: 'x' })).toEqual({ type: 'VALIDATION_FAILED', message: expect.stringContaining('no approval item no_such_item') });
  // approve before submit: the authority decides what was filed.
  expect((await refusal(handle, 'agent1', { act: 'approve', item: 'project_filing', permitNo: 'x' })).message).toContain('project_filing is preparing');

  await sleepDays(3);
  await send(handle, 'agent1', { act: 'submit', item: 'project_filing', authority: 'FGW', reference: '发改备〔2026〕1号' });
  const filedLand = await send(handle, 'agent1', { act: 'submit', item: 'land_pre_review', authority: 'ZRZYJ', reference: '自然资预审受理 7' });
  expect(filedLand.state.items.filter((x) => x.stage === 'initiation').map((x) => x.status)).toEqual(['submitted', 'submitted']);
  expect(filedLand.waitingOn).toBe('authority');
  // The authority asks for more: back to preparing, the item's clock stops.
  const returned = await send(handle, 'agent1', { act: 'return', item: 'land_pre_review', reason: '补充用地红线图' });
  expect(returned.state.items.find((x) => x.key === 'land_pre_review')?.status).toBe('returned');
  expect(ledger(returned, 'land_pre_review')).toEqual(expect.objectContaining({ state: 'suspended' }));
  expect(ledger(returned, 'project_filing')?.state).toBe('running');
  const approvedOne = await send(handle, 'agent1', { act: 'approve', item: 'project_filing', permitNo: '2026-220400-00-01' });
  expect(approvedOne.currentStage).toBe('initiation');
  await sleepDays(2);
  const resubmitted = await send(handle, 'agent1', { act: 'submit', item: 'land_pre_review', authority: 'ZRZYJ', reference: '自然资预审受理 7-2' });
  expect(ledger(resubmitted, 'land_pre_review')?.state).toBe('running');
  expect(ledger(resubmitted, 'land_pre_review')?.suspensions).toEqual([expect.objectContaining({ kind: 'supplement', to: expect.any(String) })]);
  const secondStage = await send(handle, 'agent1', { act: 'approve', item: 'land_pre_review', permitNo: '用字第220400202600001号' });
  // The stage is done when all its items are; the next starts at once.
  expect(secondStage.state.stages.map((s) => s.status)).toEqual(['done', 'running', 'pending', 'pending']);
  expect(ledger(secondStage, 'initiation')?.state).toBe('stopped');
  expect(ledger(secondStage, 'planning_licence')).toEqual(expect.objectContaining({ state: 'running', budgetDays: 20 }));

  await sleepDays(4);
  await fileAndApprove(handle, 'planning_licence', 'ZRZYJ');
  await sleepDays(1);
  const fourth = await fileAndApprove(handle, 'construction_licence', 'ZJJ');
  expect(fourth.currentStage).toBe('completion_acceptance');
  await fileAndApprove(handle, 'completion_filing', 'ZJJ');
  const done = await fileAndApprove(handle, 'fire_acceptance', 'ZJJ');

  // 办结: the completion record with the permits and the working days of each stage and in total.
  expect(done.state.status).toBe('awaiting_rating');
  const record = done.state.completion!;
  expect(record.stages.map((s) => s.key)).toEqual(['initiation', 'planning_permit', 'construction_permit', 'completion_acceptance']);
  expect(record.stages[0]?.items.map((x) => x.permitNo)).toEqual(['2026-220400-00-01', '用字第220400202600001号']);
  for (const s of record.stages) expect(s.workingDays).toBe(ledger(done, s.key)?.consumedDays);
  expect(record.totalWorkingDays).toBe(ledger(done, 'reform_target')?.consumedDays);
  expect(record.totalWorkingDays).toBeGreaterThanOrEqual(record.stages[0]!.workingDays);
  expect(record.reformTargetDays).toBe(90);
  expect(done.clocks.every((l) => l.state === 'stopped')).toBe(true);
  expect(done.state.ratingDueAt).toEqual(expect.any(String));

  await send(handle, 'ent1', { act: 'rate', level: 'satisfied', comment: '代办员很专业' });
  const result = await handle.result();
  expect(result.state.status).toBe('completed');
  expect(result.state.rating).toEqual(expect.objectContaining({ level: 'satisfied', by: 'ent1' }));
  expect(result.actsAvailable).toEqual([]);
  expect(acts(result)).toEqual(['file', 'assign', 'entrust', 'submit', 'submit', 'return', 'approve', 'submit', 'approve', 'submit', 'approve', 'submit', 'approve', 'submit', 'approve', 'submit', 'approve', 'rate', 'close']);
  expect(await auditActions(i.caseId)).toEqual(acts(result).filter((a) => a !== 'file' && a !== 'close').map((a) => `proxy.${a}`));
  const row = await tdb.repos.cases.findById(i.caseId);
  expect(row).toEqual(expect.objectContaining({ caseType: 'proxy', status: 'completed', departmentCode: 'GXJ', assigneeId: actor('agent1').userId, slaState: 'stopped' }));
  expect(row?.closedAt).not.toBeNull();
  expect((await tdb.repos.cases.history(i.caseId)).map((h) => h.act)).toEqual(acts(result));
  expect(await recordRun(client, handle.workflowId, undefined, 'proxy-standard-completed')).toBeGreaterThan(20);
});

it('green channel: halved limits, guidance before filing, a quick completion', async () => {
  const i = proxyCase({ channel: 'green' });
  expect(i.plan.stages[0]?.items.map((x) => [x.key, x.workingDays, x.guidance])).toEqual([
    ['licence_change', 5, true],
    ['qualification_renewal', 10, true],
  ]);
  const handle = await start(i);
  const started = await startWork(handle);
  expect(started.currentStage).toBe('green_channel');
  expect(ledger(started, 'licence_change')?.budgetDays).toBe(5);
  expect(ledger(started, 'qualification_renewal')?.budgetDays).toBe(10);
  expect(ledger(started, 'reform_target')?.budgetDays).toBe(45);
  // 提前指导 comes first.
  expect((await refusal(handle, 'agent1', { act: 'submit', item: 'licence_change', authority: 'SCJ', reference: 'r' })).message).toContain('give guidance (提前指导, guide) before filing');
  for (const [item, authority] of [['licence_change', 'SCJ'], ['qualification_renewal', 'ZJJ']] as const) {
    await send(handle, 'agent1', { act: 'guide', item, notes: '提前告知所需材料清单与办理流程' });
    await fileAndApprove(handle, item, authority);
  }
  const done = await viewOf(handle);
  expect(done.state.status).toBe('awaiting_rating');
  expect(done.state.items.map((x) => x.guidance?.by)).toEqual(['agent1', 'agent1']);
  await send(handle, 'ent1', { act: 'rate', level: 'very_satisfied' });
  expect((await handle.result()).state.status).toBe('completed');
  await recordRun(client, handle.workflowId, undefined, 'proxy-green-channel');
});

it('an item waits on the enterprise without consuming its days, then runs late and escalates once per level', async () => {
  const i = proxyCase({ channel: 'standard', stages: ['construction_permit'] });
  const handle = await start(i);
  const started = await startWork(handle);
  // The acts offered are the ones the item takes now: nothing to provide before it is asked for.
  expect(started.actsAvailable).toEqual(expect.arrayContaining(['request-materials', 'submit']));
  expect(started.actsAvailable).not.toContain('provide-materials');
  expect(started.actsAvailable).not.toContain('guide');
  const asked = await send(handle, 'agent1', { act: 'request-materials', item: 'construction_licence', request: '施工合同、监理合同原件' });
  expect(asked.waitingOn).toBe('enterprise');
  expect(asked.actsAvailable).toContain('provide-materials');
  expect(asked.actsAvailable).not.toContain('submit');
  expect(asked.actsAvailable).not.toContain('request-materials');
  expect(asked.state.items[0]?.materialsRequest).toEqual(expect.objectContaining({ by: 'agent1' }));
  // The only item waits: the item's clock, the stage's total and the reform target all stop.
  for (const c of ['construction_licence', 'construction_permit', 'reform_target']) expect(ledger(asked, c)?.state).toBe('suspended');

  // Thirty calendar days of waiting on the enterprise: nothing is counted, nothing escalates.
  await sleepDays(30);
  expect(await tdb.repos.escalations.listForCase(i.caseId)).toEqual([]);
  const provided = await send(handle, 'ent1', { act: 'provide-materials', item: 'construction_licence', note: '已提交合同原件' });
  const item = ledger(provided, 'construction_licence')!;
  expect(item.state).toBe('running');
  expect(item.consumedDays).toBe(0);
  // The deadline counts 15 working days from the resume: at least three weeks later.
  expect(Date.parse(item.deadlineAt!) - (await serverNow(env))).toBeGreaterThan(20 * DAY_MS);
  expect(ledger(provided, 'reform_target')?.state).toBe('running');

  // Then nobody acts: the item runs past its deadline; level 1 and level 2 each fire once.
  await skipPast(item.rungs.find((r) => r.level === 2)!.at);
  const fired = await eventually('the item escalates to levels 1 and 2', () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.length >= 2);
  expect(fired.map((e) => [e.stage, e.level, e.targetDepartment])).toEqual([
    ['construction_licence', 1, 'GXJ'],
    ['construction_licence', 2, 'GXJ'],
  ]);
  // Tracking clocks never escalate, whatever their dates.
  expect(fired.some((e) => e.stage === 'reform_target' || e.stage === 'construction_permit')).toBe(false);
  await fileAndApprove(handle, 'construction_licence', 'ZJJ');
  const closed = await eventually('the escalations close with the item', () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.every((e) => e.closedAt !== null));
  expect(closed.map((e) => e.closedReason)).toEqual(['approved: 证-construction_licence', 'approved: 证-construction_licence']);
  // A level the five of GB/T 39735-2020 do not have is bad input, whoever sends it.
  expect(await refusal(handle, 'ent1', { act: 'rate', level: 'great' as 'satisfied' })).toEqual({ type: 'VALIDATION_FAILED', message: expect.stringContaining('very_satisfied') });
  await send(handle, 'ent1', { act: 'rate', level: 'basically_satisfied' });
  expect((await handle.result()).state.status).toBe('completed');
  await recordRun(client, handle.workflowId, undefined, 'proxy-enterprise-wait-escalated');
});

it('reassignment mid-stage: the handover is recorded and exactly one agent is responsible at every step', async () => {
  const i = proxyCase({ channel: 'standard', stages: ['initiation'] });
  const handle = await start(i);
  const one = (v: ProxyView) => {
    expect(v.assigneeId).not.toBeNull();
    expect(v.state.agentId).toBe(v.assigneeId);
  };
  one(await startWork(handle));
  one(await send(handle, 'agent1', { act: 'submit', item: 'project_filing', authority: 'FGW', reference: 'r1' }));
  const handed = await send(handle, 'supervisor', { act: 'reassign', agentId: actor('agent2').userId, reason: '代办员一休假 agent 1 on leave' });
  one(handed);
  expect(handed.assigneeId).toBe(actor('agent2').userId);
  expect(handed.state.handovers).toEqual([
    expect.objectContaining({
      from: actor('agent1').userId,
      to: actor('agent2').userId,
      reason: '代办员一休假 agent 1 on leave',
      by: 'supervisor',
      openItems: [
        { key: 'project_filing', status: 'submitted' },
        { key: 'land_pre_review', status: 'preparing' },
      ],
    }),
  ]);
  expect((await refusal(handle, 'supervisor', { act: 'reassign', agentId: actor('agent2').userId, reason: 'again' })).message).toContain('assigned to that agent already');
  // The read model's assignee moves with it (agents' lists and scope read that column).
  expect((await tdb.repos.cases.findById(i.caseId))?.assigneeId).toBe(actor('agent2').userId);
  one(await send(handle, 'agent2', { act: 'approve', item: 'project_filing', permitNo: 'p1' }));
  await send(handle, 'agent2', { act: 'submit', item: 'land_pre_review', authority: 'ZRZYJ', reference: 'r2' });
  one(await send(handle, 'agent2', { act: 'approve', item: 'land_pre_review', permitNo: 'p2' }));
  await send(handle, 'ent1', { act: 'rate', level: 'satisfied' });
  const result = await handle.result();
  expect(result.assigneeId).toBe(actor('agent2').userId);
  await recordRun(client, handle.workflowId, undefined, 'proxy-reassigned');
});

it('a problem goes to the supervisor with its own 3-day clock, escalates, and closes when resolved', async () => {
  const i = proxyCase({ channel: 'standard', stages: ['planning_permit'] });
  const handle = await start(i);
  await startWork(handle);
  const raised = await send(handle, 'agent1', { act: 'problem', text: '规划条件与土地出让合同不一致，需协调', item: 'planning_licence' });
  expect(raised.state.problems).toEqual([expect.objectContaining({ id: 1, stage: 'planning_permit', item: 'planning_licence', resolution: null, raisedBy: 'agent1' })]);
  const clock = ledger(raised, 'problem_1')!;
  expect(clock).toEqual(expect.objectContaining({ state: 'running', budgetDays: 3 }));
  expect(await refusal(handle, 'agent1', { act: 'problem', text: 'x', stage: 'initiation' })).toEqual({ type: 'VALIDATION_FAILED', message: expect.stringContaining('no stage initiation') });
  await skipPast(clock.rungs.find((r) => r.level === 2)!.at);
  const fired = await eventually('the problem escalates', () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.filter((e) => e.stage === 'problem_1').length >= 2);
  expect(fired.filter((e) => e.stage === 'problem_1').map((e) => e.level)).toEqual([1, 2]);
  const resolved = await send(handle, 'supervisor', { act: 'resolve-problem', problemId: 1, resolution: '协调自然资源局按出让合同出具规划条件' });
  expect(resolved.state.problems[0]?.resolution).toEqual(expect.objectContaining({ by: 'supervisor' }));
  expect(ledger(resolved, 'problem_1')?.state).toBe('stopped');
  expect((await refusal(handle, 'supervisor', { act: 'resolve-problem', problemId: 1, resolution: 'again' })).message).toContain('resolved already');
  await eventually('the problem escalations close', () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.filter((e) => e.stage === 'problem_1').every((e) => e.closedAt !== null));
  await send(handle, 'agent1', { act: 'note', text: '问题已协调解决，继续办理' });
  await fileAndApprove(handle, 'planning_licence', 'ZRZYJ');
  await send(handle, 'ent1', { act: 'rate', level: 'satisfied' });
  const result = await handle.result();
  expect(result.state.notes).toEqual([expect.objectContaining({ by: 'agent1', role: 'agent' })]);
  await recordRun(client, handle.workflowId, undefined, 'proxy-problem-escalated');
});

it('continue-as-new mid-stage keeps the stages, items, clocks, problems, notes and history', async () => {
  const i = proxyCase({ channel: 'standard', stages: ['initiation', 'construction_permit'] });
  const workflowId = `proxy-${i.caseId}`;
  const handle = await start(i, 60);
  const firstRunId = handle.firstExecutionRunId;
  await startWork(handle);
  await send(handle, 'agent1', { act: 'note', text: '首次对接' });
  await send(handle, 'agent1', { act: 'problem', text: '需协调', stage: 'initiation' });
  const before = await send(handle, 'agent1', { act: 'request-materials', item: 'land_pre_review', request: '用地红线图' });
  await eventually('the case continues as new mid-stage', () => handle.describe(), (d) => d.runId !== firstRunId, { timeoutMs: 20_000 });
  const after = await viewOf(handle);
  expect(after.state).toEqual(before.state);
  expect(after.clocks).toEqual(before.clocks);
  expect(after.assigneeId).toBe(actor('agent1').userId);
  expect(acts(after)).toEqual(['file', 'assign', 'entrust', 'note', 'problem', 'request-materials']);
  await send(handle, 'ent1', { act: 'provide-materials', item: 'land_pre_review', note: '已提供' });
  await send(handle, 'supervisor', { act: 'resolve-problem', problemId: 1, resolution: '已协调' });
  await fileAndApprove(handle, 'project_filing', 'FGW');
  await fileAndApprove(handle, 'land_pre_review', 'ZRZYJ');
  await fileAndApprove(handle, 'construction_licence', 'ZJJ');
  await send(handle, 'ent1', { act: 'rate', level: 'satisfied' });
  const result = await handle.result();
  expect(result.state.status).toBe('completed');
  expect(result.state.completion?.stages.map((s) => s.items.map((x) => x.permitNo))).toEqual([['证-project_filing', '证-land_pre_review'], ['证-construction_licence']]);
  expect(new Set(result.clocks.map((c) => c.episode)).size).toBe(result.clocks.length);
  expect((await tdb.repos.cases.history(i.caseId)).map((h) => h.act)).toEqual(acts(result));
  expect((await auditActions(i.caseId)).length).toBe(acts(result).length - 2);
  const runs = await runsOf(client, workflowId, firstRunId);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  await recordRun(client, workflowId, runs[0]!.runId, 'proxy-continued-as-new-first-run');
  await recordRun(client, workflowId, runs.at(-1)!.runId, 'proxy-continued-as-new-last-run');
});

it('a rating of 不满意 opens a follow-up for the supervisor with a 15-day clock', async () => {
  const i = proxyCase({ channel: 'green', greenItems: ['licence_change'] });
  const handle = await start(i);
  await startWork(handle);
  await send(handle, 'agent1', { act: 'guide', item: 'licence_change', notes: '材料清单' });
  await fileAndApprove(handle, 'licence_change', 'SCJ');
  const rated = await send(handle, 'ent1', { act: 'rate', level: 'dissatisfied', comment: '多次往返 several trips' });
  expect(rated.state.status).toBe('in_follow_up');
  expect(rated.waitingOn).toBe('supervisor');
  expect(ledger(rated, 'follow_up')).toEqual(expect.objectContaining({ state: 'running', budgetDays: 15 }));
  expect(rated.actsAvailable).toEqual(expect.arrayContaining(['complete-follow-up']));
  const done = await send(handle, 'supervisor', { act: 'complete-follow-up', outcome: '约谈代办员，优化材料一次性告知' });
  expect(done.state.status).toBe('completed');
  const result = await handle.result();
  expect(result.state.followUp?.outcome).toEqual(expect.objectContaining({ by: 'supervisor' }));
  expect(ledger(result, 'follow_up')?.state).toBe('stopped');
  await recordRun(client, handle.workflowId, undefined, 'proxy-bad-rating-follow-up');
});

it('filed by staff: waits for the enterprise to confirm, then the enterprise ends the service', async () => {
  const i = proxyCase({ channel: 'standard', stages: ['initiation'] }, { byStaff: true });
  const handle = await start(i);
  const first = await viewOf(handle);
  expect(first.state.status).toBe('awaiting_confirmation');
  expect(first.waitingOn).toBe('enterprise');
  expect(first.clocks).toEqual([]);
  expect((await refusal(handle, 'gxj.head', { act: 'assign', agentId: actor('agent1').userId })).message).toContain('awaiting_confirmation');
  const confirmed = await send(handle, 'ent1', { act: 'confirm' });
  expect(confirmed.state.status).toBe('awaiting_assignment');
  expect(ledger(confirmed, 'assignment')).toEqual(expect.objectContaining({ state: 'running', budgetDays: 1 }));
  await startWork(handle);
  await send(handle, 'ent1', { act: 'terminate', reason: '项目暂缓建设 project postponed' });
  const result = await handle.result();
  expect(result.state.status).toBe('terminated');
  expect(result.state.ending).toEqual(expect.objectContaining({ kind: 'terminated', by: 'ent1' }));
  expect(result.clocks.every((l) => l.state === 'stopped')).toBe(true);
  expect(ledger(result, 'project_filing')?.stopReason).toBe('terminated by the enterprise');
  await recordRun(client, handle.workflowId, undefined, 'proxy-staff-filed-terminated');
});

it('the rating window closes without a rating; a stalled case is closed by a supervisor; supervisor acts work on a named item', async () => {
  const rated = proxyCase({ channel: 'green', greenItems: ['qualification_renewal'] });
  const h1 = await start(rated);
  await startWork(h1);
  // extend on a named item clock (the SLA issue's supervisor acts, with a stage).
  const extended = await h1.executeUpdate(supervisorActUpdate, { args: [{ act: 'extend', actor: actor('supervisor'), reason: '资质审查需专家评审', workingDays: 5, stage: 'qualification_renewal' }] });
  expect(extended.clocks.find((l) => l.stage === 'qualification_renewal')?.extensions).toEqual([expect.objectContaining({ workingDays: 5 })]);
  await send(h1, 'agent1', { act: 'guide', item: 'qualification_renewal', notes: '材料清单' });
  const done = await fileAndApprove(h1, 'qualification_renewal', 'ZJJ');
  await skipPast(done.state.ratingDueAt!);
  const r1 = await h1.result();
  expect(r1.state.status).toBe('completed');
  expect(r1.state.rating).toBeNull();
  expect(acts(r1).slice(-2)).toEqual(['rating-expired', 'close']);

  const stalled = proxyCase({ channel: 'standard', stages: ['construction_permit'] });
  const h2 = await start(stalled);
  await startWork(h2);
  await send(h2, 'supervisor', { act: 'close-stalled', conclusion: '企业三个月未提供材料，经联系确认项目停建' });
  const r2 = await h2.result();
  expect(r2.state.status).toBe('closed_by_supervisor');
  expect(r2.clocks.every((l) => l.state === 'stopped')).toBe(true);
  await recordRun(client, h1.workflowId, undefined, 'proxy-rating-expired');
});
