// What the reports read: case rows in a period, escalations, the year's budgets, commitments and
// payments. Plain reads; the figures are computed in api/services/report-service.ts.
import type { PrismaClient } from '../../generated/prisma/client';

export interface ReportCaseFilter {
  from: Date;
  to: Date;
  department?: string | undefined;
  type?: string | undefined;
}

export function createReportsRepository(prisma: PrismaClient) {
  return {
    /** Cases opened in [from, to). */
    casesOpened: (f: ReportCaseFilter) =>
      prisma.caseRecord.findMany({
        where: { openedAt: { gte: f.from, lt: f.to }, ...(f.department ? { departmentCode: f.department } : {}), ...(f.type ? { caseType: f.type } : {}) },
        select: { caseId: true, caseType: true, departmentCode: true, status: true, policyCode: true, view: true, openedAt: true, closedAt: true, slaState: true, deadlineAt: true },
        orderBy: { caseId: 'asc' },
      }),
    /** Open cases whose deadline has passed (overdue now), by department. */
    overdueNow: (now: Date, f: { department?: string | undefined; type?: string | undefined }) =>
      prisma.caseRecord.groupBy({
        by: ['departmentCode'],
        where: { closedAt: null, OR: [{ slaState: 'overdue' }, { slaState: 'running', deadlineAt: { lt: now } }], ...(f.department ? { departmentCode: f.department } : {}), ...(f.type ? { caseType: f.type } : {}) },
        _count: { _all: true },
      }),
    /** Escalation rungs fired in [from, to). */
    escalationsFired: (f: ReportCaseFilter) =>
      prisma.escalation.findMany({
        where: { firedAt: { gte: f.from, lt: f.to }, ...(f.department ? { caseDepartment: f.department } : {}) },
        select: { caseId: true, caseDepartment: true, level: true },
      }),
    casesByIds: (caseIds: readonly string[]) =>
      caseIds.length === 0 ? Promise.resolve([]) : prisma.caseRecord.findMany({ where: { caseId: { in: [...caseIds] } }, select: { caseId: true, view: true } }),
    commitmentsOfYear: (year: number) => prisma.budgetCommitment.findMany({ where: { year } }),
    /** Successful payments of the given cases. */
    paymentsOf: (caseIds: readonly string[]) =>
      caseIds.length === 0 ? Promise.resolve([]) : prisma.payment.findMany({ where: { caseId: { in: [...caseIds] }, status: 'succeeded' }, select: { caseId: true, amountFen: true, createdAt: true } }),
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;
