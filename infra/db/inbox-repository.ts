// The inbox, the done list and the case search: reads of the case read model in keyset pages
// (deadline ascending, nulls last, then case id; the done list by audit sequence, newest first),
// never offsets, never Temporal visibility.
import type { InboxSla, SlaBounds } from '../../domain/inbox';
import type { CaseRecord, Prisma, PrismaClient } from '../../generated/prisma/client';

/** Where a page in deadline order starts: after this case (its deadline and id). */
/** A case row of a list: every column but the view. */
export type CaseListRow = Omit<CaseRecord, 'view'>;

export interface DeadlineCursor {
  deadlineAt: Date | null;
  caseId: string;
}

/** The rows after the cursor in (deadline_at ASC NULLS LAST, case_id ASC) order. */
function afterCursor(c: DeadlineCursor | null): Prisma.CaseRecordWhereInput {
  if (!c) return {};
  if (c.deadlineAt === null) return { deadlineAt: null, caseId: { gt: c.caseId } };
  return { OR: [{ deadlineAt: { gt: c.deadlineAt } }, { deadlineAt: c.deadlineAt, caseId: { gt: c.caseId } }, { deadlineAt: null }] };
}

/** domain/inbox/sla.ts slaOf as a filter on the columns (the same comparisons). */
export function slaFilter(sla: InboxSla, b: SlaBounds): Prisma.CaseRecordWhereInput {
  const notSuspended: Prisma.CaseRecordWhereInput = { OR: [{ slaState: null }, { slaState: { not: 'suspended' } }] };
  switch (sla) {
    case 'suspended':
      return { slaState: 'suspended' };
    case 'overdue':
      return { AND: [notSuspended, { deadlineAt: { lt: b.now } }] };
    case 'due_soon':
      return { AND: [notSuspended, { deadlineAt: { gte: b.now, lte: b.dueSoonUntil } }] };
    case 'on_time':
      return { AND: [notSuspended, { OR: [{ deadlineAt: null }, { deadlineAt: { gt: b.dueSoonUntil } }] }] };
  }
}

export function createInboxRepository(prisma: PrismaClient) {
  return {
    /** One page of the cases matching `where`, in deadline order after `after`; one more row tells whether more follow. */
    // Without the view (a case's whole compact state, kilobytes each): a page needs its columns only.
    casesInDeadlineOrder: (where: Prisma.CaseRecordWhereInput, after: DeadlineCursor | null, limit: number): Promise<CaseListRow[]> =>
      prisma.caseRecord.findMany({
        where: { AND: [where, afterCursor(after)] },
        orderBy: [{ deadlineAt: { sort: 'asc', nulls: 'last' } }, { caseId: 'asc' }],
        take: limit,
        omit: { view: true },
      }),

    /** The views of a few cases (a suspended clock's remaining budget is in its view). */
    viewsOf: async (caseIds: readonly string[]): Promise<Map<string, CaseRecord['view']>> =>
      caseIds.length === 0
        ? new Map()
        : new Map((await prisma.caseRecord.findMany({ where: { caseId: { in: [...caseIds] } }, select: { caseId: true, view: true } })).map((c) => [c.caseId, c.view])),

    /** The cases with an open escalation addressed to these targets, with the highest level open on each. */
    openEscalationLevels: async (targets: ReadonlyArray<{ targetRole: string; department: string | null }>): Promise<Map<string, number>> => {
      if (targets.length === 0) return new Map();
      const rows = await prisma.escalation.groupBy({
        by: ['caseId'],
        where: { closedAt: null, OR: targets.map((t) => ({ targetRole: t.targetRole, ...(t.department ? { targetDepartment: t.department } : {}) })) },
        _max: { level: true },
      });
      return new Map(rows.map((r) => [r.caseId, r._max.level ?? 0]));
    },

    /** The ids of the enterprises whose name contains `text` (case-insensitive). */
    enterpriseIdsNamed: async (text: string): Promise<string[]> =>
      (await prisma.enterprise.findMany({ where: { name: { contains: text, mode: 'insensitive' } }, select: { id: true } })).map((e) => e.id),

    enterpriseNames: async (ids: readonly string[]): Promise<Map<string, string>> =>
      new Map((await prisma.enterprise.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })).map((e) => [e.id, e.name])),

    /** What a user did on cases (the audit log's records of their acts that took effect), newest first, before `beforeSeq`. */
    actsBy: (actorId: string, beforeSeq: bigint | null, limit: number) =>
      prisma.auditRecord.findMany({
        where: { actorId, subjectType: 'case', outcome: 'ok', ...(beforeSeq === null ? {} : { seq: { lt: beforeSeq } }) },
        orderBy: { seq: 'desc' },
        take: limit,
      }),

    casesByIds: async (ids: readonly string[]): Promise<Map<string, CaseRecord>> =>
      new Map((await prisma.caseRecord.findMany({ where: { caseId: { in: [...new Set(ids)] } } })).map((c) => [c.caseId, c])),
  };
}
export type InboxRepository = ReturnType<typeof createInboxRepository>;
