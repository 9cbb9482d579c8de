// Filing records of applications: the Idempotency-Key of each filing, and the open
// applications an enterprise has for a measure (once-only limits count those too).
import type { CaseRecord, Prisma, PrismaClient } from '../../generated/prisma/client';

/** Applications still running: their claims count against limits until they close. */
const OPEN_STATUSES = ['awaiting_acceptance', 'awaiting_supplement', 'under_review', 'awaiting_countersign', 'in_publicity', 'awaiting_funds', 'paying', 'payment_failed'];

export function createApplicationsRepository(prisma: PrismaClient) {
  return {
    /** Claims a key for a case; returns the existing record when the key was used before. */
    claimIdempotencyKey: async (key: string, requestHash: string, caseId: string, at: Date) => {
      const created = await prisma.idempotencyRecord.createMany({ data: [{ key, requestHash, caseId, createdAt: at }], skipDuplicates: true });
      const record = await prisma.idempotencyRecord.findUnique({ where: { key } });
      if (!record) throw new Error(`idempotency record ${key} vanished`);
      return { fresh: created.count === 1, record };
    },
    findIdempotencyKey: (key: string) => prisma.idempotencyRecord.findUnique({ where: { key } }),

    /** The open applications of an enterprise for a measure (their claims count against limits). */
    openApplicationsOf: (enterpriseId: string, policyCode: string) =>
      prisma.caseRecord.findMany({ where: { caseType: 'application', enterpriseId, policyCode, status: { in: OPEN_STATUSES } }, orderBy: { openedAt: 'asc' } }),

    /**
     * Files under a transaction-scoped lock per enterprise and measure: `decide` sees the open
     * applications (including ones filed a moment ago whose workflow has not projected yet) and
     * returns the first read-model row of the new case, written in the same transaction, so two
     * concurrent filings for the same limit never both pass. `decide` must not query the
     * database itself (PGlite has a single connection, held by this transaction).
     */
    fileUnderLock: <T>(enterpriseId: string, policyCode: string, decide: (open: CaseRecord[]) => { row: Prisma.CaseRecordCreateInput; result: T }) =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`filing:${enterpriseId}:${policyCode}`}))`;
        const open = await tx.caseRecord.findMany({
          where: { caseType: 'application', enterpriseId, policyCode, status: { in: OPEN_STATUSES } },
          orderBy: { openedAt: 'asc' },
        });
        const { row, result } = decide(open);
        await tx.caseRecord.create({ data: row });
        return result;
      }),

    /** The paid case that already used one of these once-only limit keys, if any. */
    grantedCaseFor: async (enterpriseId: string, policyCode: string, item: string, limitKeys: readonly string[]) =>
      (await prisma.awardGrant.findFirst({ where: { enterpriseId, policyCode, item, limitKey: { in: [...limitKeys] } }, select: { caseId: true } }))?.caseId ?? null,

    list: (filter: { status?: string | undefined; policyCode?: string | undefined; enterpriseId?: string | undefined; departments?: string[] | undefined; policyCodes?: string[] | undefined; limit: number; offset: number }) =>
      prisma.caseRecord.findMany({
        where: {
          caseType: 'application',
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.policyCode ? { policyCode: filter.policyCode } : {}),
          ...(filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {}),
          ...(filter.departments
            ? { OR: [{ departmentCode: { in: filter.departments } }, ...(filter.policyCodes?.length ? [{ policyCode: { in: filter.policyCodes } }] : [])] }
            : {}),
        },
        orderBy: [{ openedAt: 'desc' }, { caseId: 'desc' }],
        take: filter.limit,
        skip: filter.offset,
      }),
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
