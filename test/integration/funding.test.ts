// The special-fund ledger and the payments against a real database: commitments in approval
// order (a smaller later one never jumps the queue), concurrent approvals on the last of a
// budget, budgets that cannot drop below what is committed, transfers once per idempotency key,
// and the payment activity's failure types.
import { randomUUID } from 'node:crypto';
import { createFundingActivities } from '../../activities/funding';
import { PaymentRefusedError } from '../../infra/payments/gateway';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { createAppMetrics } from '../../infra/metrics';
import type { FundingRepository } from '../../infra/db/funding-repository';
import { createTestDatabase, type TestDatabase } from '../support/db';

let tdb: TestDatabase;
let funding: FundingRepository;
beforeAll(async () => {
  tdb = await createTestDatabase();
  funding = tdb.repos.funding;
});
afterAll(async () => tdb.drop());

const at = new Date('2026-06-01T02:00:00Z');
/** Approval instants one minute apart, in the order given. */
const approvedAt = (minute: number) => new Date(Date.UTC(2026, 4, 20, 2, minute));
const request = (caseId: string, policyCode: string, amountFen: number, minute: number) =>
  funding.requestCommitment({ caseId, year: 2026, policyCode, amountFen, approvedAt: approvedAt(minute), at });

describe('commitments against a budget', () => {
  it('commits in approval order: a short budget keeps later cases waiting, even smaller ones, until a top-up', async () => {
    await funding.setBudget(2026, 'M03', 100_000, 'admin', at);
    expect(await request('SB-A', 'M03', 60_000, 1)).toEqual({ status: 'committed', remainingFen: 40_000, ahead: 0 });
    expect(await request('SB-B', 'M03', 50_000, 2)).toEqual({ status: 'waiting', remainingFen: 40_000, ahead: 0 });
    // 30,000 would fit in the 40,000 left, but B was approved first.
    expect(await request('SB-C', 'M03', 30_000, 4)).toEqual({ status: 'waiting', remainingFen: 40_000, ahead: 1 });
    // Approved before C but requested after it: it queues by its approval instant, ahead of C.
    expect(await request('SB-D', 'M03', 5_000, 3)).toEqual({ status: 'waiting', remainingFen: 40_000, ahead: 1 });
    expect(await funding.waitingCaseIds(2026, 'M03')).toEqual(['SB-B', 'SB-D', 'SB-C']);

    // +30,000: 70,000 left. B (50,000) and D (5,000) commit; C (30,000) no longer fits in 15,000.
    await funding.setBudget(2026, 'M03', 130_000, 'czj.reviewer', at);
    expect(await request('SB-C', 'M03', 30_000, 4)).toEqual({ status: 'waiting', remainingFen: 15_000, ahead: 0 });
    expect((await funding.commitmentOf('SB-B'))?.status).toBe('committed');
    expect((await funding.commitmentOf('SB-D'))?.status).toBe('committed');
    expect(await funding.waitingCaseIds(2026, 'M03')).toEqual(['SB-C']);
    expect(await funding.budgetLine(2026, 'M03')).toEqual(
      expect.objectContaining({ totalFen: 130_000, committedFen: 115_000, remainingFen: 15_000, waitingFen: 30_000, waitingCount: 1, updatedBy: 'czj.reviewer' }),
    );
  });

  it('two concurrent requests for a budget that fits one: exactly one commits', async () => {
    await funding.setBudget(2026, 'M04', 100_000, 'admin', at);
    const outcomes = await Promise.all([request('SB-R1', 'M04', 80_000, 1), request('SB-R2', 'M04', 80_000, 1)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['committed', 'waiting']);
    expect(await funding.budgetLine(2026, 'M04')).toEqual(expect.objectContaining({ committedFen: 80_000, remainingFen: 20_000, waitingCount: 1 }));
  });

  it('eight concurrent requests for a budget that fits three: three commit, never more', async () => {
    await funding.setBudget(2026, 'M05', 100_000, 'admin', at);
    const ids = Array.from({ length: 8 }, (_, i) => `SB-P${i}`);
    const outcomes = await Promise.all(ids.map((id, i) => request(id, 'M05', 30_000, i)));
    expect(outcomes.filter((o) => o.status === 'committed')).toHaveLength(3);
    expect(await funding.budgetLine(2026, 'M05')).toEqual(expect.objectContaining({ committedFen: 90_000, remainingFen: 10_000, waitingCount: 5 }));
  });

  it('a repeated request for the same case never counts twice', async () => {
    await funding.setBudget(2026, 'M07', 100_000, 'admin', at);
    const first = await request('SB-I', 'M07', 40_000, 1);
    const again = await request('SB-I', 'M07', 40_000, 1);
    expect(again).toEqual(first);
    expect(await funding.budgetLine(2026, 'M07')).toEqual(expect.objectContaining({ committedFen: 40_000, remainingFen: 60_000 }));
  });

  it('a request on a budget never set waits (a missing budget is 0) and commits once one is set', async () => {
    expect(await request('SB-N', 'M08', 10_000, 1)).toEqual({ status: 'waiting', remainingFen: 0, ahead: 0 });
    await funding.setBudget(2026, 'M08', 10_000, 'admin', at);
    expect(await request('SB-N', 'M08', 10_000, 1)).toEqual({ status: 'committed', remainingFen: 0, ahead: 0 });
  });

  it('refuses lowering a budget below what is committed, naming the figures; down to exactly that is allowed', async () => {
    await funding.setBudget(2026, 'M09', 100_000, 'admin', at);
    await request('SB-L1', 'M09', 60_000, 1);
    await funding.markPaid('SB-L1');
    await request('SB-L2', 'M09', 30_000, 2);
    await expect(funding.setBudget(2026, 'M09', 89_999, 'admin', at)).rejects.toMatchObject({
      code: 'STATE_CONFLICT',
      message: expect.stringContaining('90000 fen are already committed (60000 fen of them paid)'),
    });
    expect((await funding.budgetLine(2026, 'M09')).totalFen).toBe(100_000);
    expect((await funding.setBudget(2026, 'M09', 90_000, 'admin', at)).after.remainingFen).toBe(0);
  });

  it('refuses amounts that are not safe integers of fen', async () => {
    await expect(funding.setBudget(2026, 'M11', Number.MAX_SAFE_INTEGER + 1, 'admin', at)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(request('SB-X', 'M11', 0, 1)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('release gives committed money back once; paid money cannot be released', async () => {
    await funding.setBudget(2026, 'M12', 50_000, 'admin', at);
    await request('SB-G1', 'M12', 50_000, 1);
    expect((await funding.release('SB-G1'))?.status).toBe('released');
    expect((await funding.release('SB-G1'))?.status).toBe('released');
    expect((await funding.budgetLine(2026, 'M12')).remainingFen).toBe(50_000);
    expect(await funding.release('SB-none')).toBeNull();
    await request('SB-G2', 'M12', 50_000, 2);
    await funding.markPaid('SB-G2');
    await expect(funding.release('SB-G2')).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
    await expect(funding.markPaid('SB-none')).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
  });

  it('lists the year per policy code with committed, paid and waiting amounts', async () => {
    const lines = await funding.budgetsOfYear(2026);
    expect(lines.map((l) => l.policyCode)).toEqual(['M03', 'M04', 'M05', 'M07', 'M08', 'M09', 'M12']);
    expect(lines.find((l) => l.policyCode === 'M09')).toEqual(expect.objectContaining({ totalFen: 90_000, committedFen: 90_000, paidFen: 60_000, remainingFen: 0 }));
    expect(await funding.budgetsOfYear(2027)).toEqual([]);
  });
});

describe('InProcessPaymentGateway', () => {
  const closedAccount = '6222020200000000009';
  const gateway = () => new InProcessPaymentGateway(funding, { closedAccounts: [closedAccount], now: () => at });
  const transfer = (idempotencyKey: string, accountNo: string) =>
    gateway().transfer({
      idempotencyKey,
      caseId: 'SB-PAY',
      enterpriseId: randomUUID(),
      amountFen: 12_345,
      account: { accountName: '辽源示范机械制造有限公司', accountNo, bankName: '中国工商银行辽源分行' },
    });
  const rowsOf = (idempotencyKey: string) => tdb.db.prisma.payment.findMany({ where: { idempotencyKey } });

  it('the same key twice pays once and returns the same transferRef', async () => {
    const first = await transfer('SB-PAY:payment:1', '6222020200112233445');
    const again = await transfer('SB-PAY:payment:1', '6222020200112233445');
    expect(again.transferRef).toBe(first.transferRef);
    const rows = await rowsOf('SB-PAY:payment:1');
    expect(rows.map((r) => [r.status, r.transferRef, Number(r.amountFen)])).toEqual([['succeeded', first.transferRef, 12_345]]);
  });

  it('refuses a closed account for good and stores the refusal: the same key refuses again without a new row', async () => {
    await expect(transfer('SB-PAY:payment:2', closedAccount)).rejects.toThrow(PaymentRefusedError);
    // A fresh gateway without the closed list still answers from the stored refusal.
    await expect(new InProcessPaymentGateway(funding).transfer({ idempotencyKey: 'SB-PAY:payment:2', caseId: 'SB-PAY', enterpriseId: randomUUID(), amountFen: 12_345, account: { accountName: 'x', accountNo: closedAccount, bankName: 'y' } })).rejects.toMatchObject({
      name: 'PaymentRefusedError',
      reason: 'account ***************0009 is closed',
    });
    expect((await rowsOf('SB-PAY:payment:2')).map((r) => [r.status, r.transferRef, r.failure])).toEqual([['refused', null, 'account ***************0009 is closed']]);
  });

  it('refuses an account number that is not 10 to 30 digits', async () => {
    await expect(transfer('SB-PAY:payment:3', '12345678')).rejects.toMatchObject({ name: 'PaymentRefusedError', reason: expect.stringContaining('10 to 30 digits') });
  });
});

describe('funding activities', () => {
  const enterpriseId = randomUUID();
  let activities: ReturnType<typeof createFundingActivities>;
  const metrics = createAppMetrics();
  const payments = async () => Object.fromEntries((await metrics.payments.get()).values.map((v) => [v.labels.outcome, v.value]));
  beforeAll(async () => {
    activities = createFundingActivities({ repos: tdb.repos, now: () => at, payments: new InProcessPaymentGateway(tdb.repos.funding, { closedAccounts: ['1111111111'] }), metrics });
    await funding.setBudget(2026, 'M13', 1_000_000, 'admin', at);
    await activities.requestBudgetCommitment({ caseId: 'SB-ACT', year: 2026, policyCode: 'M13', amountFen: 200_000, approvedAt: approvedAt(1).toISOString(), at: at.toISOString() });
  });
  const pay = (attempt: number) => activities.payAward({ caseId: 'SB-ACT', enterpriseId, amountFen: 200_000, attempt, at: at.toISOString() });

  it('without a bank account: non-retryable BANK_ACCOUNT_MISSING', async () => {
    await expect(pay(1)).rejects.toMatchObject({ type: 'BANK_ACCOUNT_MISSING', nonRetryable: true });
  });

  it('a closed account: non-retryable PAYMENT_REFUSED with the reason; the corrected account pays on the next attempt, once', async () => {
    await funding.setBankAccount(enterpriseId, { accountName: '企业', accountNo: '1111111111', bankName: '银行' }, 'ent1', at);
    await expect(pay(1)).rejects.toMatchObject({ type: 'PAYMENT_REFUSED', nonRetryable: true, message: expect.stringContaining('is closed') });
    expect((await funding.commitmentOf('SB-ACT'))?.status).toBe('committed');

    await funding.setBankAccount(enterpriseId, { accountName: '企业', accountNo: '6222020200112233', bankName: '银行' }, 'ent1', at);
    const paid = await pay(2);
    expect(paid).toEqual({ transferRef: expect.stringMatching(/^TRF-/), account: '************2233' });
    expect(await pay(2)).toEqual(paid);
    // Even a stray later attempt finds the case paid and moves no money.
    expect(await pay(3)).toEqual(paid);
    expect((await funding.commitmentOf('SB-ACT'))?.status).toBe('paid');
    expect(await tdb.db.prisma.payment.count({ where: { caseId: 'SB-ACT', status: 'succeeded' } })).toBe(1);
    // The refusal and the one transfer are counted; the repeated attempts found the case paid and asked no bank.
    expect(await payments()).toEqual({ refused: 1, paid: 1 });
  });

  it('refuses paying an amount other than the committed one, as STATE_CONFLICT', async () => {
    await expect(activities.payAward({ caseId: 'SB-ACT', enterpriseId, amountFen: 1, attempt: 9, at: at.toISOString() })).rejects.toMatchObject({ type: 'STATE_CONFLICT', nonRetryable: true });
  });

  it('release returns the waiting cases of the budget in approval order', async () => {
    await funding.setBudget(2026, 'M14', 100_000, 'admin', at);
    await request('SB-W1', 'M14', 100_000, 1);
    await request('SB-W2', 'M14', 100_000, 2);
    await request('SB-W3', 'M14', 100_000, 3);
    expect(await activities.releaseBudgetCommitment({ caseId: 'SB-W1', at: at.toISOString() })).toEqual({ status: 'released', waitingCaseIds: ['SB-W2', 'SB-W3'] });
    expect(await activities.releaseBudgetCommitment({ caseId: 'SB-none', at: at.toISOString() })).toEqual({ status: 'none', waitingCaseIds: [] });
  });

  it('records award grants once, whatever the retries', async () => {
    const grants = [
      { policyCode: 'M13', item: 'rd', limitKey: 'once', amountFen: 200_000 },
      { policyCode: 'M13', item: 'rd', limitKey: 'year:2026', period: '2026', amountFen: 200_000 },
    ];
    const input = { caseId: 'SB-ACT', enterpriseId, grants, at: at.toISOString() };
    expect(await activities.recordAwardGrants(input)).toBe(2);
    expect(await activities.recordAwardGrants(input)).toBe(0);
    const rows = await tdb.db.prisma.awardGrant.findMany({ where: { caseId: 'SB-ACT' }, orderBy: { limitKey: 'asc' } });
    expect(rows.map((r) => [r.limitKey, r.period, Number(r.amountFen)])).toEqual([
      ['once', null, 200_000],
      ['year:2026', '2026', 200_000],
    ]);
  });
});
