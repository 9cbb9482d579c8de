// What an application shows in the read model: its columns and its compact view. Pure: the
// workflow's projections use it, and so does the filing, which writes the first row itself (so the
// case's claim on the measure's limits is visible at once) before the workflow has run.
import type { CaseColumns } from '../case/kernel';
import type { CaseMeta } from '../case/types';
import { actsAvailable, type ApplicationCaseState, type ApplicationInput } from './state';
import type { ApplicationCompactView } from './view';

export function applicationColumns(input: ApplicationInput, s: ApplicationCaseState): CaseColumns {
  return {
    status: s.status,
    title: input.title,
    departmentCode: input.leadDepartment,
    enterpriseId: input.enterpriseId,
    policyCode: input.policyCode,
    catalogueVersion: input.catalogueVersion,
    openedAt: input.filedAt,
    closedAt: s.closedAt,
  };
}

export function applicationCompactView(input: ApplicationInput, s: ApplicationCaseState, meta: Pick<CaseMeta, 'assigneeId' | 'department'>): ApplicationCompactView {
  return { input, state: s, assigneeId: meta.assigneeId, stageDepartment: meta.department, actsAvailable: actsAvailable(s) };
}
