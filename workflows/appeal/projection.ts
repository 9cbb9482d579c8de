// What an appeal shows in the read model: its columns and its compact view. Pure: the workflow's
// projections use it, and so does the filing, which writes the first row itself.
import type { CaseColumns } from '../case/kernel';
import type { CaseMeta } from '../case/types';
import { RESPONSIBLE } from '../../domain/appeal/status';
import { actsAvailable, PLATFORM_DEPARTMENT, type AppealInput, type AppealState } from './state';
import type { AppealCompactView } from './view';

export function appealColumns(input: AppealInput, s: AppealState): CaseColumns {
  return {
    status: s.status,
    title: input.title,
    // The lead department owns it once dispatched; the platform until then.
    departmentCode: s.leadDepartment ?? PLATFORM_DEPARTMENT,
    enterpriseId: input.enterpriseId,
    policyCode: input.relatedPolicyCode,
    catalogueVersion: null,
    openedAt: input.filedAt,
    closedAt: s.closedAt,
  };
}

/** `nowMs`: the acts offered depend on the return window (workflow time in the workflow, the clock in the API). */
export function appealCompactView(input: AppealInput, s: AppealState, meta: Pick<CaseMeta, 'assigneeId' | 'department'>, nowMs: number): AppealCompactView {
  return {
    input,
    state: s,
    assigneeId: meta.assigneeId,
    stageDepartment: meta.department,
    departments: s.leadDepartment ? [s.leadDepartment, ...s.coDepartments] : [],
    responsible: RESPONSIBLE[s.status],
    actsAvailable: actsAvailable(s, nowMs),
  };
}
