// Funding use cases of award applications: the finance bureau (财政局, CZJ) sets each award
// measure's yearly budget and reads the ledger; an enterprise keeps the bank account awards are
// paid into. Both changes wake the cases that wait on them (awaiting_funds, payment_failed).
import type { SignalDefinition } from '@temporalio/common';
import type { BudgetLine, StoredBankAccount } from '../../infra/db/funding-repository';
import { AppError, isAppError } from '../../domain/errors';
import { maskAccountNo, type TBankAccount } from '../../domain/funding';
import { formatFen } from '../../domain/money';
import { defaultCatalogue } from '../../domain/policy';
import type { Actor } from '../../domain/roles';
import { bankAccountUpdatedSignal, fundsAvailableSignal } from '../../workflows/application/messages';
import { notFound, requireRole } from '../auth/guards';
import { undeliveredSignals, type TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';
import { findEnterpriseInScope } from './enterprise-scope';
import { auditActor } from './views';

/** The finance bureau manages the special funds (measure 2). */
const FINANCE_DEPARTMENT = 'CZJ';

function isFinanceStaff(actor: Actor): boolean {
  return (actor.role === 'reviewer' || actor.role === 'dept_head') && actor.departmentCode === FINANCE_DEPARTMENT;
}

function requireBudgetAccess(actor: Actor, otherRoles: readonly Actor['role'][], act: string): void {
  if (actor.role === 'admin' || otherRoles.includes(actor.role) || isFinanceStaff(actor)) return;
  throw new AppError('FORBIDDEN', `The role ${actor.role}${actor.departmentCode ? ` of ${actor.departmentCode}` : ''} may not ${act}; it needs admin${otherRoles.map((r) => `, ${r}`).join('')} or a reviewer or head of ${FINANCE_DEPARTMENT}.`);
}

/** Budgets exist for award measures only (approval items pay nothing). */
function requireAwardMeasure(policyCode: string): void {
  const awards = defaultCatalogue().measures.filter((m) => m.kind === 'award').map((m) => m.code);
  if (!awards.includes(policyCode)) {
    throw new AppError('UNKNOWN_POLICY', `'${policyCode}' is not an award measure, so it has no budget. Award measures: ${awards.join(', ')}.`, { policyCode, known: awards });
  }
}

function toBudgetLineView(l: BudgetLine) {
  return { ...l, updatedAt: l.updatedAt?.toISOString() ?? null };
}

function toBankAccountView(a: StoredBankAccount, fullNumber: boolean) {
  return {
    enterpriseId: a.enterpriseId,
    accountName: a.accountName,
    accountNo: fullNumber ? a.accountNo : maskAccountNo(a.accountNo),
    masked: !fullNumber,
    bankName: a.bankName,
    updatedAt: a.updatedAt.toISOString(),
    updatedBy: a.updatedBy,
  };
}

export function createFundingService(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;

  /**
   * Wakes the waiting cases in the order given; without Temporal there is no running case to wake.
   * The change that prompts the signals is already stored, so a case missed is a 503 after which
   * the same request, repeated, signals again.
   */
  async function signalCases<Args extends unknown[]>(change: string, cases: ReadonlyArray<{ workflowId: string }>, signal: SignalDefinition<Args>, ...args: Args): Promise<number> {
    if (!temporal) return 0;
    const fanOut = await temporal.signalAll(cases.map((c) => c.workflowId), signal, ...args);
    const missed = undeliveredSignals(fanOut, change);
    if (missed) throw missed;
    return fanOut.signalled;
  }

  return {
    async setBudget(actor: Actor, year: number, policyCode: string, amountFen: number) {
      requireBudgetAccess(actor, [], 'set budgets');
      requireAwardMeasure(policyCode);
      const at = now();
      const audit = { at, ...auditActor(actor), action: 'budget.set', subjectType: 'budget', subjectId: `${year}/${policyCode}` };
      let change: Awaited<ReturnType<typeof repos.funding.setBudget>>;
      try {
        change = await repos.funding.setBudget(year, policyCode, amountFen, actor.username, at);
      } catch (err) {
        if (isAppError(err) && err.code === 'STATE_CONFLICT') await repos.audit.append({ ...audit, outcome: 'refused', reason: err.message, payload: { requestedFen: amountFen } });
        throw err;
      }
      const { before, after } = change;
      await repos.audit.append({
        ...audit,
        outcome: 'ok',
        reason: `${formatFen(before.totalFen)} → ${formatFen(after.totalFen)} yuan (${before.totalFen} → ${after.totalFen} fen)`,
        payload: { oldTotalFen: before.totalFen, newTotalFen: after.totalFen, committedFen: after.committedFen, waitingCount: after.waitingCount },
      });
      // Every waiting case tries again, in approval order; each try commits the queue in order,
      // so whichever runs first, no later case overtakes an earlier one.
      const waiting: Array<{ workflowId: string }> = [];
      for (const caseId of await repos.funding.waitingCaseIds(year, policyCode)) {
        const c = await repos.cases.findById(caseId);
        if (c) waiting.push(c);
      }
      const signalledCases = await signalCases(`The ${year} budget of ${policyCode}`, waiting, fundsAvailableSignal, { year, policyCode });
      return { ...toBudgetLineView(after), signalledCases };
    },

    async budgetsOfYear(actor: Actor, year: number) {
      requireBudgetAccess(actor, ['supervisor', 'auditor'], 'read budgets');
      return { year, lines: (await repos.funding.budgetsOfYear(year)).map(toBudgetLineView) };
    },

    async setBankAccount(actor: Actor, enterpriseId: string, account: TBankAccount) {
      requireRole(actor, ['enterprise', 'admin'], "set an enterprise's bank account");
      await findEnterpriseInScope(repos, actor, enterpriseId);
      const at = now();
      const stored = await repos.funding.setBankAccount(enterpriseId, account, actor.username, at);
      await repos.audit.append({
        at,
        ...auditActor(actor),
        action: 'enterprise.bank_account',
        subjectType: 'enterprise',
        subjectId: enterpriseId,
        outcome: 'ok',
        payload: { accountName: account.accountName, accountNo: maskAccountNo(account.accountNo), bankName: account.bankName },
      });
      const waiting = await repos.funding.paymentFailedCasesOf(enterpriseId);
      const signalledCases = await signalCases('The bank account', waiting, bankAccountUpdatedSignal, { enterpriseId });
      return { ...toBankAccountView(stored, true), signalledCases };
    },

    async bankAccountOf(actor: Actor, enterpriseId: string) {
      await findEnterpriseInScope(repos, actor, enterpriseId);
      const stored = await repos.funding.bankAccountOf(enterpriseId);
      if (!stored) throw notFound('Bank account of enterprise', enterpriseId);
      // Staff see the last 4 digits; the enterprise itself (the scope check let only its own
      // users through) and administrators see the whole number.
      return toBankAccountView(stored, actor.role === 'enterprise' || actor.role === 'admin');
    },
  };
}
export type FundingService = ReturnType<typeof createFundingService>;
