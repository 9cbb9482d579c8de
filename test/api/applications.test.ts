// Applications end to end through the API on a real applicationWorkflow (time-skipping
// server, real activities, the in-process payment gateway): filing, acceptance, supplement,
// review, countersign, publicity with objections, budget commitment in approval order, payment
// exactly once, and the access rules.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { pdf, sha256, uploadId } from '../support/documents';
import { createTestDatabase } from '../support/db';
import { startTimeSkippingServer, workflowBundle } from '../support/temporal';
import { eventually } from '../support/eventually';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TQ = 'applications-test';
const CLOSED_ACCOUNT = '6222000000000009';
let env: TestWorkflowEnvironment;
let t: TestApi;
let worker: Worker;
let running: Promise<void>;
const tokens: Record<string, string> = {};
let ent1Id: string;
let ent2Id: string;

async function startWorker(): Promise<void> {
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TQ,
    workflowBundle: await workflowBundle(),
    activities: poisoned(createActivities({ repos: t.tdb.repos, now: () => new Date(), payments: new InProcessPaymentGateway(t.tdb.repos.funding, { closedAccounts: [CLOSED_ACCOUNT] }) })),
  });
  running = worker.run();
}

/**
 * A text the edge and the validators accept but whose audit write the real database refuses: the
 * audit activity appends U+0000 to a reason containing POISON, through the real (wrapped) activity,
 * so the permanent-error classification and the act's rollback are what the test exercises.
 */
const POISON = 'POISON';
/** Cases whose projections meet a database that is down, on every attempt, while they are listed. */
const outageCases = new Set<string>();
/** A reason whose audit write takes four seconds (within the five an attempt may take). */
const SLOW = 'SLOW';
function poisoned(real: ReturnType<typeof createActivities>): ReturnType<typeof createActivities> {
  return {
    ...real,
    projectCase: async (input) => {
      if (outageCases.has(input.caseId)) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return real.projectCase(input);
    },
    appendAuditRecord: async (input) => {
      // A slow write that is then refused: an act that stays in flight for a while.
      if (input.reason?.includes(SLOW)) await new Promise((r) => setTimeout(r, 4000));
      return real.appendAuditRecord(input.reason?.includes(POISON) ? { ...input, reason: `${input.reason}\u0000` } : input);
    },
  };
}

beforeAll(async () => {
  const [e, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  env = e;
  t = await createTestApi({ tdb, temporal: { client: lockedClient(env), taskQueue: TQ } });
  await startWorker();
  for (const u of ['ent1', 'ent2', 'gxj.reviewer', 'gxj.head', 'scj.reviewer', 'czj.reviewer', 'supervisor', 'admin', 'auditor']) tokens[u] = await t.login(u);
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
  ent2Id = (await t.tdb.repos.users.findByUsername('ent2'))!.enterpriseId!;
  for (const [user, id, no] of [['ent1', ent1Id, '6222021234567890123'], ['ent2', ent2Id, '6222029876543210987']] as const) {
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/enterprises/${id}/bank-account`, headers: bearer(tokens[user]!), payload: { accountName: user, accountNo: no, bankName: '中国工商银行辽源分行' } });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await t?.close();
  await env?.teardown();
});
guardServerClock(() => env, { maxDaysAhead: 120 });

let keySeq = 0;
const year = () => new Date().getUTCFullYear();
const exhibition = (name: string, rateBps = 3000) => ({ exhibitionName: name, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps });

/** The 申报表 an enterprise uploads for a filing: one upload per Idempotency-Key, so a retried filing is the same request. */
const formOfKey = new Map<string, Promise<string[]>>();
async function file(user: string, policyCode: string, item: string, facts: object, key = `key-${++keySeq}-abcdef`) {
  if (!formOfKey.has(key)) formOfKey.set(key, user.startsWith('ent') ? uploadId(t.app, tokens[user]!, '申报表.pdf', pdf(key)).then((id) => [id]) : Promise.resolve([]));
  const documentIds = await formOfKey.get(key)!;
  return t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...bearer(tokens[user]!), 'idempotency-key': key }, payload: { policyCode, item, facts, documentIds } });
}
const act = (caseId: string, name: string, user: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/${name}`, headers: bearer(tokens[user]!), payload });
const view = async (caseId: string, user = 'supervisor') => (await t.app.inject({ method: 'GET', url: `/api/v1/applications/${caseId}`, headers: bearer(tokens[user]!) })).json();

async function serverNow(): Promise<number> {
  const { time } = await env.connection.testService!.getCurrentTime({});
  return Number(String(time!.seconds)) * 1000;
}
async function skipTo(iso: string): Promise<void> {
  const delta = Date.parse(iso) + 60_000 - (await serverNow());
  if (delta > 0) await env.sleep(delta);
}
/** The case once its workflow planned the acceptance clock (the filing's answer does not wait for that). */
async function planned(caseId: string): ReturnType<typeof view> {
  return eventually(`${caseId} planned`, () => view(caseId), (v) => Boolean(v.clock?.deadlineAt), { timeoutMs: 15_000 });
}
async function waitForStatus(caseId: string, status: string): ReturnType<typeof view> {
  return eventually(`${caseId} ${status}`, () => view(caseId), (v) => v.status === status, { timeoutMs: 15_000 });
}
async function setBudget(policyCode: string, amountFen: number) {
  const res = await t.app.inject({ method: 'PUT', url: `/api/v1/budgets/${year()}/${policyCode}`, headers: bearer(tokens.admin!), payload: { amountFen } });
  expect(res.statusCode).toBe(200);
  return res.json();
}
/** Files, accepts and approves an M09 case for the full quote; returns it in publicity. */
async function approvedM09(user: string, name: string): Promise<string> {
  const filed = await file(user, 'M09', 'exhibition', exhibition(name));
  expect(filed.statusCode).toBe(201);
  const caseId = filed.json().caseId as string;
  expect((await act(caseId, 'accept', 'gxj.reviewer')).statusCode).toBe(200);
  const approved = await act(caseId, 'approve', 'gxj.reviewer', { amountFen: 300_000, opinion: '符合条件 meets the rule' });
  expect(approved.statusCode).toBe(200);
  expect(approved.json().status).toBe('in_publicity');
  return caseId;
}
async function passPublicity(caseId: string): Promise<void> {
  await skipTo((await view(caseId)).publicity.until);
}

describe('the happy path to paid', () => {
  it('files, accepts, approves, publishes and pays exactly once, with the full trail', async () => {
    await setBudget('M09', 1_000_000);
    const key = 'happy-path-key-1';
    const filed = await file('ent1', 'M09', 'exhibition', exhibition('东北亚博览会'), key);
    expect(filed.statusCode).toBe(201);
    const body = filed.json();
    expect(body.caseId).toMatch(new RegExp(`^SB-${year()}-\\d{6}$`));
    expect(body.status).toBe('awaiting_acceptance');
    expect(body.quote.amountFen).toBe(300_000);
    expect(body.deadline).toEqual(expect.any(String));
    // The answer's deadline is computed by the API, not read back from the workflow: the same as
    // the one the workflow's clock plans (it starts at the filing instant).
    const planned = await eventually('the acceptance clock planned', () => view(body.caseId, 'ent1'), (v) => Boolean(v.clock?.deadlineAt));
    expect(planned.clock.deadlineAt).toBe(body.deadline);
    expect(planned.clock.startedAt).toBe(planned.filedAt);

    // The same Idempotency-Key again: the same case, no second workflow.
    const again = await file('ent1', 'M09', 'exhibition', exhibition('东北亚博览会'), key);
    expect(again.statusCode).toBe(200);
    expect(again.json().caseId).toBe(body.caseId);
    const otherBody = await file('ent1', 'M09', 'exhibition', exhibition('另一个展会'), key);
    expect(otherBody.statusCode).toBe(409);

    const asEnterprise = await view(body.caseId, 'ent1');
    expect(asEnterprise.actsAvailable).toEqual(['withdraw']);
    const asReviewer = await view(body.caseId, 'gxj.reviewer');
    expect(asReviewer.actsAvailable).toEqual(['accept', 'request-supplement', 'not-accept']);

    const before = (await t.tdb.repos.cases.findById(body.caseId))!.projectionVersion;
    const accepted = await act(body.caseId, 'accept', 'gxj.reviewer', { opinion: '材料齐全' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('under_review');
    expect(accepted.json().clock.stage).toBe('review');
    // One write of the read model for the act, though its clock ended a stage and planned the
    // next (each of those projected the case too before one-projection-per-act-v1).
    expect((await t.tdb.repos.cases.findById(body.caseId))!.projectionVersion).toBe(before + 1);

    const over = await act(body.caseId, 'approve', 'gxj.reviewer', { amountFen: 300_001, opinion: 'x' });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toContain('above the computed maximum');
    const lower = await act(body.caseId, 'approve', 'gxj.reviewer', { amountFen: 200_000, opinion: 'x' });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().message).toContain('reductionReason');

    const approved = await act(body.caseId, 'approve', 'gxj.reviewer', { amountFen: 300_000, opinion: '符合条件' });
    expect(approved.json().status).toBe('in_publicity');
    await passPublicity(body.caseId);
    const paid = await waitForStatus(body.caseId, 'paid');
    expect(paid.funding).toEqual(expect.objectContaining({ commitment: 'paid', attempts: 1, transferRef: expect.any(String), failure: null }));

    const payments = await t.tdb.db.prisma.payment.findMany({ where: { caseId: body.caseId } });
    expect(payments.map((p) => [p.status, Number(p.amountFen)])).toEqual([['succeeded', 300_000]]);
    const grants = await t.tdb.db.prisma.awardGrant.findMany({ where: { caseId: body.caseId } });
    expect(grants.map((g) => Number(g.amountFen))).toEqual([300_000]);
    const budget = await t.app.inject({ method: 'GET', url: `/api/v1/budgets/${year()}`, headers: bearer(tokens.admin!) });
    expect(JSON.stringify(budget.json())).toContain('M09');

    const trail = (await t.tdb.repos.audit.listForSubject('case', body.caseId)).map((r) => `${r.action}:${r.outcome}`);
    expect(trail).toEqual([
      'application.file:ok',
      'application.accept:ok',
      'application.approve:refused',
      'application.approve:refused',
      'application.approve:ok',
    ]);
    expect(paid.history.map((h: { act: string }) => h.act)).toEqual(['file', 'accept', 'approve', 'publicity-passed', 'close']);
  });
});

describe('acceptance', () => {
  it('request-supplement stops the clock; the supplement restarts acceptance; a second request is refused', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('补正展'))).json().caseId;
    const asked = await act(caseId, 'request-supplement', 'gxj.reviewer', { items: [{ name: '发票 invoices', reason: '缺少住宿发票' }] });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().status).toBe('awaiting_supplement');
    expect(asked.json().clock.state).toBe('suspended');
    expect((await act(caseId, 'accept', 'gxj.reviewer')).statusCode).toBe(409);
    const invoice = await uploadId(t.app, tokens.ent1!, '住宿发票.pdf', pdf('lodging invoice'));
    // A later moment than the filing (this API's clock stands still unless moved): the documents list by when they were attached.
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const supplied = await act(caseId, 'supplement', 'ent1', { documentIds: [invoice], facts: { lodgingFen: 200_000 } });
    expect(supplied.statusCode).toBe(200);
    expect(supplied.json().status).toBe('awaiting_acceptance');
    expect(supplied.json().documents).toHaveLength(2);
    expect(supplied.json().documents[1]).toMatchObject({ documentId: invoice, name: '住宿发票.pdf', sha256: sha256(pdf('lodging invoice')) });
    expect(supplied.json().documentsByAct.map((g: { act: string }) => g.act)).toEqual(['file', 'supplement']);
    expect(supplied.json().facts.lodgingFen).toBe(200_000);
    expect((await act(caseId, 'request-supplement', 'gxj.reviewer', { items: [{ name: 'x', reason: 'y' }] })).statusCode).toBe(409);
    expect((await act(caseId, 'not-accept', 'gxj.reviewer', { reason: '不属于支持范围' })).json().status).toBe('not_accepted');
  });

  it('closes as expired_supplement when the window passes', async () => {
    const caseId = (await file('ent2', 'M09', 'exhibition', exhibition('逾期展'))).json().caseId;
    const asked = await act(caseId, 'request-supplement', 'gxj.reviewer', { items: [{ name: '合同', reason: '缺少参展合同' }] });
    await skipTo(asked.json().supplementRequest.dueAt);
    const expired = await waitForStatus(caseId, 'expired_supplement');
    expect(expired.closedAt).toEqual(expect.any(String));
  });

  it('escalates to the department head when acceptance is overdue', async () => {
    const caseId = (await file('ent2', 'M09', 'exhibition', exhibition('超期展'))).json().caseId;
    const v = await planned(caseId);
    await skipTo(v.clock.deadlineAt);
    await eventually(`an escalation of ${caseId}`, () => view(caseId), (v) => v.escalations.length > 0);
    const after = await view(caseId);
    expect(after.escalations[0]).toEqual(expect.objectContaining({ level: 1, stage: 'acceptance', targetDepartment: 'GXJ' }));
    await act(caseId, 'withdraw', 'ent2', { reason: '不再申请' });
    const closed = await waitForStatus(caseId, 'withdrawn');
    expect(closed.escalations[0].closedAt).toEqual(expect.any(String));
  });
});

describe('review, countersign and publicity', () => {
  it('rejects', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('驳回展'))).json().caseId;
    await act(caseId, 'accept', 'gxj.reviewer');
    const rejected = await act(caseId, 'reject', 'gxj.reviewer', { reason: '非市工信局组织的展会' });
    expect(rejected.json().status).toBe('rejected');
    expect(rejected.json().decision).toEqual(expect.objectContaining({ outcome: 'rejected' }));
  });

  it('a negative countersign returns the case to review (M05, lead SCJ, co-department GXJ)', async () => {
    const caseId = (await file('ent1', 'M05', 'brand-title', { level: 'provincial', titleName: '吉致吉品' })).json().caseId;
    expect((await act(caseId, 'accept', 'scj.reviewer')).statusCode).toBe(200);
    // The co-department may not accept or approve; the lead may not countersign.
    expect((await act(caseId, 'approve', 'gxj.reviewer', { amountFen: 5_000_000, opinion: 'x' })).statusCode).toBe(403);
    const approved = await act(caseId, 'approve', 'scj.reviewer', { amountFen: 5_000_000, opinion: '同意' });
    expect(approved.json().status).toBe('awaiting_countersign');
    expect((await act(caseId, 'countersign', 'scj.reviewer', { decision: 'agree', opinion: 'x' })).statusCode).toBe(403);
    const disagreed = await act(caseId, 'countersign', 'gxj.reviewer', { decision: 'disagree', opinion: '称号未在本年度获得' });
    expect(disagreed.json().status).toBe('under_review');
    expect(disagreed.json().decision).toBeNull();
    const again = await act(caseId, 'approve', 'scj.reviewer', { amountFen: 5_000_000, opinion: '补充核实后同意' });
    expect(again.json().status).toBe('awaiting_countersign');
    const agreed = await act(caseId, 'countersign', 'gxj.reviewer', { decision: 'agree', opinion: '同意' });
    expect(agreed.json().status).toBe('in_publicity');
  });

  it('an upheld objection rejects; a dismissed one restarts publicity', async () => {
    await setBudget('M09', 5_000_000);
    const upheldCase = await approvedM09('ent1', '异议成立展');
    const objected = await act(upheldCase, 'objection', 'ent2', { text: '该企业未实际参展' });
    expect(objected.statusCode).toBe(200);
    expect(objected.json().status).toBe('under_review');
    expect((await act(upheldCase, 'approve', 'gxj.reviewer', { amountFen: 300_000, opinion: 'x' })).statusCode).toBe(409);
    const upheld = await act(upheldCase, 'resolve-objection', 'gxj.reviewer', { upheld: true, opinion: '核实未参展' });
    expect(upheld.json().status).toBe('rejected');

    const dismissedCase = await approvedM09('ent1', '异议不成立展');
    await act(dismissedCase, 'objection', 'ent2', { text: '怀疑重复申报' });
    const dismissed = await act(dismissedCase, 'resolve-objection', 'gxj.reviewer', { upheld: false, opinion: '未发现重复' });
    expect(dismissed.json().status).toBe('in_publicity');
    await passPublicity(dismissedCase);
    await waitForStatus(dismissedCase, 'paid');
  });
});

describe('funding', () => {
  it('waits for funds when the budget is short, and pays in order of approval after a top-up', async () => {
    await setBudget('M09', await committedM09());
    const first = await approvedM09('ent1', '排队展一');
    const second = await approvedM09('ent2', '排队展二');
    await passPublicity(second);
    await waitForStatus(first, 'awaiting_funds');
    await waitForStatus(second, 'awaiting_funds');
    // Room for one: the first approved is paid, the second keeps waiting.
    const topped = await setBudget('M09', (await committedM09()) + 300_000);
    expect(topped.signalledCases).toBe(2);
    await waitForStatus(first, 'paid');
    expect((await view(second)).status).toBe('awaiting_funds');
    await setBudget('M09', (await committedM09()) + 300_000);
    await waitForStatus(second, 'paid');
  });

  it('a refused payment waits for a corrected account, then pays once', async () => {
    await setBudget('M09', (await committedM09()) + 300_000);
    const put = (no: string) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/enterprises/${ent2Id}/bank-account`, headers: bearer(tokens.ent2!), payload: { accountName: 'ent2', accountNo: no, bankName: '中国工商银行辽源分行' } });
    expect((await put(CLOSED_ACCOUNT)).statusCode).toBe(200);
    const caseId = await approvedM09('ent2', '账户错误展');
    await passPublicity(caseId);
    const failed = await waitForStatus(caseId, 'payment_failed');
    expect(failed.funding.failure).toEqual(expect.any(String));
    expect((await put('6222029876543210987')).statusCode).toBe(200);
    const paid = await waitForStatus(caseId, 'paid');
    expect(paid.funding.attempts).toBe(2);
    const payments = await t.tdb.db.prisma.payment.findMany({ where: { caseId } });
    expect(payments.map((p) => p.status).sort()).toEqual(['refused', 'succeeded']);
  });
});

async function committedM09(): Promise<number> {
  const rows = await t.tdb.db.prisma.budgetCommitment.findMany({ where: { policyCode: 'M09', year: year(), status: { in: ['committed', 'paid'] } } });
  return rows.reduce((s, r) => s + Number(r.amountFen), 0);
}

describe('access and limits', () => {
  it('404 for another enterprise, 403 for the wrong role, 404 for the wrong department', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('权限展'))).json().caseId;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/applications/${caseId}`, headers: bearer(tokens.ent2!) })).statusCode).toBe(404);
    expect((await act(caseId, 'withdraw', 'ent2', { reason: 'x' })).statusCode).toBe(404);
    expect((await act(caseId, 'accept', 'ent1')).statusCode).toBe(403);
    expect((await act(caseId, 'accept', 'czj.reviewer')).statusCode).toBe(404);
    expect((await act(caseId, 'accept', 'auditor')).statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/applications', headers: bearer(tokens.ent2!) });
    expect(list.json().items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
  });

  it('a once-only award filed twice is 409 naming the earlier case', async () => {
    const first = await file('ent2', 'M05', 'brand-title', { level: 'national', titleName: '中国消费名品' });
    expect(first.statusCode).toBe(201);
    const second = await file('ent2', 'M05', 'brand-title', { level: 'national', titleName: '中国消费名品' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain(first.json().caseId);
  });

  it('400 naming the fields for facts that fail the form, 404 for an unknown measure', async () => {
    const bad = await file('ent1', 'M09', 'exhibition', { exhibitionName: 'x', boothFeeFen: -1, travelFen: 0, lodgingFen: 0, rateBps: 5000 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('FACTS_INVALID');
    expect(bad.json().issues.map((i: { path: string }) => i.path).join(' ')).toMatch(/boothFeeFen.*rateBps|rateBps.*boothFeeFen/);
    expect((await file('ent1', 'M99', 'x', {})).statusCode).toBe(404);
    const noKey = await t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: bearer(tokens.ent1!), payload: { policyCode: 'M09', item: 'exhibition', facts: exhibition('x') } });
    expect(noKey.statusCode).toBe(400);
  });
});

describe('limits, objections and scope (review findings)', () => {
  it('an open application counts against a per-exhibition cap: a second filing for the same exhibition quotes nothing', async () => {
    const first = await file('ent1', 'M09', 'exhibition', exhibition('同展两报'));
    expect(first.json().quote.amountFen).toBe(300_000);
    const second = await file('ent1', 'M09', 'exhibition', exhibition('同展两报'));
    expect(second.statusCode).toBe(201);
    expect(second.json().quote.amountFen).toBe(0);
    expect(second.json().quote.eligible).toBe(false);
  });

  it('two concurrent filings of a once-only award: one is filed, the other is 409', async () => {
    const facts = { level: 'provincial', titleName: '并发称号' };
    const [a, b] = await Promise.all([file('ent1', 'M05', 'brand-title', facts), file('ent1', 'M05', 'brand-title', facts)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });

  it('objections: auditors may not, outsiders only during publicity and see the published part only, once per person', async () => {
    await setBudget('M09', (await committedM09()) + 600_000);
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('公示异议展'))).json().caseId;
    // Not in publicity yet: another enterprise learns nothing.
    expect((await act(caseId, 'objection', 'ent2', { text: 'x' })).statusCode).toBe(404);
    await act(caseId, 'accept', 'gxj.reviewer');
    await act(caseId, 'approve', 'gxj.reviewer', { amountFen: 300_000, opinion: 'ok' });
    expect((await act(caseId, 'objection', 'auditor', { text: 'x' })).statusCode).toBe(403);
    const objected = await act(caseId, 'objection', 'ent2', { text: '重复申报' });
    expect(objected.statusCode).toBe(200);
    // The 公示 part only, field by field: recipient, measure, item, amount, department, period, own objections.
    const ent1Name = (await t.tdb.repos.enterprises.findById(ent1Id))!.name;
    expect(objected.json()).toEqual({
      caseId,
      view: 'public_notice',
      status: 'under_review',
      policyCode: 'M09',
      item: 'exhibition',
      measureTitle: expect.stringContaining('展会'),
      enterpriseName: ent1Name,
      leadDepartment: 'GXJ',
      approvedAmountFen: 300_000,
      publicity: null,
      objections: [{ text: '重复申报', at: expect.any(String), resolution: null }],
    });
    // Nothing the enterprise declared: the exhibition's name is in its facts, the quote's
    // breakdown and the award period; the reviewer's opinion is not published either.
    expect(objected.body).not.toContain('公示异议展');
    expect(objected.body).not.toContain('boothFeeFen');
    expect(objected.body).not.toMatch(/"opinion"/);
    await act(caseId, 'resolve-objection', 'gxj.reviewer', { upheld: false, opinion: '不成立' });
    const again = await act(caseId, 'objection', 'ent2', { text: '再次异议' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('already');
  });

  it('a proxy agent sees only the cases assigned to them', async () => {
    const caseId = (await file('ent2', 'M09', 'exhibition', exhibition('代办可见性展'))).json().caseId;
    tokens.agent1 ??= await t.login('agent1');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/applications/${caseId}`, headers: bearer(tokens.agent1!) })).statusCode).toBe(404);
  });

  it('a supplement whose facts fail the form is 400 and changes nothing', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('补正失败展'))).json().caseId;
    await act(caseId, 'request-supplement', 'gxj.reviewer', { items: [{ name: '发票', reason: '缺' }] });
    const attempt = await uploadId(t.app, tokens.ent1!, 'x.pdf', pdf('refused supplement'));
    const bad = await act(caseId, 'supplement', 'ent1', { documentIds: [attempt], facts: { rateBps: 99_999 } });
    expect(bad.statusCode).toBe(400);
    const v = await view(caseId);
    expect(v.status).toBe('awaiting_supplement');
    expect(v.documents).toHaveLength(1);
    // The refused act gave its reservation back: the upload is nobody's case's.
    expect(v.documentsByAct.map((g: { act: string }) => g.act)).toEqual(['file']);
    expect((await t.tdb.repos.documents.findById(attempt))?.caseId).toBeNull();
  });
});

describe('an act can never lock a case (issue 17, finding 1)', () => {
  it('a NUL in an objection by another enterprise is 400 at the edge; the case takes acts as before', async () => {
    const caseId = await approvedM09('ent1', '异议零字符展');
    const bad = await act(caseId, 'objection', 'ent2', { text: 'x\u0000y' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_TEXT');
    // Not locked: the next act is taken at once, by anyone entitled to it.
    const objected = await act(caseId, 'objection', 'ent2', { text: '未实际参展' });
    expect(objected.statusCode).toBe(200);
    expect(objected.json().status).toBe('under_review');
    const urged = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/urge`, headers: bearer(tokens.supervisor!), payload: { message: '请\u0000尽快' } });
    expect(urged.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/urge`, headers: bearer(tokens.supervisor!), payload: { message: '请尽快处理异议' } })).statusCode).toBe(200);
  });

  it('a client that bypasses the API cannot send a NUL either: the workflow validator refuses it and records nothing', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('绕过接口展'))).json().caseId as string;
    const handle = env.client.workflow.getHandle(`application-${caseId}`);
    const actor = { userId: (await t.tdb.repos.users.findByUsername('gxj.reviewer'))!.id, username: 'gxj.reviewer', role: 'dept_reviewer', departmentCode: 'GXJ' };
    const err = await handle.executeUpdate('applicationAct', { args: [{ act: 'accept', actor, opinion: '材料\u0000齐全' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((err as WorkflowUpdateFailedError).cause).toEqual(expect.objectContaining({ type: 'VALIDATION_FAILED', message: expect.stringContaining('U+0000') }));
    // A refused Update leaves no trace: no update was accepted into the case's history.
    expect((await handle.fetchHistory()).events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
    expect((await act(caseId, 'accept', 'gxj.reviewer', { opinion: '材料齐全' })).statusCode).toBe(200);
  });

  it('an act whose database write is refused for good is answered 400 and rolled back; the case goes on', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('回滚展'))).json().caseId as string;
    const before = await planned(caseId);
    expect(before.status).toBe('awaiting_acceptance');

    const refused = await act(caseId, 'accept', 'gxj.reviewer', { opinion: `${POISON} 材料齐全` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('DATA_REFUSED');
    expect(refused.json().message).toContain('the case is unchanged');
    expect(refused.json().message).toContain('22021');

    // As it was: status, history, assignee and the acceptance clock with its deadline.
    const after = await view(caseId);
    expect(after.status).toBe('awaiting_acceptance');
    expect(after.history.map((h: { act: string }) => h.act)).toEqual(before.history.map((h: { act: string }) => h.act));
    expect(after.assigneeId).toBe(before.assigneeId);
    expect(after.clock.stage).toBe('acceptance');
    expect(after.clock.state).toBe('running');
    expect(after.clock.deadlineAt).toBe(before.clock.deadlineAt);
    // The refusal is in the audit chain; no accept is recorded as done.
    const trail = await t.tdb.repos.audit.listForSubject('case', caseId);
    expect(trail.filter((r) => r.action === 'application.accept').map((r) => r.outcome)).toEqual(['refused']);

    // Not locked: the next act goes through, and so does a supervisor's.
    const accepted = await act(caseId, 'accept', 'gxj.reviewer', { opinion: '材料齐全' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('under_review');
    const hold = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/hold`, headers: bearer(tokens.supervisor!), payload: { reason: `${POISON} 暂停` } });
    expect(hold.statusCode).toBe(400);
    expect(hold.json().code).toBe('DATA_REFUSED');
    expect((await view(caseId)).clock.state).toBe('running');
    const held = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/hold`, headers: bearer(tokens.supervisor!), payload: { reason: '核查中' } });
    expect(held.statusCode).toBe(200);
    expect((await view(caseId)).clock.state).toBe('suspended');
  });
});

describe('an act someone waits on is bounded in time (issue 17, finding 2)', () => {
  it('when the database does not answer within the act budget, the act is 503 naming it, rolled back, and the case goes on', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('停库展'))).json().caseId as string;
    const before = await planned(caseId);
    const started = Date.now();
    const accept = (opinion: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/accept`, headers: { ...bearer(tokens['gxj.reviewer']!), 'idempotency-key': 'outage-accept-01' }, payload: { opinion } });
    // The database stops answering this case's writes: the act's projection, then the projection
    // that puts the case back in the background.
    outageCases.add(caseId);
    const refused = await accept('材料齐全');
    const waited = Date.now() - started;
    expect(refused.json()).toEqual(expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE' }));
    expect(refused.statusCode).toBe(503);
    expect(refused.json().code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(refused.json().details).toEqual(expect.objectContaining({ dependency: 'database' }));
    expect(refused.json().message).toContain('database did not answer');
    expect(refused.json().message).toContain('projectCase');
    // Bounded: the act's budget (20 s) and the rollback, not the activity's unbounded retries.
    expect(waited).toBeLessThan(40_000);

    // Meanwhile an operator sees the case, the background work that keeps failing and the reason
    // (an act's own steps run as local activities inside its workflow task, bounded and answered;
    // what retries for as long as it takes is scheduled, and visible here).
    const stuck = (user: string) => t.app.inject({ method: 'GET', url: '/api/v1/ops/stuck-cases', headers: bearer(tokens[user]!) });
    expect((await stuck('supervisor')).statusCode).toBe(403);
    type Stuck = { caseId: string; problems: Array<{ kind: string; activity: string; attempt: number; reason: string }> };
    const findStuck = async (): Promise<Stuck | undefined> => {
      const res = await stuck('admin');
      expect(res.statusCode).toBe(200);
      return (res.json().items as Stuck[]).find((c) => c.caseId === caseId && c.problems.some((p) => p.attempt >= 2));
    };
    const seen = (await eventually(`${caseId} listed in /api/v1/ops/stuck-cases while its projection fails`, findStuck, (c) => c !== undefined))!;
    expect(seen.problems).toEqual([expect.objectContaining({ kind: 'activity', activity: 'projectCase', reason: expect.stringContaining('ECONNREFUSED') })]);

    // The database is back: the case is put back in the read model as it was, and the same act
    // with the same key goes through (a new attempt, not the refused one answered again).
    const versionBefore = (await t.tdb.repos.cases.findById(caseId))!.projectionVersion;
    outageCases.delete(caseId);
    // The background projection's next attempt (its backoff grows to minutes): the test server skips to it.
    await env.sleep(6 * 60_000);
    await eventually(`${caseId} put back`, () => t.tdb.repos.cases.findById(caseId), (row) => row !== null && row.projectionVersion > versionBefore, { timeoutMs: 60_000 });
    const after = await view(caseId);
    expect(after.status).toBe('awaiting_acceptance');
    expect(after.clock.stage).toBe('acceptance');
    expect(after.clock.deadlineAt).toBe(before.clock.deadlineAt);
    const accepted = await accept('材料齐全');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('under_review');
    // Nothing fails any more: the case is no longer listed.
    await eventually(`${caseId} no longer listed`, () => stuck('admin'), (r) => !(r.json().items as Array<{ caseId: string }>).some((c) => c.caseId === caseId));
  }, 120_000);
});

describe('acts run one at a time', () => {
  it('an application act sent while a supervisor act is in flight waits for it; the supervisor act rolls back alone', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('并发展'))).json().caseId as string;
    const before = await planned(caseId);
    const hold = t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/hold`, headers: bearer(tokens.supervisor!), payload: { reason: `${SLOW} ${POISON} 暂停` } });
    // The hold is in flight (its four-second audit write) when the accept is sent: the accept's
    // Update reaches the case when the hold's workflow task is done, after its rollback.
    await new Promise((r) => setTimeout(r, 2000));
    const meanwhile = act(caseId, 'accept', 'gxj.reviewer', { opinion: '材料齐全' });
    const held = await hold;
    expect(held.statusCode).toBe(400);
    expect(held.json().code).toBe('DATA_REFUSED');
    const accepted = await meanwhile;
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('under_review');
    // The hold left nothing: the acceptance clock stopped by the accept, never suspended.
    const after = await view(caseId);
    const acceptance = (after.clocks as Array<{ stage: string; suspensions: unknown[]; deadlineAt: string }>).find((c) => c.stage === 'acceptance')!;
    expect(acceptance.suspensions).toEqual([]);
    expect(acceptance.deadlineAt).toBe(before.clock.deadlineAt);
    const trail = await t.tdb.repos.audit.listForSubject('case', caseId);
    expect(trail.filter((r) => r.action === 'case.hold' || r.action === 'application.accept').map((r) => `${r.action} ${r.outcome}`)).toEqual(['case.hold refused', 'application.accept ok']);
  });
});

describe('idempotency and remit (issue 17, findings 5 and 6)', () => {
  it('staff file on behalf of an enterprise only in their remit', async () => {
    const onBehalf = (user: string, key: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...bearer(tokens[user]!), 'idempotency-key': key }, payload: { policyCode: 'M09', item: 'exhibition', facts: exhibition('代报展'), documentIds: [], enterpriseId: ent2Id } });
    tokens['scj.reviewer'] ??= await t.login('scj.reviewer');
    tokens.agent1 ??= await t.login('agent1');
    const scj = await onBehalf('scj.reviewer', 'remit-scj-0001');
    expect(scj.statusCode).toBe(403);
    expect(scj.json().message).toContain('GXJ');
    const agent = await onBehalf('agent1', 'remit-agent-001');
    expect(agent.statusCode).toBe(403);
    expect(agent.json().message).toContain('代办');
    // The refusals claimed nothing: the lead department's reviewer files it, with the full cap.
    const gxj = await onBehalf('gxj.reviewer', 'remit-gxj-0001');
    expect(gxj.statusCode).toBe(201);
    expect(gxj.json().quote.amountFen).toBe(300_000);
  });

  it('an act repeated with the same key and another body is 409; with the same body it is the first outcome', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('幂等展'))).json().caseId as string;
    const send = (key: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/accept`, headers: { ...bearer(tokens['gxj.reviewer']!), 'idempotency-key': key }, payload });
    const first = await send('accept-key-0001', { opinion: '材料齐全' });
    expect(first.statusCode).toBe(200);
    const same = await send('accept-key-0001', { opinion: '材料齐全' });
    expect(same.statusCode).toBe(200);
    expect(same.json().history.filter((h: { act: string }) => h.act === 'accept')).toHaveLength(1);
    const other = await send('accept-key-0001', { opinion: '另一个意见' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('CONFLICT');
    expect(other.json().message).toContain('different');
  });

  it('a refused act binds no key: corrected, the same key goes through', async () => {
    const caseId = (await file('ent1', 'M09', 'exhibition', exhibition('改正展'))).json().caseId as string;
    await act(caseId, 'accept', 'gxj.reviewer');
    const approve = (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/approve`, headers: { ...bearer(tokens['gxj.reviewer']!), 'idempotency-key': 'approve-key-01' }, payload });
    const tooMuch = await approve({ amountFen: 300_001, opinion: '超额' });
    expect(tooMuch.statusCode).toBe(409);
    const right = await approve({ amountFen: 300_000, opinion: '符合条件' });
    expect(right.statusCode).toBe(200);
    expect(right.json().status).toBe('in_publicity');
  });

  it('a refused filing binds no key and uses no case number', async () => {
    const number = (caseId: string) => Number(caseId.slice(-6));
    const before = (await file('ent1', 'M09', 'exhibition', exhibition('编号展一'))).json().caseId as string;
    const refused = await file('ent1', 'M09', 'exhibition', exhibition('编号展二', 99_999), 'refused-filing-key');
    expect(refused.statusCode).toBe(400);
    // The same key with the corrected facts files a new case, numbered right after the last one.
    const corrected = await file('ent1', 'M09', 'exhibition', exhibition('编号展二'), 'refused-filing-key');
    expect(corrected.statusCode).toBe(201);
    expect(number(corrected.json().caseId)).toBe(number(before) + 1);
  });
});

describe('M37 and the idle-asset ledger (issue 18)', () => {
  it('the award’s approval marks the ledger entry its filing named revitalised, once; the entry then pays no second award', async () => {
    await setBudget('M37', 10_000_000);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/idle-assets',
      headers: bearer(tokens['gxj.reviewer']!),
      payload: { kind: 'plant', name: '原机械厂1号厂房', location: '西安区工业园', areaM2: 4_000, holder: '辽源市国资公司' },
    });
    expect(registered.statusCode).toBe(201);
    const assetId = registered.json().id as string;
    const fileM37 = async (user: string) => {
      const key = `key-m37-${++keySeq}-abcdef`;
      const documentIds = [await uploadId(t.app, tokens[user]!, '申报表.pdf', pdf(key))];
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { ...bearer(tokens[user]!), 'idempotency-key': key },
        payload: { policyCode: 'M37', item: 'idle-asset-upgrade', facts: { upgradedToAboveScale: true, viaIdleAssetLedger: true }, documentIds, idleAssetId: assetId },
      });
    };
    const filed = await fileM37('ent2');
    expect(filed.statusCode).toBe(201);
    const caseId = filed.json().caseId as string;
    expect((await act(caseId, 'accept', 'gxj.reviewer')).statusCode).toBe(200);
    expect((await act(caseId, 'approve', 'gxj.reviewer', { amountFen: 10_000_000, opinion: '盘活台账资产升规' })).json().status).toBe('in_publicity');
    // Approved but still in publicity: not yet revitalised.
    expect((await t.tdb.repos.idleAssets.findById(assetId))?.status).toBe('idle');
    await passPublicity(caseId);
    await waitForStatus(caseId, 'paid');
    const entry = (await t.app.inject({ method: 'GET', url: `/api/v1/idle-assets/${assetId}`, headers: bearer(tokens['gxj.reviewer']!) })).json();
    expect(entry).toEqual(expect.objectContaining({ status: 'revitalised', revitalisedCaseId: caseId }));
    expect(entry.history.map((h: { status: string; by: string }) => [h.status, h.by])).toEqual([
      ['idle', 'gxj.reviewer'],
      ['revitalised', `case:${caseId}`],
    ]);
    const again = await fileM37('ent1');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('IDLE_ASSET_ALREADY_REVITALISED');
  });
});
