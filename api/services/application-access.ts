// Who may see an application and who may take which act on it (DESIGN.md "Users and access").
// Scope first: a case outside the caller's scope is 404 whatever the act (never a 403 that tells
// it exists); then the role: 403 when the role never takes the act.
import type { Actor } from '../../domain/roles';
import type { ApplicationActName } from '../../workflows/application/messages';

export interface CaseScope {
  enterpriseId: string;
  leadDepartment: string;
  coDepartments: string[];
  assigneeId: string | null;
  /** The department whose clock runs now (CZJ while funding and paying). */
  stageDepartment: string;
}

export function canSeeApplication(actor: Actor, c: CaseScope): boolean {
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId === c.enterpriseId;
    case 'supervisor':
    case 'auditor':
    case 'admin':
      return true;
    case 'agent':
      // A proxy agent sees the cases assigned to them, not the whole department.
      return c.assigneeId === actor.userId;
    default: {
      const dept = actor.departmentCode ?? '';
      return dept === c.leadDepartment || c.coDepartments.includes(dept) || dept === c.stageDepartment;
    }
  }
}

/** 公示 publicity: anyone signed in who may act at all may object, auditors excepted (they change nothing). */
export const OBJECTING_ROLES: readonly Actor['role'][] = ['enterprise', 'reviewer', 'dept_head', 'agent', 'supervisor', 'admin'];

const LEAD_ACTS: readonly ApplicationActName[] = ['accept', 'request-supplement', 'not-accept', 'approve', 'reject', 'resolve-objection'];
const ENTERPRISE_ACTS: readonly ApplicationActName[] = ['supplement', 'withdraw'];

/**
 * 'out_of_scope' (answer 404), 'forbidden' (403) or 'ok'. `inPublicity`: an objection to a case in
 * publicity is open to callers outside its scope.
 */
export function actPermission(actor: Actor, c: CaseScope, act: ApplicationActName, inPublicity: boolean): 'ok' | 'forbidden' | 'out_of_scope' {
  if (act === 'objection') {
    if (!canSeeApplication(actor, c) && !inPublicity) return 'out_of_scope';
    return OBJECTING_ROLES.includes(actor.role) ? 'ok' : 'forbidden';
  }
  if (!canSeeApplication(actor, c)) return 'out_of_scope';
  if (ENTERPRISE_ACTS.includes(act)) return actor.role === 'enterprise' ? 'ok' : 'forbidden';
  if (actor.role !== 'reviewer' && actor.role !== 'dept_head') return 'forbidden';
  if (act === 'countersign') return c.coDepartments.includes(actor.departmentCode ?? '') ? 'ok' : 'forbidden';
  if (LEAD_ACTS.includes(act)) return actor.departmentCode === c.leadDepartment ? 'ok' : 'forbidden';
  return 'forbidden';
}
