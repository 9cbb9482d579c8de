// What a proxy case shows in the read model: its columns and its compact view. Pure: the
// workflow's projections use it, and so does the filing, which writes the first row itself (so a
// read right after the filing finds the case) before the workflow has run.
import type { CaseColumns } from '../case/kernel';
import type { CaseMeta } from '../case/types';
import { actsAvailable, runningStage, waitingOnCase, type ProxyCaseInput, type ProxyCaseState } from './state';
import type { ProxyCompactView } from './view';

/** The department whose proxy team carries every 代办 case (measures 39, 40). */
export const PROXY_DEPARTMENT = 'GXJ';

export function proxyColumns(input: ProxyCaseInput, s: ProxyCaseState): CaseColumns {
  return {
    status: s.status,
    title: input.title,
    departmentCode: PROXY_DEPARTMENT,
    enterpriseId: input.enterpriseId,
    policyCode: input.plan.channel === 'green' ? 'M40' : 'M39',
    catalogueVersion: null,
    openedAt: input.filedAt,
    closedAt: s.closedAt,
  };
}

export function proxyCompactView(input: ProxyCaseInput, s: ProxyCaseState, meta: Pick<CaseMeta, 'assigneeId' | 'department'>): ProxyCompactView {
  return {
    input,
    state: s,
    assigneeId: meta.assigneeId,
    stageDepartment: meta.department,
    authorities: [...new Set(s.items.map((i) => i.authority))].sort(),
    currentStage: runningStage(s)?.key ?? null,
    waitingOn: waitingOnCase(s),
    actsAvailable: actsAvailable(s, input),
  };
}
