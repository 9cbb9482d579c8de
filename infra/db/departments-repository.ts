import type { PrismaClient } from '../../generated/prisma/client';
import { DEPARTMENTS } from '../../domain/departments';

export function createDepartmentsRepository(prisma: PrismaClient) {
  return {
    list: () => prisma.department.findMany({ orderBy: { code: 'asc' } }),
    /** Reference data: inserts missing departments, corrects names, never deletes. */
    syncReferenceData: async () => {
      for (const d of DEPARTMENTS) {
        await prisma.department.upsert({ where: { code: d.code }, create: { ...d }, update: { nameZh: d.nameZh, nameEn: d.nameEn } });
      }
    },
  };
}
export type DepartmentsRepository = ReturnType<typeof createDepartmentsRepository>;
