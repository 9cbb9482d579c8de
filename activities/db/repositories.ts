// Every repository, built from one Prisma client. Services receive this object.
import type { PrismaClient } from '../../generated/prisma/client';
import { createAuditRepository } from './audit-repository';
import { createDepartmentsRepository } from './departments-repository';
import { createEnterprisesRepository } from './enterprises-repository';
import { createNotificationsRepository } from './notifications-repository';
import { createUsersRepository } from './users-repository';

export function createRepositories(prisma: PrismaClient) {
  return {
    audit: createAuditRepository(prisma),
    departments: createDepartmentsRepository(prisma),
    enterprises: createEnterprisesRepository(prisma),
    notifications: createNotificationsRepository(prisma),
    users: createUsersRepository(prisma),
    /** Liveness of the database for /health. */
    ping: async (): Promise<void> => {
      await prisma.$queryRaw`SELECT 1`;
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
