// The case read model, written by workflows at every transition (idempotent and ordered by
// projection version), and case numbers.
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';

export interface CaseProjectionInput {
  caseId: string;
  caseType: string;
  workflowId: string;
  status: string;
  title: string;
  departmentCode: string;
  assigneeId: string | null;
  enterpriseId: string | null;
  policyCode: string | null;
  catalogueVersion: number | null;
  slaState: string | null;
  deadlineAt: string | null;
  deadlineProvisional: boolean;
  view: Prisma.InputJsonObject;
  projectionVersion: number;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
}

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

export function createCaseActivities(deps: ActivityDeps) {
  return {
    async projectCase(p: CaseProjectionInput): Promise<boolean> {
      return deps.repos.cases.project({
        ...p,
        deadlineAt: date(p.deadlineAt),
        openedAt: new Date(p.openedAt),
        closedAt: date(p.closedAt),
        updatedAt: new Date(p.updatedAt),
      });
    },
  };
}
