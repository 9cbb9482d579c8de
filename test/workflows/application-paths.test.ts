// Every path of applicationWorkflow to its end, one test each, on the time-skipping server with
// real activities and the in-process payment gateway. With RECORD_HISTORY=1 each test writes its
// workflow's history to test/histories/application-<path>.json, which replay.test.ts replays
// against the current code (so a rewrite of the workflow must decide every path as this code did).
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { ClockLedger } from '../../domain/sla';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { applicationWorkflow } from '../../workflows';
import { applicationActUpdate, applicationViewQuery, bankAccountUpdatedSignal, fundsAvailableSignal, type ApplicationAct } from '../../workflows/application/messages';
import type { ApplicationInput, QuoteSummary } from '../../workflows/application/state';
import type { ApplicationView } from '../../workflows/application/workflow';
import { supervisorActUpdate, type ActorRef, type SupervisorActInput } from '../../workflows/sla/messages';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { recordRun, runsOf } from '../support/histories';
import { startTimeSkippingServer, workflowBundle, startWorker, type RunningWorker } from '../support/temporal';
import { guardServerClock, lockedClient, serverNow, skipPast as skipServerPast } from '../support/time-skipping';

const TQ = 'application-paths-test';
/** An account number the stand-in bank treats as closed: a payment into it is refused. */
const CLOSED_ACCOUNT = '6222000000000009';
const GOOD_ACCOUNT = { ent1: '6222021234567890123', ent2: '6222029876543210987' } as const;
const YEAR = new Date().getUTCFullYear();

let env: TestWorkflowEnvironment;
/** Waiting for a result through it keeps time skipping locked (test/support/time-skipping.ts). */
let client: Client;
let tdb: TestDatabase;
let worker: RunningWorker;
const actors: Record<string, ActorRef> = {};
const enterprises: Record<'ent1' | 'ent2', string> = { ent1: '', ent2: '' };

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  client = lockedClient(env);
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'application-paths-1');
  for (const username of ['ent1', 'ent2', 'gxj.reviewer', 'gxj.head', 'scj.reviewer', 'supervisor']) {
    const u = (await tdb.repos.users.findByUsername(username))!;
    actors[username] = { userId: u.id, username: u.username, role: u.role, departmentCode: u.departmentCode };
    if (username === 'ent1' || username === 'ent2') enterprises[username] = u.enterpriseId!;
  }
  for (const ent of ['ent1', 'ent2'] as const) {
    await tdb.repos.funding.setBankAccount(enterprises[ent], { accountName: ent, accountNo: GOOD_ACCOUNT[ent], bankName: '中国工商银行辽源分行' }, 'test', new Date());
  }
  await tdb.repos.funding.setBudget(YEAR, 'M09', 10_000_000, 'test', new Date());
  await tdb.repos.funding.setBudget(YEAR, 'M05', 10_000_000, 'test', new Date());
  worker = await startWorker(env, { taskQueue: TQ, workflowBundle: await workflowBundle(), activities: createActivities({ repos: tdb.repos, now: () => new Date(), payments: new InProcessPaymentGateway(tdb.repos.funding, { closedAccounts: [CLOSED_ACCOUNT] }) }) });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await tdb?.drop();
});

// The server clock moves only by env.sleep to chosen instants: weeks per path, never years.
guardServerClock(() => env, { maxDaysAhead: 400 });

// Paths that wait through publicity and payment take longer on a busy machine.
jest.setTimeout(120_000);

type CaseView = ApplicationView & { clock: ClockLedger | null };
type Handle = WorkflowHandle<typeof applicationWorkflow>;
/** An act as the tests send it: the actor is named by username. */
type WithoutActor<A> = A extends { actor: ActorRef } ? Omit<A, 'actor'> : never;
type Act = WithoutActor<ApplicationAct>;

const actor = (username: string): ActorRef => actors[username]!;

let seq = 0;
function exhibitionCase(o: { enterprise?: 'ent1' | 'ent2'; budgetYear?: number } = {}): ApplicationInput {
  seq++;
  const enterprise = o.enterprise ?? 'ent1';
  const name = `路径展${seq}`;
  return {
    caseId: `SB-${YEAR}-7${String(seq).padStart(5, '0')}`,
    title: `path test ${seq}`,
    enterpriseId: enterprises[enterprise],
    filedBy: actor(enterprise),
    policyCode: 'M09',
    item: 'exhibition',
    kind: 'award',
    facts: { exhibitionName: name, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 },
    documents: [{ name: '申报表.pdf', sha256: 'a'.repeat(64), size: 1024 }],
    catalogueVersion: 1,
    quote: quote('M09', 'exhibition', 300_000, { limitKey: 'applicant', period: name }),
    leadDepartment: 'GXJ',
    coDepartments: [],
    sla: { acceptanceDays: 5, reviewDays: 20, publicityDays: 5, supplementDays: 10, paymentDays: 15 },
    startDayCounts: false,
    filedAt: new Date().toISOString(),
    budgetYear: o.budgetYear ?? YEAR,
  };
}

function quote(policyCode: string, item: string, amountFen: number, record: { limitKey: string; period?: string } | null): QuoteSummary {
  return {
    eligible: true,
    amountFen,
    breakdown: [],
    reasons: [],
    pending: [],
    awardRecords: record ? [{ policyCode, item, amountFen, ...record }] : [],
  };
}

async function start(i: ApplicationInput): Promise<Handle> {
  return client.workflow.start(applicationWorkflow, { taskQueue: TQ, workflowId: `application-${i.caseId}`, args: [i] });
}

async function send(handle: Handle, username: string, a: Act): Promise<CaseView> {
  return (await handle.executeUpdate(applicationActUpdate, { args: [{ ...a, actor: actor(username) } as ApplicationAct] })) as CaseView;
}

async function supervise(handle: Handle, a: Omit<SupervisorActInput, 'actor'>) {
  return handle.executeUpdate(supervisorActUpdate, { args: [{ ...a, actor: actor('supervisor') }] });
}

const viewOf = async (handle: Handle): Promise<CaseView> => (await handle.query(applicationViewQuery)) as CaseView;

/** Moves the server's time a minute past `iso`. */
const skipPast = (iso: string) => skipServerPast(env, iso);

const auditActions = async (caseId: string) => (await tdb.repos.audit.listForSubject('case', caseId)).map((r) => r.action);
const historyActs = (v: ApplicationView) => v.state.history.map((h) => h.act);

/** The end of every path: the read model and the clock agree with the result, the clock is stopped. */
async function expectClosed(handle: Handle, result: ApplicationView, status: string, stopReason: string): Promise<CaseView> {
  expect(result.state.status).toBe(status);
  expect(result.state.closedAt).toEqual(expect.any(String));
  expect(result.actsAvailable).toEqual([]);
  const after = await viewOf(handle);
  expect(after.clock?.state).toBe('stopped');
  expect(after.clock?.stopReason).toBe(stopReason);
  const row = await tdb.repos.cases.findById(result.input.caseId);
  expect(row).toEqual(expect.objectContaining({ status, slaState: 'stopped', deadlineAt: null }));
  expect(row?.closedAt).not.toBeNull();
  return after;
}

/** RECORD_HISTORY=1 writes the history the replay test replays (test/histories/application-<name>.json). */
async function recordHistory(handle: Handle, name: string): Promise<void> {
  expect(await recordRun(client, handle.workflowId, undefined, `application-${name}`)).toBeGreaterThan(20);
}

/** Accepts and approves a case for its full quote; it is then in publicity (no co-departments). */
async function acceptAndApprove(handle: Handle, i: ApplicationInput): Promise<CaseView> {
  const accepted = await send(handle, 'gxj.reviewer', { act: 'accept' });
  expect(accepted.state.status).toBe('under_review');
  expect(accepted.clock?.stage).toBe('review');
  const approved = await send(handle, 'gxj.reviewer', { act: 'approve', amountFen: i.quote.amountFen, opinion: '符合条件 meets the rule' });
  expect(approved.state.status).toBe('in_publicity');
  expect(approved.clock?.state).toBe('suspended');
  return approved;
}

/** Lets the publicity period run out and waits for the case to end. */
async function passPublicity(handle: Handle, v: CaseView): Promise<ApplicationView> {
  await skipPast(v.state.publicity!.until);
  return handle.result();
}

it('rejected: accept, then reject at review', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  await send(handle, 'gxj.reviewer', { act: 'accept', opinion: '材料齐全' });
  const rejected = await send(handle, 'gxj.reviewer', { act: 'reject', reason: '展会不在支持目录 not an exhibition GXJ organised' });
  expect(rejected.state.status).toBe('rejected');
  const result = await handle.result();
  await expectClosed(handle, result, 'rejected', 'rejected');
  expect(result.state.decision).toEqual(expect.objectContaining({ outcome: 'rejected', amountFen: null, by: 'gxj.reviewer' }));
  expect(result.state.funding.commitment).toBe('none');
  expect(result.assigneeId).toBe(actor('gxj.reviewer').userId);
  expect(historyActs(result)).toEqual(['file', 'accept', 'reject', 'close']);
  expect(await auditActions(i.caseId)).toEqual(['application.accept', 'application.reject']);
  await recordHistory(handle, 'rejected');
});

it('not-accepted: not-accept at acceptance', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  await send(handle, 'gxj.reviewer', { act: 'not-accept', reason: '不属于支持范围 out of scope' });
  const result = await handle.result();
  const after = await expectClosed(handle, result, 'not_accepted', 'not accepted');
  expect(after.clock?.stage).toBe('acceptance');
  expect(result.state.decision).toEqual(expect.objectContaining({ outcome: 'not_accepted', opinion: '不属于支持范围 out of scope' }));
  expect(result.assigneeId).toBeNull();
  expect(historyActs(result)).toEqual(['file', 'not-accept', 'close']);
  expect(await auditActions(i.caseId)).toEqual(['application.not-accept']);
  await recordHistory(handle, 'not-accepted');
});

it('supplement-expired: a supplement is requested and the window runs out', async () => {
  const i = exhibitionCase({ enterprise: 'ent2' });
  const handle = await start(i);
  const asked = await send(handle, 'gxj.reviewer', { act: 'request-supplement', items: [{ name: '参展合同 contract', reason: '缺少参展合同' }] });
  expect(asked.state.status).toBe('awaiting_supplement');
  expect(asked.clock?.state).toBe('suspended');
  expect(asked.clock?.suspensions.map((s) => s.kind)).toEqual(['supplement']);
  await skipPast(asked.state.supplementRequest!.dueAt);
  const result = await handle.result();
  const after = await expectClosed(handle, result, 'expired_supplement', 'expired_supplement');
  expect(after.clock?.stage).toBe('acceptance');
  expect(after.clock?.suspensions.every((s) => s.to !== null)).toBe(true);
  expect(result.state.supplementRequest?.closed).toBe(true);
  expect(result.state.decision).toBeNull();
  expect(historyActs(result)).toEqual(['file', 'request-supplement', 'expire-supplement', 'close']);
  expect(await auditActions(i.caseId)).toEqual(['application.request-supplement']);
  await recordHistory(handle, 'supplement-expired');
});

it('supplemented: the enterprise supplies documents and corrected facts, the case is re-quoted, accepted, approved and paid', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  await send(handle, 'gxj.reviewer', { act: 'request-supplement', items: [{ name: '展位费发票 booth invoice', reason: '展位费与发票不符' }] });
  const supplied = await send(handle, 'ent1', {
    act: 'supplement',
    documents: [{ name: '展位费发票.pdf', sha256: 'b'.repeat(64), size: 2048 }],
    facts: { boothFeeFen: 400_000 },
  });
  expect(supplied.state.status).toBe('awaiting_acceptance');
  expect(supplied.clock?.state).toBe('running');
  expect(supplied.state.documents).toHaveLength(2);
  // (400 000 + 300 000 + 100 000) × 30 %
  expect(supplied.state.quote.amountFen).toBe(240_000);
  expect(supplied.state.facts).toEqual(expect.objectContaining({ boothFeeFen: 400_000, travelFen: 300_000 }));
  const approved = await acceptAndApprove(handle, { ...i, quote: supplied.state.quote });
  expect(approved.state.decision?.amountFen).toBe(240_000);
  const result = await passPublicity(handle, approved);
  await expectClosed(handle, result, 'paid', 'paid');
  expect(result.state.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 1, failure: null }));
  expect((await tdb.repos.funding.commitmentOf(i.caseId))?.amountFen).toBe(240_000);
  expect(historyActs(result)).toEqual(['file', 'request-supplement', 'supplement', 'accept', 'approve', 'publicity-passed', 'close']);
  expect(await auditActions(i.caseId)).toEqual(['application.request-supplement', 'application.supplement', 'application.accept', 'application.approve']);
  await recordHistory(handle, 'supplemented');
});

it('payment-failed-then-paid: the bank refuses the account, the enterprise corrects it, the case pays', async () => {
  const ent = enterprises.ent2;
  await tdb.repos.funding.setBankAccount(ent, { accountName: 'ent2', accountNo: CLOSED_ACCOUNT, bankName: '中国工商银行辽源分行' }, 'test', new Date());
  const i = exhibitionCase({ enterprise: 'ent2' });
  const handle = await start(i);
  const approved = await acceptAndApprove(handle, i);
  await skipPast(approved.state.publicity!.until);
  const failed = await eventually(`${i.caseId} payment_failed`, () => viewOf(handle), (v) => v.state.status === 'payment_failed', { timeoutMs: 30_000 });
  expect(failed.stageDepartment).toBe('CZJ');
  expect(failed.state.funding).toEqual(expect.objectContaining({ commitment: 'committed', attempts: 1, transferRef: null }));
  expect(failed.state.funding.failure).toContain('closed');
  expect(failed.clock).toEqual(expect.objectContaining({ stage: 'funding', state: 'suspended' }));

  await tdb.repos.funding.setBankAccount(ent, { accountName: 'ent2', accountNo: GOOD_ACCOUNT.ent2, bankName: '中国工商银行辽源分行' }, 'ent2', new Date(await serverNow(env)));
  await handle.signal(bankAccountUpdatedSignal, { enterpriseId: ent });
  const result = await handle.result();
  await expectClosed(handle, result, 'paid', 'paid');
  expect(result.state.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 2, failure: null, account: expect.stringMatching(/0987$/) }));
  const payments = await tdb.db.prisma.payment.findMany({ where: { caseId: i.caseId }, orderBy: { createdAt: 'asc' } });
  expect(payments.map((p) => [p.idempotencyKey, p.status])).toEqual([
    [`${i.caseId}:payment:1`, 'refused'],
    [`${i.caseId}:payment:2`, 'succeeded'],
  ]);
  expect(historyActs(result)).toEqual(['file', 'accept', 'approve', 'publicity-passed', 'payment-failed', 'close']);
  await recordHistory(handle, 'payment-failed-then-paid');
});

it('objection-upheld: an objection during publicity is upheld and the case is rejected', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  await acceptAndApprove(handle, i);
  const objected = await send(handle, 'ent2', { act: 'objection', text: '该企业未实际参展 did not exhibit' });
  expect(objected.state.status).toBe('under_review');
  expect(objected.state.publicity).toBeNull();
  expect(objected.clock).toEqual(expect.objectContaining({ stage: 'review', state: 'running' }));
  const upheld = await send(handle, 'gxj.reviewer', { act: 'resolve-objection', upheld: true, opinion: '核实未参展' });
  expect(upheld.state.status).toBe('rejected');
  const result = await handle.result();
  await expectClosed(handle, result, 'rejected', 'rejected after objection');
  expect(result.state.decision).toEqual(expect.objectContaining({ outcome: 'rejected', amountFen: null, opinion: '异议成立 objection upheld: 核实未参展' }));
  expect(result.state.objections).toEqual([expect.objectContaining({ by: 'ent2', resolution: expect.objectContaining({ upheld: true, by: 'gxj.reviewer' }) })]);
  expect(result.state.funding.commitment).toBe('none');
  expect(historyActs(result)).toEqual(['file', 'accept', 'approve', 'objection', 'resolve-objection', 'close']);
  expect(await auditActions(i.caseId)).toEqual(['application.accept', 'application.approve', 'application.objection', 'application.resolve-objection']);
  await recordHistory(handle, 'objection-upheld');
});

it('objection-dismissed: the objection is not upheld, publicity starts again, passes and the case pays', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  const first = await acceptAndApprove(handle, i);
  await send(handle, 'ent2', { act: 'objection', text: '费用虚高 costs inflated' });
  const dismissed = await send(handle, 'gxj.reviewer', { act: 'resolve-objection', upheld: false, opinion: '发票核实无误' });
  expect(dismissed.state.status).toBe('in_publicity');
  expect(dismissed.clock?.state).toBe('suspended');
  expect(Date.parse(dismissed.state.publicity!.from)).toBeGreaterThanOrEqual(Date.parse(first.state.publicity!.from));
  const result = await passPublicity(handle, dismissed);
  await expectClosed(handle, result, 'paid', 'paid');
  expect(result.state.decision).toEqual(expect.objectContaining({ outcome: 'approved', amountFen: 300_000 }));
  expect(result.state.objections).toEqual([expect.objectContaining({ resolution: expect.objectContaining({ upheld: false }) })]);
  expect(result.state.publicity?.closed).toBe(true);
  expect(result.state.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 1 }));
  expect(historyActs(result)).toEqual(['file', 'accept', 'approve', 'objection', 'resolve-objection', 'publicity-passed', 'close']);
  await recordHistory(handle, 'objection-dismissed');
});

it('withdrawn: the enterprise withdraws during review', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  await send(handle, 'gxj.reviewer', { act: 'accept' });
  const withdrawn = await send(handle, 'ent1', { act: 'withdraw', reason: '不再申请 no longer applying' });
  expect(withdrawn.state.status).toBe('withdrawn');
  const result = await handle.result();
  const after = await expectClosed(handle, result, 'withdrawn', 'withdrawn');
  expect(after.clock?.stage).toBe('review');
  expect(result.state.decision).toBeNull();
  expect(historyActs(result)).toEqual(['file', 'accept', 'withdraw', 'close']);
  expect(await auditActions(i.caseId)).toEqual(['application.accept', 'application.withdraw']);
  await recordHistory(handle, 'withdrawn');
});

it('countersign: a co-department disagrees, the lead approves again, the co-department agrees, and the case pays', async () => {
  // M05 (lead SCJ, co-department GXJ), provincial title: 50 000 yuan.
  const base = exhibitionCase();
  const i: ApplicationInput = {
    ...base,
    policyCode: 'M05',
    item: 'brand-title',
    facts: { level: 'provincial', titleName: `吉致吉品${seq}` },
    quote: quote('M05', 'brand-title', 5_000_000, { limitKey: `吉致吉品${seq}` }),
    leadDepartment: 'SCJ',
    coDepartments: ['GXJ'],
  };
  const handle = await start(i);
  const accepted = await send(handle, 'scj.reviewer', { act: 'accept' });
  expect(accepted.stageDepartment).toBe('SCJ');
  const approved = await send(handle, 'scj.reviewer', { act: 'approve', amountFen: 5_000_000, opinion: '称号属实' });
  expect(approved.state.status).toBe('awaiting_countersign');
  expect(approved.actsAvailable).toEqual(['countersign']);
  const disagreed = await send(handle, 'gxj.reviewer', { act: 'countersign', decision: 'disagree', opinion: '称号证书未附' });
  expect(disagreed.state.status).toBe('under_review');
  expect(disagreed.state.decision).toBeNull();
  const again = await send(handle, 'scj.reviewer', { act: 'approve', amountFen: 5_000_000, opinion: '证书已核' });
  expect(again.state.status).toBe('awaiting_countersign');
  expect(again.state.countersigns).toEqual([]);
  const agreed = await send(handle, 'gxj.reviewer', { act: 'countersign', decision: 'agree', opinion: '同意' });
  expect(agreed.state.status).toBe('in_publicity');
  expect(agreed.state.countersigns).toEqual([expect.objectContaining({ department: 'GXJ', decision: 'agree' })]);
  const result = await passPublicity(handle, agreed);
  await expectClosed(handle, result, 'paid', 'paid');
  expect(result.state.decision).toEqual(expect.objectContaining({ outcome: 'approved', amountFen: 5_000_000, opinion: '证书已核' }));
  expect((await tdb.repos.funding.commitmentOf(i.caseId))?.status).toBe('paid');
  expect(historyActs(result)).toEqual(['file', 'accept', 'approve', 'countersign', 'approve', 'countersign', 'publicity-passed', 'close']);
  expect(await auditActions(i.caseId)).toEqual([
    'application.accept',
    'application.approve',
    'application.countersign',
    'application.approve',
    'application.countersign',
  ]);
  await recordHistory(handle, 'countersign');
});

it('approval-item: an approval (M10 catalogue listing) is approved once publicity passes, without funding', async () => {
  const base = exhibitionCase();
  const i: ApplicationInput = {
    ...base,
    policyCode: 'M10',
    item: 'catalogue-listing',
    kind: 'approval',
    facts: { productName: `液压泵${seq}`, productCategory: '通用设备', producedInLiaoyuan: true },
    quote: quote('M10', 'catalogue-listing', 0, null),
  };
  const handle = await start(i);
  await send(handle, 'gxj.reviewer', { act: 'accept' });
  const approved = await send(handle, 'gxj.reviewer', { act: 'approve', opinion: '入选目录' });
  expect(approved.state.status).toBe('in_publicity');
  expect(approved.state.decision).toEqual(expect.objectContaining({ outcome: 'approved', amountFen: null }));
  const result = await passPublicity(handle, approved);
  // The review clock stopped when publicity passed; no stage runs after it for an approval.
  await expectClosed(handle, result, 'approved', 'publicity passed');
  expect(result.stageDepartment).toBe('GXJ');
  expect(result.state.funding).toEqual({ commitment: 'none', attempts: 0, transferRef: null, account: null, failure: null });
  expect(await tdb.repos.funding.commitmentOf(i.caseId)).toBeNull();
  expect(historyActs(result)).toEqual(['file', 'accept', 'approve', 'publicity-passed', 'close']);
  await recordHistory(handle, 'approval-item');
});

it('awaiting-funds-then-paid: the budget is short, it is topped up, the fundsAvailable signal lets the case commit and pay', async () => {
  const i = exhibitionCase({ budgetYear: 2097 }); // no budget line for 2097 yet
  const handle = await start(i);
  const approved = await acceptAndApprove(handle, i);
  await skipPast(approved.state.publicity!.until);
  const waiting = await eventually(`${i.caseId} awaiting_funds`, () => viewOf(handle), (v) => v.state.status === 'awaiting_funds', { timeoutMs: 30_000 });
  expect(waiting.stageDepartment).toBe('CZJ');
  expect(waiting.state.funding.commitment).toBe('waiting');
  expect(waiting.clock).toEqual(expect.objectContaining({ stage: 'funding', state: 'running' }));
  expect((await tdb.repos.funding.commitmentOf(i.caseId))?.status).toBe('waiting');

  await tdb.repos.funding.setBudget(2097, 'M09', 300_000, 'test', new Date());
  await handle.signal(fundsAvailableSignal, { year: 2097, policyCode: 'M09' });
  const result = await handle.result();
  await expectClosed(handle, result, 'paid', 'paid');
  expect(result.state.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 1 }));
  expect((await tdb.repos.funding.commitmentOf(i.caseId))?.status).toBe('paid');
  expect(historyActs(result)).toEqual(['file', 'accept', 'approve', 'publicity-passed', 'await-funds', 'close']);
  await recordHistory(handle, 'awaiting-funds-then-paid');
});

it('supervised: the supervisor urges, holds, releases, extends and reassigns during review; the case is then approved and paid', async () => {
  const i = exhibitionCase();
  const handle = await start(i);
  const accepted = await send(handle, 'gxj.reviewer', { act: 'accept' });
  const reviewDeadline = accepted.clock!.deadlineAt!;

  const urged = await supervise(handle, { act: 'urge', reason: '请尽快审核 please review' });
  expect(urged.assigneeId).toBe(actor('gxj.reviewer').userId);
  expect(await tdb.repos.notifications.countByDedupePrefix(`${i.caseId}:urge:`)).toBe(1);

  const held = await supervise(handle, { act: 'hold', reason: '等待核查 pending a check' });
  expect(held.clock?.state).toBe('suspended');
  const released = await supervise(handle, { act: 'release', reason: '核查完毕 checked' });
  expect(released.clock?.state).toBe('running');
  expect(released.clock?.suspensions).toEqual([expect.objectContaining({ kind: 'supervisor_hold', to: expect.any(String) })]);

  const extended = await supervise(handle, { act: 'extend', workingDays: 5, reason: '材料复杂 complex file' });
  expect(extended.clock?.extensions).toEqual([expect.objectContaining({ workingDays: 5, byRole: 'supervisor' })]);
  expect(Date.parse(extended.clock!.deadlineAt!)).toBeGreaterThan(Date.parse(reviewDeadline));

  const reassigned = await supervise(handle, { act: 'reassign', assigneeId: actor('gxj.head').userId, reason: '转负责人 to the head' });
  expect(reassigned.assigneeId).toBe(actor('gxj.head').userId);

  const approved = await send(handle, 'gxj.head', { act: 'approve', amountFen: 300_000, opinion: '同意' });
  expect(approved.state.status).toBe('in_publicity');
  const result = await passPublicity(handle, approved);
  await expectClosed(handle, result, 'paid', 'paid');
  expect(result.assigneeId).toBe(actor('gxj.head').userId);
  expect(result.state.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 1 }));
  expect(await auditActions(i.caseId)).toEqual(['application.accept', 'case.urge', 'case.hold', 'case.release', 'case.extend', 'case.reassign', 'application.approve']);
  await recordHistory(handle, 'supervised');
});

it('continue-as-new: a case continues as new in its supplement window, in review and in publicity, and ends with its clocks, history and read model intact', async () => {
  const i = exhibitionCase();
  const workflowId = `application-${i.caseId}`;
  // A low ceiling, so the case continues as new at every quiet point after a few acts (acts write markers, not scheduled activities: a short history).
  const handle = await client.workflow.start(applicationWorkflow, { taskQueue: TQ, workflowId, args: [i, { continueAsNew: { maxHistoryEvents: 24 } }] });
  const firstRunId = handle.firstExecutionRunId;

  const asked = await send(handle, 'gxj.reviewer', { act: 'request-supplement', items: [{ name: '展位费发票 booth invoice', reason: '缺少发票' }] });
  // The acceptance clock is suspended (an open suspension) and the supplement window's timer runs.
  await eventually('the case continues as new in its supplement window', () => handle.describe(), (d) => d.runId !== firstRunId);
  const inWindow = await viewOf(handle);
  expect(inWindow.state.status).toBe('awaiting_supplement');
  expect(inWindow.state.supplementRequest?.dueAt).toBe(asked.state.supplementRequest?.dueAt);
  expect(inWindow.clock).toEqual(expect.objectContaining({ stage: 'acceptance', state: 'suspended' }));
  expect(inWindow.clock?.suspensions).toEqual([expect.objectContaining({ kind: 'supplement', to: null })]);
  expect(inWindow.state.history.map((h) => h.act)).toEqual(['file', 'request-supplement']);

  const supplied = await send(handle, 'ent1', { act: 'supplement', documents: [{ name: '发票.pdf', sha256: 'c'.repeat(64), size: 100 }] });
  expect(supplied.clock).toEqual(expect.objectContaining({ stage: 'acceptance', state: 'running' }));
  // Runs are compared with the one that took the act: it continues as new once the act is done.
  const beforeReview = (await handle.describe()).runId;
  const accepted = await send(handle, 'gxj.reviewer', { act: 'accept' });
  const reviewDeadline = accepted.clock!.deadlineAt!;
  // In review the review clock's reminder and rungs are armed when the case continues as new.
  await eventually('the case continues as new in review', () => handle.describe(), (d) => d.runId !== beforeReview);
  const inReview = await viewOf(handle);
  expect(inReview.clock).toEqual(expect.objectContaining({ stage: 'review', state: 'running', deadlineAt: reviewDeadline }));
  expect(inReview.assigneeId).toBe(actor('gxj.reviewer').userId);

  const beforePublicity = (await handle.describe()).runId;
  const approved = await send(handle, 'gxj.reviewer', { act: 'approve', amountFen: i.quote.amountFen, opinion: '同意' });
  await eventually('the case continues as new in publicity', () => handle.describe(), (d) => d.runId !== beforePublicity);
  expect((await viewOf(handle)).state.publicity?.until).toBe(approved.state.publicity?.until);

  const result = await passPublicity(handle, approved);
  await expectClosed(handle, result, 'paid', 'paid');
  expect(historyActs(result)).toEqual(['file', 'request-supplement', 'supplement', 'accept', 'approve', 'publicity-passed', 'close']);
  expect(result.assigneeId).toBe(actor('gxj.reviewer').userId);
  // Every stage's clock is kept: the acceptance clock with its closed supplement suspension.
  expect(result.clocks.map((c) => [c.stage, c.state, c.stopReason])).toEqual([
    ['acceptance', 'stopped', 'accepted'],
    ['review', 'stopped', 'publicity passed'],
    ['funding', 'stopped', 'paid'],
  ]);
  expect(result.clocks[0]?.suspensions).toEqual([expect.objectContaining({ kind: 'supplement', to: expect.any(String) })]);
  expect(result.clocks[1]?.suspensions).toEqual([expect.objectContaining({ kind: 'publicity', to: expect.any(String) })]);
  expect(new Set(result.clocks.map((c) => c.episode)).size).toBe(3);
  // Each act audited once, the read model's history rows equal the case's history, one payment.
  expect(await auditActions(i.caseId)).toEqual(['application.request-supplement', 'application.supplement', 'application.accept', 'application.approve']);
  expect((await tdb.repos.cases.history(i.caseId)).map((h) => h.act)).toEqual(historyActs(result));
  expect(result.state.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 1 }));

  const runs = await runsOf(client, workflowId, firstRunId);
  expect(runs.length).toBeGreaterThanOrEqual(4);
  expect(runs.slice(0, -1).every((r) => r.continued)).toBe(true);
  await recordRun(client, workflowId, runs[0]!.runId, 'application-continued-as-new-first-run');
  await recordRun(client, workflowId, runs.at(-1)!.runId, 'application-continued-as-new-last-run');
});
