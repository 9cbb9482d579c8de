// Who may see an application and who may take which act on it (DESIGN.md "Users and access").
// 403: the role may never take the act; 404: the case lies outside the caller's scope.
import type { Actor } from '../../domain/roles';
import type { ApplicationActName } from '../../workflows/application/messages';

export interface CaseScope {
  enterpriseId: string;
  leadDepartment: string;
  coDepartments: string[];
}

export function canSeeApplication(actor: Actor, c: CaseScope): boolean {
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId === c.enterpriseId;
    case 'supervisor':
    case 'auditor':
    case 'admin':
      return true;
    default:
      return actor.departmentCode === c.leadDepartment || c.coDepartments.includes(actor.departmentCode ?? '');
  }
}

const LEAD_ACTS: readonly ApplicationActName[] = ['accept', 'request-supplement', 'not-accept', 'approve', 'reject', 'resolve-objection'];
const ENTERPRISE_ACTS: readonly ApplicationActName[] = ['supplement', 'withdraw'];

/** 'forbidden' (the role never takes this act), 'out_of_scope' (not this case), or 'ok'. */
export function actPermission(actor: Actor, c: CaseScope, act: ApplicationActName): 'ok' | 'forbidden' | 'out_of_scope' {
  if (act === 'objection') return 'ok'; // 公示: anyone signed in may object
  if (ENTERPRISE_ACTS.includes(act)) {
    if (actor.role !== 'enterprise') return 'forbidden';
    return actor.enterpriseId === c.enterpriseId ? 'ok' : 'out_of_scope';
  }
  if (actor.role !== 'reviewer' && actor.role !== 'dept_head') return 'forbidden';
  if (act === 'countersign') return c.coDepartments.includes(actor.departmentCode ?? '') ? 'ok' : canSeeApplication(actor, c) ? 'forbidden' : 'out_of_scope';
  if (LEAD_ACTS.includes(act)) return actor.departmentCode === c.leadDepartment ? 'ok' : canSeeApplication(actor, c) ? 'forbidden' : 'out_of_scope';
  return 'forbidden';
}
