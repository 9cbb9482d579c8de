// Budgets of the award measures (finance bureau, admin) and enterprises' bank accounts through
// the API: who may set and read them, which measures have budgets, the audit trail, masking,
// and which waiting cases are signalled (to a recording stand-in of the Temporal client).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CaseProjection } from '../../infra/db/cases-repository';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
const tokens: Record<string, string> = {};
let ent1Id: string;
let ent2Id: string;
beforeAll(async () => {
  t = await createTestApi();
  for (const u of ['admin', 'czj.reviewer', 'czj.head', 'gxj.reviewer', 'ent1', 'ent2', 'supervisor', 'auditor']) tokens[u] = await t.login(u);
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
  ent2Id = (await t.tdb.repos.users.findByUsername('ent2'))!.enterpriseId!;
});
afterAll(async () => {
  await t.close();
});

const putBudget = (user: string, url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: bearer(tokens[user]!), payload });
const getBudgets = (user: string, year = 2026) => t.app.inject({ method: 'GET', url: `/api/v1/budgets/${year}`, headers: bearer(tokens[user]!) });

describe('PUT /api/v1/budgets/:year/:policyCode', () => {
  it('admin sets a budget (200): the line, no case to signal, and an audit record with old → new', async () => {
    const res = await putBudget('admin', '/api/v1/budgets/2026/M03', { amountFen: 50_000_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.objectContaining({ year: 2026, policyCode: 'M03', totalFen: 50_000_000, committedFen: 0, remainingFen: 50_000_000, waitingCount: 0, updatedBy: 'admin', signalledCases: 0 }),
    );
    const trail = await t.tdb.repos.audit.listForSubject('budget', '2026/M03');
    expect(trail.map((r) => [r.action, r.actorUsername, r.outcome, r.reason])).toEqual([['budget.set', 'admin', 'ok', '0 → 500,000 yuan (0 → 50000000 fen)']]);
  });

  it('finance bureau staff (czj.reviewer, czj.head) set budgets (200)', async () => {
    expect((await putBudget('czj.reviewer', '/api/v1/budgets/2026/M03', { amountFen: 60_000_000 })).statusCode).toBe(200);
    const res = await putBudget('czj.head', '/api/v1/budgets/2026/M13', { amountFen: 1_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json().updatedBy).toBe('czj.head');
  });

  it('staff of another department, enterprises, supervisors and auditors may not (403)', async () => {
    for (const user of ['gxj.reviewer', 'ent1', 'supervisor', 'auditor']) {
      const res = await putBudget(user, '/api/v1/budgets/2026/M03', { amountFen: 1 });
      expect([user, res.statusCode, res.json().code]).toEqual([user, 403, 'FORBIDDEN']);
    }
    expect((await getBudgets('admin')).json().lines.find((l: { policyCode: string }) => l.policyCode === 'M03').totalFen).toBe(60_000_000);
  });

  it('404 UNKNOWN_POLICY for an unknown code and for a measure that is not an award, listing the award codes', async () => {
    for (const code of ['M99', 'M10', 'M01']) {
      const res = await putBudget('admin', `/api/v1/budgets/2026/${code}`, { amountFen: 1 });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('UNKNOWN_POLICY');
      expect(res.json().details.known).toEqual(expect.arrayContaining(['M03', 'M05', 'M21']));
      expect(res.json().details.known).not.toContain('M10');
    }
  });

  it('400 VALIDATION_FAILED for a negative, fractional, unsafe or missing amount and a bad year', async () => {
    for (const payload of [{ amountFen: -1 }, { amountFen: 1.5 }, { amountFen: Number.MAX_SAFE_INTEGER + 1 }, { amountFen: '100' }, {}]) {
      const res = await putBudget('admin', '/api/v1/budgets/2026/M03', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'body.amountFen' })] }));
    }
    expect((await putBudget('admin', '/api/v1/budgets/26/M03', { amountFen: 1 })).statusCode).toBe(400);
  });

  it('409 STATE_CONFLICT when lowering below what is committed, audited as refused; a waiting case without Temporal is not signalled', async () => {
    await putBudget('admin', '/api/v1/budgets/2026/M05', { amountFen: 100_000 });
    const commit = (caseId: string, minute: number) =>
      t.tdb.repos.funding.requestCommitment({ caseId, year: 2026, policyCode: 'M05', amountFen: 80_000, approvedAt: new Date(Date.UTC(2026, 4, 1, 0, minute)), at: new Date() });
    await commit('SB-2026-000001', 1);
    await commit('SB-2026-000002', 2);
    const res = await putBudget('czj.reviewer', '/api/v1/budgets/2026/M05', { amountFen: 50_000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('80000 fen are already committed');
    const trail = await t.tdb.repos.audit.listForSubject('budget', '2026/M05');
    expect(trail.map((r) => [r.actorUsername, r.outcome])).toEqual([
      ['admin', 'ok'],
      ['czj.reviewer', 'refused'],
    ]);
    const raised = await putBudget('czj.reviewer', '/api/v1/budgets/2026/M05', { amountFen: 160_000 });
    expect(raised.json()).toEqual(expect.objectContaining({ waitingCount: 1, waitingFen: 80_000, signalledCases: 0 }));
  });
});

describe('GET /api/v1/budgets/:year', () => {
  it('admin, finance bureau staff, supervisors and auditors read the lines (200)', async () => {
    for (const user of ['admin', 'czj.reviewer', 'czj.head', 'supervisor', 'auditor']) {
      const res = await getBudgets(user);
      expect([user, res.statusCode]).toEqual([user, 200]);
      expect(res.json().lines.map((l: { policyCode: string }) => l.policyCode)).toEqual(['M03', 'M05', 'M13']);
    }
    expect((await getBudgets('admin', 2030)).json()).toEqual({ year: 2030, lines: [] });
  });

  it('other staff and enterprises may not (403)', async () => {
    for (const user of ['gxj.reviewer', 'ent1']) expect((await getBudgets(user)).statusCode).toBe(403);
  });
});

describe('/api/v1/enterprises/:id/bank-account', () => {
  const account = { accountName: '辽源示范机械制造有限公司', accountNo: '6222 0202 0011 2233', bankName: '中国工商银行辽源分行' };
  const url = (id: string) => `/api/v1/enterprises/${id}/bank-account`;
  const put = (user: string, id: string, payload: object) => t.app.inject({ method: 'PUT', url: url(id), headers: bearer(tokens[user]!), payload });
  const get = (user: string, id: string) => t.app.inject({ method: 'GET', url: url(id), headers: bearer(tokens[user]!) });

  it('404 before any account is set', async () => {
    expect((await get('ent1', ent1Id)).statusCode).toBe(404);
  });

  it("an enterprise user sets its own account (200, digits only) and the audit keeps the number masked", async () => {
    const res = await put('ent1', ent1Id, account);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ enterpriseId: ent1Id, accountNo: '6222020200112233', masked: false, updatedBy: 'ent1', signalledCases: 0 }));
    const trail = await t.tdb.repos.audit.listForSubject('enterprise', ent1Id);
    const record = trail.find((r) => r.action === 'enterprise.bank_account');
    expect(record?.payload).toEqual({ accountName: account.accountName, accountNo: '************2233', bankName: account.bankName });
  });

  it("another enterprise's account is 404 to an enterprise user, reading or writing", async () => {
    expect((await put('ent1', ent2Id, account)).statusCode).toBe(404);
    expect((await get('ent2', ent1Id)).statusCode).toBe(404);
  });

  it('staff may not set an account (403); admin may (200)', async () => {
    expect((await put('gxj.reviewer', ent2Id, account)).statusCode).toBe(403);
    expect((await put('admin', ent2Id, { ...account, accountNo: '9558800200112233445' })).statusCode).toBe(200);
  });

  it('the owner and admin read the whole number; other staff see the last 4 digits', async () => {
    expect((await get('ent1', ent1Id)).json()).toEqual(expect.objectContaining({ accountNo: '6222020200112233', masked: false }));
    expect((await get('admin', ent1Id)).json()).toEqual(expect.objectContaining({ accountNo: '6222020200112233', masked: false }));
    for (const user of ['czj.reviewer', 'supervisor', 'auditor']) {
      const res = await get(user, ent1Id);
      expect([user, res.statusCode, res.json().accountNo, res.json().masked]).toEqual([user, 200, '************2233', true]);
    }
  });

  it('400 naming the fields for a number with letters and an empty bank name', async () => {
    const res = await put('ent1', ent1Id, { ...account, accountNo: '6222-ABC', bankName: '' });
    expect(res.statusCode).toBe(400);
    expect((res.json().issues as Array<{ path: string }>).map((i) => i.path).sort()).toEqual(['body.accountNo', 'body.bankName']);
  });
});

describe('signals to waiting cases', () => {
  let s: TestApi;
  const sent: Array<[string, string, unknown]> = [];
  // Records signals; a workflow id 'closed-…' answers as a closed workflow.
  const client = {
    workflow: {
      getHandle: (workflowId: string) => ({
        signal: async (def: { name: string }, arg: unknown) => {
          if (workflowId.startsWith('closed-')) throw new WorkflowNotFoundError('workflow not found', workflowId, undefined);
          sent.push([workflowId, def.name, arg]);
        },
      }),
    },
  } as unknown as Client;
  const caseRow = (caseId: string, status: string, enterpriseId: string, workflowId = `application-${caseId}`): CaseProjection => ({
    caseId,
    caseType: 'application',
    workflowId,
    status,
    title: caseId,
    departmentCode: 'GXJ',
    assigneeId: null,
    enterpriseId,
    policyCode: 'M03',
    catalogueVersion: 1,
    slaState: null,
    deadlineAt: null,
    deadlineProvisional: false,
    view: {},
    projectionVersion: 1,
    openedAt: new Date(),
    closedAt: null,
    updatedAt: new Date(),
  });

  beforeAll(async () => {
    s = await createTestApi({ temporal: { client, taskQueue: 'unused' } });
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(() => {
    sent.length = 0;
  });

  it('a budget change signals every waiting case of that budget in approval order, skipping closed workflows', async () => {
    const ent = (await s.tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
    const admin = await s.login('admin');
    await s.app.inject({ method: 'PUT', url: '/api/v1/budgets/2026/M03', headers: bearer(admin), payload: { amountFen: 0 } });
    // Approved in the order B, C, A (A's workflow has closed); D waits on another measure.
    for (const [caseId, minute, policyCode] of [['SB-C', 2, 'M03'], ['SB-A', 3, 'M03'], ['SB-B', 1, 'M03'], ['SB-D', 0, 'M04']] as const) {
      await s.tdb.repos.cases.project(caseRow(caseId, 'awaiting_funds', ent, caseId === 'SB-A' ? 'closed-SB-A' : undefined));
      await s.tdb.repos.funding.requestCommitment({ caseId, year: 2026, policyCode, amountFen: 10_000, approvedAt: new Date(Date.UTC(2026, 4, 1, 0, minute)), at: new Date() });
    }
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/budgets/2026/M03', headers: bearer(admin), payload: { amountFen: 15_000 } });
    expect(res.json()).toEqual(expect.objectContaining({ waitingCount: 3, signalledCases: 2 }));
    expect(sent).toEqual([
      ['application-SB-B', 'fundsAvailable', { year: 2026, policyCode: 'M03' }],
      ['application-SB-C', 'fundsAvailable', { year: 2026, policyCode: 'M03' }],
    ]);
  });

  it("a bank account change signals the enterprise's payment_failed cases only", async () => {
    const ent = (await s.tdb.repos.users.findByUsername('ent2'))!.enterpriseId!;
    await s.tdb.repos.cases.project(caseRow('SB-F1', 'payment_failed', ent));
    await s.tdb.repos.cases.project(caseRow('SB-F2', 'paying', ent));
    const res = await s.app.inject({
      method: 'PUT',
      url: `/api/v1/enterprises/${ent}/bank-account`,
      headers: bearer(await s.login('ent2')),
      payload: { accountName: '辽源示范物流有限公司', accountNo: '9558800200112233445', bankName: '中国银行辽源分行' },
    });
    expect(res.json().signalledCases).toBe(1);
    expect(sent).toEqual([['application-SB-F1', 'bankAccountUpdated', { enterpriseId: ent }]]);
  });
});
