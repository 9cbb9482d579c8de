// The recommended products catalogue (measure 10): approved M10 applications read from the case
// read model, their withdrawals, and the buyers' category subscriptions.
import type { PrismaClient } from '../../generated/prisma/client';
import { LISTING_MEASURE } from '../../domain/product-catalogue';

export function createProductCatalogueRepository(prisma: PrismaClient) {
  const approved = { caseType: 'application', policyCode: LISTING_MEASURE.policyCode, status: 'approved' } as const;
  return {
    /** Approved M10 cases with their enterprise's name and withdrawal, newest approval first. */
    approvedListings: async (filter: { caseId?: string }) => {
      const cases = await prisma.caseRecord.findMany({
        where: { ...approved, ...(filter.caseId ? { caseId: filter.caseId } : {}) },
        orderBy: [{ closedAt: 'desc' }, { caseId: 'asc' }],
        take: 10_000,
      });
      const ids = cases.map((c) => c.caseId);
      const [withdrawals, enterprises] = await Promise.all([
        prisma.productListingWithdrawal.findMany({ where: { caseId: { in: ids } } }),
        prisma.enterprise.findMany({ where: { id: { in: cases.flatMap((c) => (c.enterpriseId ? [c.enterpriseId] : [])) } }, select: { id: true, name: true } }),
      ]);
      const withdrawn = new Map(withdrawals.map((w) => [w.caseId, w]));
      const names = new Map(enterprises.map((e) => [e.id, e.name]));
      return cases.map((c) => ({ case: c, withdrawal: withdrawn.get(c.caseId) ?? null, enterpriseName: c.enterpriseId ? (names.get(c.enterpriseId) ?? '') : '' }));
    },
    /** False when the listing was withdrawn already. */
    withdraw: async (w: { caseId: string; withdrawnAt: Date; withdrawnBy: string; role: string; reason: string | null }) =>
      (await prisma.productListingWithdrawal.createMany({ data: [w], skipDuplicates: true })).count === 1,
    subscriptionsOf: async (userId: string) => (await prisma.buyerSubscription.findMany({ where: { userId }, orderBy: { category: 'asc' } })).map((s) => s.category),
    setSubscriptions: (userId: string, categories: readonly string[]) =>
      prisma.$transaction([
        prisma.buyerSubscription.deleteMany({ where: { userId } }),
        prisma.buyerSubscription.createMany({ data: categories.map((category) => ({ userId, category })) }),
      ]),
    /** Active buyer accounts subscribed to the category. */
    subscribersOf: async (category: string) => {
      const subs = await prisma.buyerSubscription.findMany({ where: { category } });
      return prisma.user.findMany({ where: { id: { in: subs.map((s) => s.userId) }, role: 'buyer', active: true }, orderBy: { username: 'asc' } });
    },
  };
}
export type ProductCatalogueRepository = ReturnType<typeof createProductCatalogueRepository>;
