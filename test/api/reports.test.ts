// The reports on a known set of cases, every figure worked out by hand below: the SLA report
// (on-time rate, p50/p90 per stage, overdue now, escalations by level, per department), the funds
// of the year and the annual evaluation, as JSON and as CSV, and who may read them.
import { parse } from 'csv-parse/sync';
import type { ClockLedger } from '../../domain/sla';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
const tokens: Record<string, string> = {};

function ledger(caseId: string, stage: string, budgetDays: number, consumedDays: number, state: 'stopped' | 'running'): ClockLedger {
  return {
    caseId, stage, episode: 1, budgetDays, extensions: [], startedAt: '2026-03-02T01:00:00.000Z', segmentStartedAt: state === 'running' ? '2026-04-01T01:00:00.000Z' : null,
    firstSegment: true, consumedDays, suspensions: [], state, deadlineAt: state === 'running' ? '2026-04-08T16:00:00.000Z' : null, deadlineDate: null, provisional: false,
    reminderAt: null, reminded: false, rungs: [], firedRungKeys: [], projections: [], stoppedAt: state === 'stopped' ? '2026-04-01T01:00:00.000Z' : null, stopReason: null,
  };
}

async function caseRow(o: { caseId: string; caseType: string; department: string; policyCode: string | null; status: string; openedAt: string; clocks: ClockLedger[]; decision?: 'approved' | 'rejected'; closed?: boolean; deadlineAt?: string }) {
  await t.tdb.db.prisma.caseRecord.create({
    data: {
      caseId: o.caseId, caseType: o.caseType, workflowId: `wf-${o.caseId}`, status: o.status, title: o.caseId, departmentCode: o.department, policyCode: o.policyCode,
      slaState: o.clocks.some((c) => c.state === 'running') ? 'running' : 'stopped', deadlineAt: o.deadlineAt ? new Date(o.deadlineAt) : null,
      view: JSON.parse(JSON.stringify({ clocks: o.clocks, clock: o.clocks.at(-1) ?? null, state: { decision: o.decision ? { outcome: o.decision } : null } })),
      projectionVersion: 1, openedAt: new Date(o.openedAt), closedAt: o.closed ? new Date('2026-06-01T00:00:00Z') : null, updatedAt: new Date(o.openedAt),
    },
  });
}

beforeAll(async () => {
  t = await createTestApi();
  for (const u of ['supervisor', 'auditor', 'admin', 'gxj.reviewer', 'ent1']) tokens[u] = await t.login(u);
  // A: M09 at GXJ, approved and paid: acceptance 3 of 5 (on time), review 22 of 20 (late), funding 10 of 15 (on time).
  await caseRow({ caseId: 'SB-2026-000101', caseType: 'application', department: 'GXJ', policyCode: 'M09', status: 'paid', openedAt: '2026-03-02T02:00:00Z', closed: true, decision: 'approved',
    clocks: [ledger('SB-2026-000101', 'acceptance', 5, 3, 'stopped'), ledger('SB-2026-000101', 'review', 20, 22, 'stopped'), ledger('SB-2026-000101', 'funding', 15, 10, 'stopped')] });
  // B: M09 at GXJ, rejected after acceptance took 6 of 5 (late); escalated to levels 1 and 2.
  await caseRow({ caseId: 'SB-2026-000102', caseType: 'application', department: 'GXJ', policyCode: 'M09', status: 'rejected', openedAt: '2026-03-10T02:00:00Z', closed: true, decision: 'rejected',
    clocks: [ledger('SB-2026-000102', 'acceptance', 5, 6, 'stopped')] });
  // C: M05 at SCJ, still in acceptance, its deadline of 2026-04-08 long past: overdue now; escalated to level 1.
  await caseRow({ caseId: 'SB-2026-000103', caseType: 'application', department: 'SCJ', policyCode: 'M05', status: 'awaiting_acceptance', openedAt: '2026-04-01T02:00:00Z', deadlineAt: '2026-04-08T16:00:00.000Z',
    clocks: [ledger('SB-2026-000103', 'acceptance', 5, 0, 'running')] });
  // D: an appeal naming M09; E: an M09 filing of 2025 (outside 2026 and outside the period).
  await caseRow({ caseId: 'SQ-2026-000104', caseType: 'appeal', department: 'GXJ', policyCode: 'M09', status: 'awaiting_acceptance', openedAt: '2026-05-01T02:00:00Z', clocks: [] });
  await caseRow({ caseId: 'SB-2025-000105', caseType: 'application', department: 'GXJ', policyCode: 'M09', status: 'rejected', openedAt: '2025-12-01T02:00:00Z', closed: true, decision: 'rejected', clocks: [ledger('SB-2025-000105', 'acceptance', 5, 1, 'stopped')] });
  const rung = (caseId: string, dept: string, level: number, firedAt: string) =>
    t.tdb.repos.escalations.insertOnce({ caseId, caseDepartment: dept, rungKey: `${caseId}:${level}`, level, targetDepartment: level === 1 ? dept : 'GXJ', targetRole: level === 1 ? 'dept_head' : 'supervisor', deadlineAt: new Date(firedAt), stage: 'acceptance', overdueWorkingDays: level, firedAt: new Date(firedAt) });
  await rung('SB-2026-000102', 'GXJ', 1, '2026-03-20T02:00:00Z');
  await rung('SB-2026-000102', 'GXJ', 2, '2026-03-25T02:00:00Z');
  await rung('SB-2026-000103', 'SCJ', 1, '2026-04-10T02:00:00Z');
  const prisma = t.tdb.db.prisma;
  await prisma.budget.createMany({ data: [{ year: 2026, policyCode: 'M09', totalFen: 1_000_000n, updatedAt: new Date() }, { year: 2026, policyCode: 'M05', totalFen: 500_000n, updatedAt: new Date() }] });
  await prisma.budgetCommitment.create({ data: { caseId: 'SB-2026-000101', year: 2026, policyCode: 'M09', amountFen: 300_000n, approvedAt: new Date('2026-04-01T00:00:00Z'), status: 'paid', requestedAt: new Date('2026-04-01T00:00:00Z'), committedAt: new Date('2026-04-01T00:00:00Z') } });
  const enterpriseId = (await t.tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
  await prisma.payment.create({ data: { idempotencyKey: 'pay-101', caseId: 'SB-2026-000101', enterpriseId, amountFen: 300_000n, accountName: 'ent1', accountNo: '6222021234567890123', bankName: '中国工商银行辽源分行', status: 'succeeded', createdAt: new Date('2026-04-20T00:00:00Z') } });
});
afterAll(() => t?.close());

const get = (url: string, user = 'supervisor', headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...bearer(tokens[user]!), ...headers } });

describe('the SLA report', () => {
  it('gives the figures worked out by hand', async () => {
    const res = await get('/api/v1/reports/sla?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    // A, B, C, D opened in 2026; E in 2025.
    expect(r.cases).toBe(4);
    // Finished stages: A's three and B's one; on time: A acceptance and A funding.
    expect(r).toEqual(expect.objectContaining({ finishedStages: 4, onTimeStages: 2, onTimeRate: 0.5, overdueNow: 1, escalationsByLevel: { '1': 2, '2': 1, '3': 0 } }));
    expect(r.stages).toEqual([
      // acceptance [3, 6]: p50 is the 1st by nearest rank (3), p90 the 2nd (6).
      { stage: 'acceptance', finished: 2, onTime: 1, onTimeRate: 0.5, p50: 3, p90: 6 },
      { stage: 'funding', finished: 1, onTime: 1, onTimeRate: 1, p50: 10, p90: 10 },
      { stage: 'review', finished: 1, onTime: 0, onTimeRate: 0, p50: 22, p90: 22 },
    ]);
    expect(r.departments).toEqual([
      { department: 'GXJ', cases: 3, finished: 4, onTime: 2, onTimeRate: 0.5, overdueNow: 0, escalations: { '1': 1, '2': 1, '3': 0 } },
      { department: 'SCJ', cases: 1, finished: 0, onTime: 0, onTimeRate: null, overdueNow: 1, escalations: { '1': 1, '2': 0, '3': 0 } },
    ]);
    expect(r.formulas.onTimeRate).toMatch(/finished stages on time \/ finished stages/);
  });

  it('filters by department and case type, and a period before the cases has none', async () => {
    const scj = (await get('/api/v1/reports/sla?from=2026-01-01&to=2026-12-31&department=SCJ')).json();
    expect(scj).toEqual(expect.objectContaining({ cases: 1, finishedStages: 0, onTimeRate: null, overdueNow: 1, escalationsByLevel: { '1': 1, '2': 0, '3': 0 } }));
    expect((await get('/api/v1/reports/sla?from=2026-01-01&to=2026-12-31&type=appeal')).json().cases).toBe(1);
    // 2025-12-01 is E's day: the period includes its end date.
    expect((await get('/api/v1/reports/sla?from=2025-11-01&to=2025-12-01')).json()).toEqual(expect.objectContaining({ cases: 1, finishedStages: 1, onTimeRate: 1 }));
  });

  it('as CSV: one row per department', async () => {
    const res = await get('/api/v1/reports/sla?from=2026-01-01&to=2026-12-31', 'auditor', { accept: 'text/csv' });
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(res.body, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      expect.objectContaining({ department: 'GXJ', cases: '3', on_time_rate: '0.5', escalations_l2: '1' }),
      expect.objectContaining({ department: 'SCJ', cases: '1', overdue_now: '1' }),
    ]);
  });
});

describe('the funds report', () => {
  it('per measure: budget, committed, paid, cases, average, within the payment SLA', async () => {
    const r = (await get('/api/v1/reports/funds?year=2026', 'admin')).json();
    expect(r.measures).toEqual([
      expect.objectContaining({ policyCode: 'M05', budgetFen: 500_000, committedFen: 0, paidFen: 0, cases: 0, paidCases: 0, averagePaidFen: null, paidWithinSlaRate: null }),
      // A's funding stage took 10 of its 15 working days.
      expect.objectContaining({ policyCode: 'M09', budgetFen: 1_000_000, committedFen: 300_000, paidFen: 300_000, cases: 1, paidCases: 1, averagePaidFen: 300_000, paidWithinSla: 1, paidWithinSlaRate: 1 }),
    ]);
  });
});

describe('the annual evaluation', () => {
  it('every measure of the year, and the ones nobody filed for', async () => {
    const r = (await get('/api/v1/reports/annual-evaluation?year=2026', 'auditor')).json();
    expect(r.measures).toHaveLength(46);
    const m09 = r.measures.find((m: { policyCode: string }) => m.policyCode === 'M09');
    // A approved, B rejected; days to decision: A 3 + 22 = 25, B 6: mean 15.5; B's two rungs; D names M09; paid 300,000 of 1,000,000.
    expect(m09).toEqual(expect.objectContaining({ filings: 2, approvals: 1, rejections: 1, notAccepted: 0, paidFen: 300_000, averageWorkingDaysToDecision: 15.5, escalations: 2, appeals: 1, budgetFen: 1_000_000, budgetExecutionRate: 0.3 }));
    const m05 = r.measures.find((m: { policyCode: string }) => m.policyCode === 'M05');
    expect(m05).toEqual(expect.objectContaining({ filings: 1, approvals: 0, averageWorkingDaysToDecision: null, escalations: 1, budgetExecutionRate: 0 }));
    expect(r.measuresWithoutFilings).toHaveLength(44);
    expect(r.measuresWithoutFilings).not.toContain('M09');
    const csv = await get('/api/v1/reports/annual-evaluation?year=2026', 'auditor', { accept: 'text/csv' });
    const rows = parse(csv.body, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(46);
    expect(rows.find((x) => x.policy_code === 'M09')).toEqual(expect.objectContaining({ filings: '2', average_working_days_to_decision: '15.5', budget_execution_rate: '0.3' }));
  });
});

it('reviewers and enterprises may not read the reports; a bad period is 400', async () => {
  for (const user of ['gxj.reviewer', 'ent1']) {
    expect((await get('/api/v1/reports/sla?from=2026-01-01&to=2026-12-31', user)).statusCode).toBe(403);
    expect((await get('/api/v1/reports/funds?year=2026', user)).statusCode).toBe(403);
    expect((await get('/api/v1/reports/annual-evaluation?year=2026', user)).statusCode).toBe(403);
  }
  const bad = await get('/api/v1/reports/sla?from=2026-13-01&to=2026-12-31');
  expect(bad.statusCode).toBe(400);
  expect(bad.json().code).toBe('VALIDATION_FAILED');
  expect((await get('/api/v1/reports/funds?year=abc')).statusCode).toBe(400);
});
