// Filing records and lists of 代办 proxy cases: the Idempotency-Key of each filing with its case
// number and first read-model row, the scoped list, and an agent's open cases.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { FilingOutcome } from './applications-repository';
import { nextCaseNumber } from './cases-repository';

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
    findIdempotencyKey: (key: string) => prisma.idempotencyRecord.findUnique({ where: { key } }),

    /**
     * Files a case in one transaction: the Idempotency-Key, the next DB number and the case's first
     * read-model row (built by `build` once the number is known) with its first history row. Twins
     * of one request wait for each other on a lock per key: the second finds the first's case.
     */
    fileCase: <T>(
      p: { key: string; requestHash: string; at: Date; caseNumber: (n: number) => string; numberSeries: { prefix: string; year: number } },
      build: (caseId: string) => { row: Omit<Prisma.CaseRecordCreateInput, 'history'>; history: Prisma.CaseHistoryEntryCreateWithoutCaseInput[]; result: T },
    ): Promise<FilingOutcome<T>> =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`proxy-filing:${p.key}`}))`;
        const claimed = await tx.idempotencyRecord.findUnique({ where: { key: p.key } });
        if (claimed && claimed.requestHash !== p.requestHash) return { kind: 'conflict', caseId: claimed.caseId };
        if (claimed) return { kind: 'replay', caseId: claimed.caseId };
        const caseId = p.caseNumber(await nextCaseNumber(tx, p.numberSeries.prefix, p.numberSeries.year));
        const { row, history, result } = build(caseId);
        await tx.caseRecord.create({ data: { ...row, history: { create: history } } });
        await tx.idempotencyRecord.create({ data: { key: p.key, requestHash: p.requestHash, caseId, createdAt: p.at } });
        return { kind: 'filed', caseId, result };
      }),

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
