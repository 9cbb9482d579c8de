// The policy of a case type without its own (the SLA probe of the tests, later types until they
// get one): the shared read rule over the case's columns, no co-departments, and the running
// stage's department when the type's view names one.
import { z } from 'zod';
import type { CaseRecord } from '../../generated/prisma/client';
import { canSeeScope, scopeFilter, supervisePermission, type CaseAccessPolicy, type CaseScope } from './case-policy';

/** The one view field this policy reads; a view without it has no stage department. */
const ZStageOfView = z.object({ stageDepartment: z.string() });

function scopeOf(c: CaseRecord): CaseScope {
  const stage = ZStageOfView.safeParse(c.view);
  return {
    enterpriseId: c.enterpriseId,
    leadDepartment: c.departmentCode,
    coDepartments: [],
    assigneeId: c.assigneeId,
    stageDepartment: stage.success ? stage.data.stageDepartment : null,
  };
}

/** Built per case type so each policy names its type. */
export function genericPolicy(caseType: string): CaseAccessPolicy {
  return {
    caseType,
    scopeOf,
    canSee: canSeeScope,
    listFilter: (actor) => scopeFilter(actor, (dept) => [{ departmentCode: dept }, { view: { path: ['stageDepartment'], equals: dept } }]),
    maySupervise: (actor, scope, act) => supervisePermission(actor, scope, act, canSeeScope(actor, scope)),
  };
}
