// The paths of appealWorkflow (诉求, measures 45 and 46), one test each, on the time-skipping server
// with real activities. With RECORD_HISTORY=1 each test writes its history to
// test/histories/appeal-<path>.json, which replay.test.ts replays against the current code.
import { WorkflowUpdateFailedError, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_APPEAL_LIMITS, proposeDispatch, type AppealCategory } from '../../domain/appeal/catalogue';
import type { ClockLedger } from '../../domain/sla';
import { appealWorkflow } from '../../workflows';
import { appealActUpdate, appealViewQuery, type AppealAct } from '../../workflows/appeal/messages';
import { responsibility, type AppealInput } from '../../workflows/appeal/state';
import type { AppealView } from '../../workflows/appeal/view';
import type { ActorRef } from '../../workflows/sla/messages';
import { type TestDatabase } from '../support/db';
import { workflowTestbed } from '../support/workflow-testbed';
import { eventually } from '../support/eventually';
import { recordRun } from '../support/histories';
import { guardServerClock, skipPast as skipServerPast } from '../support/time-skipping';

const TQ = 'appeal-paths-test';
const YEAR = new Date().getUTCFullYear();

const tb = workflowTestbed({ taskQueue: TQ, demoPassword: 'appeal-paths-1', users: ['ent1', 'gxj.reviewer', 'supervisor', 'nyj.reviewer', 'rmyh.reviewer', 'zrzyj.reviewer', 'fy.reviewer'] });
let env: TestWorkflowEnvironment;
let client: Client;
let tdb: TestDatabase;
let actors: Record<string, ActorRef> = {};
let ent1Id = '';
beforeAll(() => {
  ({ env, client, tdb, actors } = tb);
  ent1Id = tb.enterpriseOf['ent1']!;
});

guardServerClock(() => env, { maxDaysAhead: 200 });
jest.setTimeout(120_000);

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof appealWorkflow>;
type WithoutActor<A> = A extends { actor: ActorRef } ? Omit<A, 'actor'> : never;
type Act = WithoutActor<AppealAct>;

let seq = 0;
function appeal(category: AppealCategory, related: { code: string; lead: 'NYJ' | 'RMYH' } | null = null): AppealInput {
  seq++;
  return {
    caseId: `SQ-${YEAR}-9${String(seq).padStart(5, '0')}`,
    title: `诉求 path test ${seq}`,
    enterpriseId: ent1Id,
    enterpriseName: '辽源测试企业',
    category,
    description: '屋顶光伏并网手续办理缓慢',
    relatedPolicyCode: related?.code ?? null,
    relatedCaseId: null,
    contactPhone: '13800000000',
    proposal: proposeDispatch(category, related ? { code: related.code, lead: related.lead, co: [] } : null),
    limits: DEFAULT_APPEAL_LIMITS,
    filedBy: actors['ent1']!,
    filedAt: new Date().toISOString(),
  };
}

async function start(i: AppealInput): Promise<Handle> {
  const handle = await client.workflow.start(appealWorkflow, { taskQueue: TQ, workflowId: `appeal-${i.caseId}`, args: [i] });
  // The acceptance clock runs from the filing.
  await eventually('the acceptance clock runs', () => handle.query(appealViewQuery), (v) => v.clocks.some((l) => l.stage === 'acceptance'));
  return handle;
}

const send = async (handle: Handle, username: string, a: Act): Promise<AppealView> =>
  (await handle.executeUpdate(appealActUpdate, { args: [{ ...a, actor: actors[username]! } as AppealAct] })) as AppealView;

async function refusal(handle: Handle, username: string, a: Act): Promise<{ type: string | undefined; message: string }> {
  try {
    await send(handle, username, a);
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) throw err;
    return { type: err.cause.type ?? undefined, message: err.cause.message };
  }
  throw new Error(`${a.act} was accepted`);
}

const ledger = (v: Pick<AppealView, 'clocks'>, stage: string): ClockLedger | undefined => [...v.clocks].reverse().find((l) => l.stage === stage);
const acts = (v: AppealView) => v.history.map((h) => h.act);
/** Who answers for the appeal now, with a deadline (全兜底). */
const owner = (v: AppealView) => responsibility(v.state, v.clocks);

/** Accepted (general) and dispatched to NYJ with RMYH: awaiting NYJ's signature. */
async function acceptAndDispatch(handle: Handle): Promise<AppealView> {
  const accepted = await send(handle, 'gxj.reviewer', { act: 'accept', priority: 'general' });
  expect(owner(accepted)).toEqual({ party: 'dispatcher', department: 'GXJ', deadlineAt: ledger(accepted, 'dispatch')?.deadlineAt });
  const dispatched = await send(handle, 'gxj.reviewer', { act: 'dispatch', leadDepartment: 'NYJ', coDepartments: ['RMYH'] });
  expect(dispatched.state.status).toBe('awaiting_sign');
  expect(owner(dispatched)).toEqual({ party: 'lead_department', department: 'NYJ', deadlineAt: ledger(dispatched, 'sign')?.deadlineAt });
  return dispatched;
}

/** Signed, a contribution, the reply. */
async function handleAndReply(handle: Handle, resolved = true): Promise<AppealView> {
  const signed = await send(handle, 'nyj.reviewer', { act: 'sign-for' });
  expect(ledger(signed, 'handling')).toEqual(expect.objectContaining({ state: 'running', budgetDays: 7 }));
  await send(handle, 'rmyh.reviewer', { act: 'contribute', text: '可申请绿色信贷支持' });
  const replied = await send(handle, 'nyj.reviewer', { act: 'reply', text: '已协调供电公司五个工作日内完成并网验收', resolved });
  expect(replied.state.status).toBe('awaiting_rating');
  expect(owner(replied)).toEqual({ party: 'enterprise', department: null, deadlineAt: replied.state.ratingDueAt });
  return replied;
}

it('the full loop: accepted, dispatched by the related measure, signed, contributed, replied, rated satisfied', async () => {
  const i = appeal('energy', { code: 'M29', lead: 'NYJ' });
  expect(i.proposal).toEqual({ leadDepartment: 'NYJ', coDepartments: [], reason: 'the lead department of M29' });
  const handle = await start(i);
  const first = await handle.query(appealViewQuery);
  expect(owner(first)).toEqual({ party: 'platform', department: 'GXJ', deadlineAt: ledger(first, 'acceptance')?.deadlineAt });
  expect((await refusal(handle, 'nyj.reviewer', { act: 'sign-for' })).type).toBe('STATE_CONFLICT');
  await acceptAndDispatch(handle);
  await handleAndReply(handle);
  await send(handle, 'ent1', { act: 'rate', level: 'satisfied', comment: '问题解决' });
  const result = await handle.result();
  expect(result.state.status).toBe('closed');
  expect(owner(result)).toEqual({ party: null, department: null, deadlineAt: null });
  expect(result.state.acceptance?.onTime).toBe(true);
  expect(result.state.signs.map((s) => [s.department, s.onTime])).toEqual([['NYJ', true]]);
  expect(result.state.replies.map((r) => [r.department, r.onTime, r.resolved])).toEqual([['NYJ', true, true]]);
  expect(result.state.contributions).toEqual([expect.objectContaining({ department: 'RMYH' })]);
  expect(result.clocks.map((l) => [l.stage, l.state])).toEqual([
    ['acceptance', 'stopped'],
    ['dispatch', 'stopped'],
    ['sign', 'stopped'],
    ['handling', 'stopped'],
  ]);
  expect(acts(result)).toEqual(['file', 'accept', 'dispatch', 'sign-for', 'contribute', 'reply', 'rate', 'close']);
  expect((await tdb.repos.audit.listForSubject('case', i.caseId)).map((r) => r.action)).toEqual(['appeal.accept', 'appeal.dispatch', 'appeal.sign-for', 'appeal.contribute', 'appeal.reply', 'appeal.rate']);
  const row = await tdb.repos.cases.findById(i.caseId);
  expect(row).toEqual(expect.objectContaining({ caseType: 'appeal', status: 'closed', departmentCode: 'NYJ', policyCode: 'M29' }));
  expect(await recordRun(client, handle.workflowId, undefined, 'appeal-closed-satisfied')).toBeGreaterThan(20);
});

it('a return within two working days goes back to dispatch; after the window the lead department keeps it', async () => {
  const handle = await start(appeal('land'));
  await acceptAndDispatch(handle);
  const back = await send(handle, 'nyj.reviewer', { act: 'return', reason: '属于用地问题，应由自然资源局办理' });
  expect(back.state.status).toBe('awaiting_dispatch');
  expect(back.state.leadDepartment).toBeNull();
  expect(owner(back)).toEqual({ party: 'dispatcher', department: 'GXJ', deadlineAt: ledger(back, 'dispatch')?.deadlineAt });
  expect(back.state.returns).toEqual([expect.objectContaining({ department: 'NYJ' })]);
  const again = await send(handle, 'gxj.reviewer', { act: 'dispatch', leadDepartment: 'ZRZYJ', coDepartments: [] });
  await send(handle, 'zrzyj.reviewer', { act: 'sign-for' });
  await skipPast(again.state.returnDueAt!);
  expect((await refusal(handle, 'zrzyj.reviewer', { act: 'return', reason: 'late' })).message).toContain('return window');
  await send(handle, 'zrzyj.reviewer', { act: 'reply', text: '已纳入供地计划', resolved: true });
  await send(handle, 'ent1', { act: 'rate', level: 'basically_satisfied' });
  const result = await handle.result();
  expect(result.state.dispatches.map((d) => d.leadDepartment)).toEqual(['NYJ', 'ZRZYJ']);
  expect(result.clocks.filter((l) => l.stage === 'dispatch')).toHaveLength(2);
  await recordRun(client, handle.workflowId, undefined, 'appeal-returned-redispatched');
});

it('an unsigned appeal escalates to the lead department head, then to GXJ supervision', async () => {
  const i = appeal('energy', { code: 'M29', lead: 'NYJ' });
  const handle = await start(i);
  const dispatched = await acceptAndDispatch(handle);
  const sign = ledger(dispatched, 'sign')!;
  await skipPast(sign.rungs.find((r) => r.level === 2)!.at);
  const fired = await eventually('the unsigned appeal escalates', () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.length >= 2);
  expect(fired.map((e) => [e.stage, e.level, e.caseDepartment, e.targetDepartment])).toEqual([
    ['sign', 1, 'NYJ', 'NYJ'],
    ['sign', 2, 'NYJ', 'GXJ'],
  ]);
  const signed = await send(handle, 'nyj.reviewer', { act: 'sign-for', note: '迟签' });
  expect(signed.state.signs[0]?.onTime).toBe(false);
  await eventually('the escalations close on signing', () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.every((e) => e.closedAt !== null));
  await send(handle, 'nyj.reviewer', { act: 'reply', text: '已答复', resolved: false });
  await send(handle, 'ent1', { act: 'rate', level: 'satisfied' });
  await handle.result();
  await recordRun(client, handle.workflowId, undefined, 'appeal-unsigned-escalated');
});

it('reopened twice by dissatisfied ratings, then concluded by the supervisor', async () => {
  const handle = await start(appeal('energy', { code: 'M29', lead: 'NYJ' }));
  await acceptAndDispatch(handle);
  await handleAndReply(handle, false);
  for (const round of [1, 2]) {
    const reopened = await send(handle, 'ent1', { act: 'rate', level: 'dissatisfied', comment: `第${round}次不满意` });
    expect(reopened.state.status).toBe('awaiting_redispatch');
    expect(reopened.state.reopenCount).toBe(round);
    expect(owner(reopened)).toEqual({ party: 'supervisor', department: 'GXJ', deadlineAt: ledger(reopened, 'redispatch')?.deadlineAt });
    await send(handle, 'supervisor', { act: 'dispatch', leadDepartment: 'NYJ', coDepartments: ['RMYH'], note: '重办' });
    await handleAndReply(handle, false);
  }
  const last = await send(handle, 'ent1', { act: 'rate', level: 'dissatisfied', comment: '仍不满意' });
  expect(last.state.status).toBe('awaiting_conclusion');
  expect(last.state.reopenCount).toBe(2);
  expect(owner(last)).toEqual({ party: 'supervisor', department: 'GXJ', deadlineAt: ledger(last, 'conclusion')?.deadlineAt });
  await send(handle, 'supervisor', { act: 'conclude', conclusion: '经核实已依法依规答复，诉求超出政策范围，作结案处理' });
  const result = await handle.result();
  expect(result.state.status).toBe('concluded');
  expect(result.state.ratings.map((r) => r.level)).toEqual(['dissatisfied', 'dissatisfied', 'dissatisfied']);
  expect(result.state.dispatches).toHaveLength(3);
  await recordRun(client, handle.workflowId, undefined, 'appeal-reopened-twice-concluded');
});

it('no rating within five working days closes the appeal not_rated; not-accept ends one at once', async () => {
  const handle = await start(appeal('orders'));
  await acceptAndDispatch(handle);
  const replied = await handleAndReply(handle);
  await skipPast(replied.state.ratingDueAt!);
  const result = await handle.result();
  expect(result.state.status).toBe('not_rated');
  expect(acts(result).slice(-2)).toEqual(['not-rated', 'close']);
  await recordRun(client, handle.workflowId, undefined, 'appeal-not-rated');

  const other = await start(appeal('other'));
  await send(other, 'gxj.reviewer', { act: 'not-accept', reason: '属于民事纠纷，不在平台受理范围', referral: '可向辽源市人民法院起诉' });
  const r2 = await other.result();
  expect(r2.state.status).toBe('not_accepted');
  expect(r2.clocks.every((l) => l.state === 'stopped')).toBe(true);
});

it('litigation (measure 46): the court leads the same loop', async () => {
  const i = appeal('litigation');
  expect(i.proposal.leadDepartment).toBe('FY');
  const handle = await start(i);
  await send(handle, 'gxj.reviewer', { act: 'accept', priority: 'urgent' });
  expect((await refusal(handle, 'gxj.reviewer', { act: 'dispatch', leadDepartment: 'FY', coDepartments: ['FY'] })).type).toBe('VALIDATION_FAILED');
  await send(handle, 'gxj.reviewer', { act: 'dispatch', leadDepartment: 'FY', coDepartments: [] });
  const signed = await send(handle, 'fy.reviewer', { act: 'sign-for' });
  // Urgent: one working day to handle.
  expect(ledger(signed, 'handling')?.budgetDays).toBe(1);
  await send(handle, 'fy.reviewer', { act: 'reply', text: '已开辟绿色通道快立快执', resolved: true });
  await send(handle, 'ent1', { act: 'rate', level: 'satisfied' });
  const result = await handle.result();
  expect(result.state.status).toBe('closed');
  expect(result.state.leadDepartment).toBe('FY');
  await recordRun(client, handle.workflowId, undefined, 'appeal-litigation');
});

const skipPast = (iso: string) => skipServerPast(env, iso);
