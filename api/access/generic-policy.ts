// The policy of a case type without its own (the SLA probe of the tests, later types until they
// get one): the shared read rule over the case's columns, no co-departments, and the running
// stage's department when the type's view names one.
import { z } from 'zod';
import type { CaseRecord } from '../../generated/prisma/client';
import { casePolicyBase, columnScope, type CaseAccessPolicy, type CaseScope } from './case-policy';

/** The one view field this policy reads; a view without it has no stage department. */
const ZStageOfView = z.object({ stageDepartment: z.string() });

function scopeOf(c: CaseRecord): CaseScope {
  const stage = ZStageOfView.safeParse(c.view);
  return columnScope(c, [], stage.success ? stage.data.stageDepartment : null);
}

/** Built per case type so each policy names its type. */
export function genericPolicy(caseType: string): CaseAccessPolicy {
  return casePolicyBase(caseType, (c) => ({ scope: scopeOf(c), view: null }), (dept) => [{ departmentCode: dept }, { view: { path: ['stageDepartment'], equals: dept } }]);
}
