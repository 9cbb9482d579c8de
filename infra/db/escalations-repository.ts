// Escalations: one row per rung per deadline (rung_key unique), so a rung fires once whatever
// the retries, worker restarts or continue-as-new.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';

export interface NewEscalation {
  caseId: string;
  caseDepartment: string;
  rungKey: string;
  level: number;
  targetDepartment: string;
  targetRole: string;
  deadlineAt: Date;
  stage: string;
  overdueWorkingDays: number;
  firedAt: Date;
}

export function createEscalationsRepository(prisma: PrismaClient) {
  return {
    /** True when this call created the row; false when the rung had fired before. */
    insertOnce: async (e: NewEscalation): Promise<boolean> =>
      (await prisma.escalation.createMany({ data: [{ id: randomUUID(), ...e }], skipDuplicates: true })).count === 1,
    closeOpen: (caseId: string, stage: string, reason: string, at: Date) =>
      prisma.escalation.updateMany({ where: { caseId, stage, closedAt: null }, data: { closedAt: at, closedReason: reason } }),
    list: (filter: { level?: number | undefined; department?: string | undefined; open?: boolean | undefined; limit: number; offset: number }) =>
      prisma.escalation.findMany({
        where: {
          ...(filter.level ? { level: filter.level } : {}),
          ...(filter.open === true ? { closedAt: null } : filter.open === false ? { closedAt: { not: null } } : {}),
          ...(filter.department ? { caseDepartment: filter.department } : {}),
        },
        orderBy: [{ firedAt: 'desc' }, { id: 'asc' }],
        take: filter.limit,
        skip: filter.offset,
      }),
    listForCase: (caseId: string) => prisma.escalation.findMany({ where: { caseId }, orderBy: [{ firedAt: 'asc' }, { level: 'asc' }] }),
  };
}
export type EscalationsRepository = ReturnType<typeof createEscalationsRepository>;
