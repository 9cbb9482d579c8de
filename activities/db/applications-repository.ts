// Filing records of applications: the Idempotency-Key of each filing, and the open
// applications an enterprise has for a measure (once-only limits count those too).
import type { PrismaClient } from '../../generated/prisma/client';

const CLOSED_WITHOUT_AWARD = ['rejected', 'not_accepted', 'withdrawn', 'expired_supplement'];

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

    /** Applications of an enterprise for a measure that are open or ended with an award. */
    liveApplicationsOf: (enterpriseId: string, policyCode: string) =>
      prisma.caseRecord.findMany({
        where: { caseType: 'application', enterpriseId, policyCode, status: { notIn: CLOSED_WITHOUT_AWARD } },
        orderBy: { openedAt: 'asc' },
      }),

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
