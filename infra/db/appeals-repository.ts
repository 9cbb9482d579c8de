// Lists of 诉求 appeals: the scoped list with its filters, the appeals that name a case as their
// related case, and the appeals filed in a period for the report. A filing is the cases
// repository's `fileCase`, shared by the case types.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

const APPEAL = 'appeal';

export interface AppealFilter {
  /** The caller's scope, built by the API's access rule. */
  scope: Prisma.CaseRecordWhereInput;
  category?: string | undefined;
  status?: string | undefined;
  /** The lead department (department_code: the platform's, GXJ, until dispatched). */
  department?: string | undefined;
  /** The party that answers for the appeal now (view.responsible). */
  responsible?: string | undefined;
  limit: number;
  offset: number;
}

export function createAppealsRepository(prisma: PrismaClient) {
  return {
    /** Appeals in a caller's scope, newest first. */
    list: (f: AppealFilter) =>
      prisma.caseRecord.findMany({
        where: {
          caseType: APPEAL,
          AND: [
            f.scope,
            ...(f.category ? [{ view: { path: ['input', 'category'], equals: f.category } }] : []),
            ...(f.responsible ? [{ view: { path: ['responsible'], equals: f.responsible } }] : []),
          ],
          ...(f.status ? { status: f.status } : {}),
          ...(f.department ? { departmentCode: f.department } : {}),
        },
        orderBy: [{ openedAt: 'desc' }, { caseId: 'desc' }],
        take: f.limit,
        skip: f.offset,
      }),

    /** The appeals in a caller's scope whose related case is `caseId`, oldest first. */
    relatedTo: (caseId: string, scope: Prisma.CaseRecordWhereInput) =>
      prisma.caseRecord.findMany({
        where: { caseType: APPEAL, AND: [scope, { view: { path: ['input', 'relatedCaseId'], equals: caseId } }] },
        orderBy: [{ openedAt: 'asc' }, { caseId: 'asc' }],
        select: { caseId: true, title: true, view: true },
      }),

    /** The appeals filed in [from, to) and, when given, led by `department` (the report's set). */
    filedBetween: (from: Date, to: Date, department: string | undefined) =>
      prisma.caseRecord.findMany({
        where: { caseType: APPEAL, openedAt: { gte: from, lt: to }, ...(department ? { departmentCode: department } : {}) },
        orderBy: { caseId: 'asc' },
        select: { caseId: true, view: true },
      }),
  };
}
export type AppealsRepository = ReturnType<typeof createAppealsRepository>;
