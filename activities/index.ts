// Activities: every side effect a workflow causes, built by factories that receive their
// dependencies. Only worker.ts (and tests) wire real ones. Workflows import these by type.
// Each group lives in its own file; this file only composes them.
import { createApplicationActivities } from './applications';
import { createAuditActivities } from './audit';
import { createCatalogueActivities } from './catalogue';
import { createCaseActivities } from './cases';
import type { ActivityDeps } from './deps';
import { createFundingActivities } from './funding';
import { createSlaActivities } from './sla';

export type { ActivityDeps } from './deps';
export type { AuditActivityInput } from './audit';
export type { CaseProjectionInput } from './cases';
export type { PlanSlaInput, PlanSlaResult } from './sla';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createApplicationActivities(deps),
    ...createAuditActivities(deps),
    ...createCatalogueActivities(deps),
    ...createCaseActivities(deps),
    ...createFundingActivities(deps),
    ...createSlaActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
