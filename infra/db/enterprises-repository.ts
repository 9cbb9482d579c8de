// Enterprises. The only code that reads or writes the enterprises table.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { TEnterpriseProfileFacts } from '../../domain/enterprise';

export interface NewEnterprise {
  creditCode: string;
  name: string;
  industry: string;
  aboveScale: boolean;
  profile: TEnterpriseProfileFacts;
}

export function createEnterprisesRepository(prisma: PrismaClient) {
  return {
    findById: (id: string) => prisma.enterprise.findUnique({ where: { id } }),
    findByCreditCode: (creditCode: string) => prisma.enterprise.findUnique({ where: { creditCode } }),
    create: (e: NewEnterprise) => prisma.enterprise.create({ data: { id: randomUUID(), ...e } }),
    upsertByCreditCode: (e: NewEnterprise) =>
      prisma.enterprise.upsert({ where: { creditCode: e.creditCode }, create: { id: randomUUID(), ...e }, update: {} }),
    /** The profile facts, their statements and (when given) the above-scale flag, replaced together. */
    updateProfile: (id: string, p: { profile: TEnterpriseProfileFacts; statements: Prisma.InputJsonObject; aboveScale?: boolean }) =>
      prisma.enterprise.update({
        where: { id },
        data: { profile: p.profile, profileStatements: p.statements, ...(p.aboveScale === undefined ? {} : { aboveScale: p.aboveScale }) },
      }),
    list: (opts: { limit: number; offset: number }) =>
      prisma.enterprise.findMany({ orderBy: { creditCode: 'asc' }, take: opts.limit, skip: opts.offset }),
    /** Keyset pages in credit-code order, for batch runs that must not skip a row (matching). */
    listAfter: (opts: { afterCreditCode: string | null; limit: number }) =>
      prisma.enterprise.findMany({
        where: opts.afterCreditCode === null ? {} : { creditCode: { gt: opts.afterCreditCode } },
        orderBy: { creditCode: 'asc' },
        take: opts.limit,
      }),
  };
}
export type EnterprisesRepository = ReturnType<typeof createEnterprisesRepository>;
