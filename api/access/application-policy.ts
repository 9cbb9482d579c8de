// The access policy of an application (申报): the shared read rule with its co-departments and
// funding stage, the acts of each role and department, and filing on behalf of an enterprise.
import type { Actor, TRole } from '../../domain/roles';
import type { CaseRecord } from '../../generated/prisma/client';
import type { ApplicationActName } from '../../domain/application/acts';
import { storedApplicationView, type TStoredApplicationView } from '../schemas/application-view';
import { canSeeScope, casePolicyBase, columnScope, type CaseAccessPolicy, type CaseScope, type Permission } from './case-policy';

export interface ApplicationAccessPolicy extends CaseAccessPolicy {
  /** The scope and the parsed stored view, in one parse (a read needs both). */
  scopeAndView(c: CaseRecord): { scope: CaseScope; view: TStoredApplicationView };
  /** `inPublicity`: an objection to a case in publicity is open to callers outside its scope. */
  mayAct(actor: Actor, scope: CaseScope, act: ApplicationActName, inPublicity: boolean): Permission;
}

/** 公示 publicity: anyone signed in who may act at all may object, auditors excepted (they change nothing). */
export const OBJECTING_ROLES: readonly TRole[] = ['enterprise', 'reviewer', 'dept_head', 'agent', 'supervisor', 'admin'];

/** The lead department's acts, and the enterprise's own. */
const LEAD_ACTS: readonly ApplicationActName[] = ['accept', 'request-supplement', 'not-accept', 'approve', 'reject', 'resolve-objection'];
const ENTERPRISE_ACTS: readonly ApplicationActName[] = ['supplement', 'withdraw'];

function scopeAndView(c: CaseRecord): { scope: CaseScope; view: TStoredApplicationView } {
  const view = storedApplicationView(c.caseId, c.view);
  // The lead department is department_code, the funding stage's department the view's stageDepartment.
  return {
    scope: columnScope(c, view.input.coDepartments, view.stageDepartment ?? c.departmentCode),
    view,
  };
}

export const applicationPolicy: ApplicationAccessPolicy = {
  ...casePolicyBase('application', scopeAndView, (dept) => [
    { departmentCode: dept },
    { view: { path: ['input', 'coDepartments'], array_contains: [dept] } },
    { view: { path: ['stageDepartment'], equals: dept } },
  ]),

  mayAct(actor, scope, act, inPublicity) {
    const visible = canSeeScope(actor, scope);
    if (act === 'objection') {
      if (!visible && !inPublicity) return 'out_of_scope';
      return OBJECTING_ROLES.includes(actor.role) ? 'ok' : 'forbidden';
    }
    if (!visible) return 'out_of_scope';
    if (ENTERPRISE_ACTS.includes(act)) return actor.role === 'enterprise' ? 'ok' : 'forbidden';
    if (actor.role !== 'reviewer' && actor.role !== 'dept_head') return 'forbidden';
    const dept = actor.departmentCode;
    if (act === 'countersign') return dept !== null && scope.coDepartments.includes(dept) ? 'ok' : 'forbidden';
    if (LEAD_ACTS.includes(act)) return dept === scope.leadDepartment ? 'ok' : 'forbidden';
    return 'forbidden';
  },
};

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
