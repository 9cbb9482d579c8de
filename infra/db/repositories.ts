// Every repository, built from one Prisma client. Services receive this object.
import type { PrismaClient } from '../../generated/prisma/client';
import { createAppealsRepository } from './appeals-repository';
import { createApplicationsRepository } from './applications-repository';
import { createAuditRepository } from './audit-repository';
import { createBankRatiosRepository } from './bank-ratios-repository';
import { createCatalogueRepository } from './catalogue-repository';
import { createCalendarRepository } from './calendar-repository';
import { createCasesRepository } from './cases-repository';
import { createDepartmentsRepository } from './departments-repository';
import { createDocumentsRepository } from './documents-repository';
import { createEnterprisesRepository } from './enterprises-repository';
import { createEscalationsRepository } from './escalations-repository';
import { createExternalPoliciesRepository } from './external-policies-repository';
import { createFundingRepository } from './funding-repository';
import { createHistoryArchiveRepository } from './history-archive-repository';
import { createIdleAssetsRepository } from './idle-assets-repository';
import { createInboxRepository } from './inbox-repository';
import { createNotificationsRepository } from './notifications-repository';
import { createProductCatalogueRepository } from './product-catalogue-repository';
import { createProxyCasesRepository } from './proxy-cases-repository';
import { createReportsRepository } from './reports-repository';
import { createUsersRepository } from './users-repository';

export function createRepositories(prisma: PrismaClient) {
  return {
    appeals: createAppealsRepository(prisma),
    applications: createApplicationsRepository(prisma),
    audit: createAuditRepository(prisma),
    bankRatios: createBankRatiosRepository(prisma),
    catalogue: createCatalogueRepository(prisma),
    calendar: createCalendarRepository(prisma),
    cases: createCasesRepository(prisma),
    departments: createDepartmentsRepository(prisma),
    documents: createDocumentsRepository(prisma),
    enterprises: createEnterprisesRepository(prisma),
    escalations: createEscalationsRepository(prisma),
    externalPolicies: createExternalPoliciesRepository(prisma),
    funding: createFundingRepository(prisma),
    historyArchive: createHistoryArchiveRepository(prisma),
    idleAssets: createIdleAssetsRepository(prisma),
    inbox: createInboxRepository(prisma),
    notifications: createNotificationsRepository(prisma),
    productCatalogue: createProductCatalogueRepository(prisma),
    proxyCases: createProxyCasesRepository(prisma),
    reports: createReportsRepository(prisma),
    users: createUsersRepository(prisma),
    /** Liveness of the database for /health. */
    ping: async (): Promise<void> => {
      await prisma.$queryRaw`SELECT 1`;
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
