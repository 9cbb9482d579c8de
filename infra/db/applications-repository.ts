// Filing records of applications: the Idempotency-Key of each filing, and the open
// applications an enterprise has for a measure (once-only limits count those too).
import type { CaseRecord, Prisma, PrismaClient } from '../../generated/prisma/client';
import { nextCaseNumber, withWaiting, type FilingKey } from './cases-repository';

/** How a filing ended: a new case, a twin request's case, or a key that belongs to another request. */
export type FilingOutcome<T> = { kind: 'filed'; caseId: string; result: T } | { kind: 'replay'; caseId: string } | { kind: 'conflict'; caseId: string };

/** Applications still running: their claims count against limits until they close. */
const OPEN_STATUSES = ['awaiting_acceptance', 'awaiting_supplement', 'under_review', 'awaiting_countersign', 'in_publicity', 'awaiting_funds', 'paying', 'payment_failed'];

export function createApplicationsRepository(prisma: PrismaClient) {
  return {
    findIdempotencyKey: (key: string) => prisma.idempotencyRecord.findUnique({ where: { key } }),

    /** The open applications of an enterprise for a measure (their claims count against limits). */
    openApplicationsOf: (enterpriseId: string, policyCode: string) =>
      prisma.caseRecord.findMany({ where: { caseType: 'application', enterpriseId, policyCode, status: { in: OPEN_STATUSES } }, orderBy: { openedAt: 'asc' } }),

    /**
     * Files under a transaction-scoped lock per enterprise and measure: `decide` sees the open
     * applications (including ones filed a moment ago whose workflow has not projected yet) and
     * either refuses (throws) or returns how to build the case's first read-model row once it has
     * a number. The Idempotency-Key, the case number and the row are written in that one
     * transaction: a refused filing binds no key and uses no number, and two concurrent filings
     * for the same limit never both pass. `decide` must not query the database itself (PGlite has
     * a single connection, held by this transaction).
     */
    fileUnderLock: <T>(
      p: FilingKey & { enterpriseId: string; policyCode: string },
      decide: (open: CaseRecord[]) => { build: (caseId: string) => { row: Prisma.CaseRecordCreateInput; result: T } },
    ): Promise<FilingOutcome<T>> =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`filing:${p.enterpriseId}:${p.policyCode}`}))`;
        const claimed = await tx.idempotencyRecord.findUnique({ where: { key: p.key } });
        if (claimed && claimed.requestHash !== p.requestHash) return { kind: 'conflict', caseId: claimed.caseId };
        // A twin of this request got here first: answer with its case.
        if (claimed && (await tx.caseRecord.findUnique({ where: { caseId: claimed.caseId }, select: { caseId: true } }))) return { kind: 'replay', caseId: claimed.caseId };
        const open = await tx.caseRecord.findMany({
          where: { caseType: 'application', enterpriseId: p.enterpriseId, policyCode: p.policyCode, status: { in: OPEN_STATUSES } },
          orderBy: { openedAt: 'asc' },
        });
        const { build } = decide(open);
        // A key bound without its case (left by an earlier version, which claimed keys before
        // deciding) keeps its number; otherwise the next one.
        const caseId = claimed?.caseId ?? p.caseNumber(await nextCaseNumber(tx, p.numberSeries.prefix, p.numberSeries.year));
        const { row, result } = build(caseId);
        await tx.caseRecord.create({ data: withWaiting(row) });
        await p.afterCreate?.(tx, caseId);
        if (!claimed) await tx.idempotencyRecord.create({ data: { key: p.key, requestHash: p.requestHash, caseId, createdAt: p.at } });
        return { kind: 'filed', caseId, result };
      }),

    /** The paid case that already used one of these once-only limit keys, if any. */
    grantedCaseFor: async (enterpriseId: string, policyCode: string, item: string, limitKeys: readonly string[]) =>
      (await prisma.awardGrant.findFirst({ where: { enterpriseId, policyCode, item, limitKey: { in: [...limitKeys] } }, select: { caseId: true } }))?.caseId ?? null,

    /** Applications in a caller's scope (a filter built by the API's access rule), newest first. */
    list: (filter: { scope: Prisma.CaseRecordWhereInput; status?: string | undefined; policyCode?: string | undefined; enterpriseId?: string | undefined; limit: number; offset: number }) =>
      prisma.caseRecord.findMany({
        where: {
          caseType: 'application',
          AND: [filter.scope],
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.policyCode ? { policyCode: filter.policyCode } : {}),
          ...(filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {}),
        },
        orderBy: [{ openedAt: 'desc' }, { caseId: 'desc' }],
        take: filter.limit,
        skip: filter.offset,
      }),
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
