// Who may see an application and who may take which act on it (DESIGN.md "Users and access").
// Scope first: a case outside the caller's scope is 404 whatever the act (never a 403 that tells
// it exists); then the role: 403 when the role never takes the act.
// One rule answers every question about an application: a read (`canSeeApplication`), a list
// (`applicationListScope`, the same rule as a database filter), the generic case view
// (case-service.ts) and filing on behalf of an enterprise (`filingRemit`).
import type { Actor } from '../../domain/roles';
import type { CaseRecord, Prisma } from '../../generated/prisma/client';
import type { ApplicationActName } from '../../workflows/application/messages';
import { storedApplicationView, type TStoredApplicationView } from '../schemas/application-view';

export interface CaseScope {
  enterpriseId: string;
  leadDepartment: string;
  coDepartments: string[];
  assigneeId: string | null;
  /** The department whose clock runs now (CZJ while funding and paying). */
  stageDepartment: string;
}

/** The scope of a stored application, from the same columns the list filter uses. */
export function applicationScopeOf(c: CaseRecord): CaseScope {
  const { view: _view, ...scope } = applicationScopeAndView(c);
  return scope;
}

/** The scope and the parsed stored view, in one parse (a read needs both). */
export function applicationScopeAndView(c: CaseRecord): CaseScope & { view: TStoredApplicationView } {
  const view = storedApplicationView(c.caseId, c.view);
  return {
    enterpriseId: c.enterpriseId ?? '',
    // The projection writes the lead department into department_code and the assignee into
    // assignee_id: the list filter below reads those columns, so read and list cannot disagree.
    leadDepartment: c.departmentCode,
    coDepartments: view.input.coDepartments,
    assigneeId: c.assigneeId,
    stageDepartment: view.stageDepartment ?? c.departmentCode,
    view,
  };
}

const SEE_ALL: readonly Actor['role'][] = ['supervisor', 'auditor', 'admin'];

export function canSeeApplication(actor: Actor, c: CaseScope): boolean {
  if (SEE_ALL.includes(actor.role)) return true;
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId !== null && actor.enterpriseId === c.enterpriseId;
    case 'agent':
      // A proxy agent sees the cases assigned to them, not the whole department.
      return c.assigneeId === actor.userId;
    default: {
      const dept = actor.departmentCode;
      if (!dept) return false;
      return dept === c.leadDepartment || c.coDepartments.includes(dept) || dept === c.stageDepartment;
    }
  }
}

/**
 * `canSeeApplication` as a filter on the read model: a list shows exactly the cases a read of each
 * would show (test/unit/application-access.test.ts checks the two against each other).
 */
export function applicationListScope(actor: Actor): Prisma.CaseRecordWhereInput {
  if (SEE_ALL.includes(actor.role)) return {};
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId ? { enterpriseId: actor.enterpriseId } : { caseId: { in: [] } };
    case 'agent':
      return { assigneeId: actor.userId };
    default: {
      const dept = actor.departmentCode;
      if (!dept) return { caseId: { in: [] } };
      return {
        OR: [
          { departmentCode: dept },
          { view: { path: ['input', 'coDepartments'], array_contains: [dept] } },
          { view: { path: ['stageDepartment'], equals: dept } },
        ],
      };
    }
  }
}

/**
 * Whether a staff member may file on behalf of an enterprise: a filing claims that enterprise's
 * limits (a per-exhibition cap, a once-only award), so only the measure's lead department, or the
 * 代办 agent carrying that enterprise's project, may do it. Returns the reason when not.
 */
export function filingRemit(actor: Actor, measureLead: string, agentOfEnterprise: boolean): string | null {
  switch (actor.role) {
    case 'enterprise':
    case 'admin':
      return null;
    case 'agent':
      return agentOfEnterprise ? null : 'A proxy agent files only for an enterprise whose 代办 project is assigned to them.';
    case 'reviewer':
    case 'dept_head':
      return actor.departmentCode === measureLead ? null : `Only staff of ${measureLead}, the measure's lead department, may file it on behalf of an enterprise.`;
    default:
      return `The role ${actor.role} does not file applications.`;
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
