// Lists of 代办 proxy cases: the scoped list and an agent's open cases (a filing is the cases
// repository's `fileCase`, shared by the case types).
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

const PROXY = 'proxy';

export interface ProxyCaseFilter {
  /** The caller's scope, built by the API's access rule. */
  scope: Prisma.CaseRecordWhereInput;
  agentId?: string | undefined;
  status?: string | undefined;
  stage?: string | undefined;
  overdue?: boolean | undefined;
  now: Date;
  limit: number;
  offset: number;
}

function overdueClause(overdue: boolean, now: Date): Prisma.CaseRecordWhereInput {
  return overdue ? { closedAt: null, deadlineAt: { lt: now } } : { OR: [{ closedAt: { not: null } }, { deadlineAt: null }, { deadlineAt: { gte: now } }] };
}

export function createProxyCasesRepository(prisma: PrismaClient) {
  return {
    /** Proxy cases in a caller's scope, newest first. */
    list: (f: ProxyCaseFilter) =>
      prisma.caseRecord.findMany({
        where: {
          caseType: PROXY,
          AND: [f.scope, ...(f.overdue === undefined ? [] : [overdueClause(f.overdue, f.now)])],
          ...(f.agentId ? { assigneeId: f.agentId } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(f.stage ? { view: { path: ['currentStage'], equals: f.stage } } : {}),
        },
        orderBy: [{ openedAt: 'desc' }, { caseId: 'desc' }],
        take: f.limit,
        skip: f.offset,
      }),

    /** The open proxy cases assigned to an agent, oldest first. */
    workloadOf: (agentId: string) => prisma.caseRecord.findMany({ where: { caseType: PROXY, assigneeId: agentId, closedAt: null }, orderBy: [{ openedAt: 'asc' }, { caseId: 'asc' }] }),

    /** Whether the agent carries an open proxy case of the enterprise (the agent may then file for it). */
    agentCarriesEnterprise: async (agentId: string, enterpriseId: string): Promise<boolean> =>
      (await prisma.caseRecord.count({ where: { caseType: PROXY, assigneeId: agentId, enterpriseId, closedAt: null } })) > 0,
  };
}
export type ProxyCasesRepository = ReturnType<typeof createProxyCasesRepository>;
