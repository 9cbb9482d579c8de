// Who may see a case, which cases a caller's list holds, and who may take which act: one policy
// per case type (DESIGN.md "Users and access"), so the generic case routes (/cases/X) and a case
// type's own routes (/applications/X) ask the same rule. Scope first: a case outside the
// caller's scope is 404 whatever the act (never a 403 that tells it exists); then the role: 403
// when the role never takes the act.
import type { Actor, TRole } from '../../domain/roles';
import type { CaseRecord, Prisma } from '../../generated/prisma/client';
import type { SupervisorAct } from '../../workflows/sla/messages';

/** 'ok', 'forbidden' (answer 403) or 'out_of_scope' (answer 404). */
export type Permission = 'ok' | 'forbidden' | 'out_of_scope';

/** What access depends on, read from a stored case. */
export interface CaseScope {
  enterpriseId: string | null;
  /** The department that owns the case: department_code (an application's lead department). */
  leadDepartment: string;
  /** Departments that take part without owning it (an application's countersigning ones). */
  coDepartments: readonly string[];
  assigneeId: string | null;
  /** The department whose clock runs now, when the case type has stages (CZJ while an award is paid). */
  stageDepartment: string | null;
}

export interface CaseAccessPolicy {
  readonly caseType: string;
  /** The scope of a stored case, from the same columns and view fields `listFilter` reads. */
  scopeOf(c: CaseRecord): CaseScope;
  canSee(actor: Actor, scope: CaseScope): boolean;
  /**
   * `canSee` as a filter on the read model: a list shows exactly the cases a read of each would.
   * The scope only: the repository adds the case type.
   */
  listFilter(actor: Actor): Prisma.CaseRecordWhereInput;
  /** The supervisor acts every case type has (urge, reassign, extend, hold, release). */
  maySupervise(actor: Actor, scope: CaseScope, act: SupervisorAct): Permission;
}

/**
 * A case's scope from the columns every projection writes (enterprise_id, department_code: the
 * owner, assignee_id) and what its type adds: the list filters read the same columns and fields,
 * so a read and a list cannot disagree.
 */
export function columnScope(c: CaseRecord, coDepartments: readonly string[], stageDepartment: string | null): CaseScope {
  return { enterpriseId: c.enterpriseId, leadDepartment: c.departmentCode, coDepartments, assigneeId: c.assigneeId, stageDepartment };
}

/** Roles that see every case. */
export const SEE_ALL: readonly TRole[] = ['supervisor', 'auditor', 'admin'];

/** The read rule every case type shares; a type differs in what its scope holds. */
export function canSeeScope(actor: Actor, c: CaseScope): boolean {
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

const NOTHING: Prisma.CaseRecordWhereInput = { caseId: { in: [] } };

/**
 * `canSeeScope` as a database filter. `departmentClauses` says where the case type stores the
 * departments a staff member's own must match (lead, co-departments, stage).
 */
export function scopeFilter(actor: Actor, departmentClauses: (dept: string) => Prisma.CaseRecordWhereInput[]): Prisma.CaseRecordWhereInput {
  if (SEE_ALL.includes(actor.role)) return {};
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId ? { enterpriseId: actor.enterpriseId } : NOTHING;
    case 'agent':
      return { assigneeId: actor.userId };
    default:
      return actor.departmentCode ? { OR: departmentClauses(actor.departmentCode) } : NOTHING;
  }
}

/**
 * What every case type's policy shares: the read rule over its scope, the list filter with the
 * type's department clauses (where it stores the departments taking part), the supervisor acts.
 */
export function casePolicyBase<V>(
  caseType: string,
  scopeAndView: (c: CaseRecord) => { scope: CaseScope; view: V },
  departmentClauses: (dept: string) => Prisma.CaseRecordWhereInput[],
  o: { platformDepartment?: string } = {},
) {
  // A type run from one department's platform (诉求: GXJ accepts and dispatches every appeal): its
  // reviewers and heads see every case of the type, in a read and in a list alike.
  const platformStaff = (actor: Actor) => o.platformDepartment !== undefined && (actor.role === 'reviewer' || actor.role === 'dept_head') && actor.departmentCode === o.platformDepartment;
  const canSee = (actor: Actor, scope: CaseScope) => platformStaff(actor) || canSeeScope(actor, scope);
  return {
    caseType,
    scopeAndView,
    scopeOf: (c: CaseRecord) => scopeAndView(c).scope,
    canSee,
    listFilter: (actor: Actor) => (platformStaff(actor) ? {} : scopeFilter(actor, departmentClauses)),
    maySupervise: (actor: Actor, scope: CaseScope, act: SupervisorAct) => supervisePermission(actor, scope, act, canSee(actor, scope)),
  };
}

/** Who may take each supervisor act (DESIGN.md "Users and access"). */
export const SUPERVISOR_ACT_ROLES: Readonly<Record<SupervisorAct, readonly TRole[]>> = {
  urge: ['supervisor', 'dept_head'],
  reassign: ['supervisor', 'dept_head'],
  extend: ['supervisor', 'dept_head'],
  hold: ['supervisor'],
  release: ['supervisor'],
};

/**
 * The supervisor acts' rule, the same for every case type. The role comes first here: a role
 * that never takes the act learns nothing about the case from its 403.
 */
export function supervisePermission(actor: Actor, scope: CaseScope, act: SupervisorAct, canSee: boolean): Permission {
  if (!SUPERVISOR_ACT_ROLES[act].includes(actor.role)) return 'forbidden';
  if (!canSee) return 'out_of_scope';
  // A department head supervises the own department's cases only: the owner's or the running stage's.
  if (actor.role === 'dept_head') {
    const dept = actor.departmentCode;
    if (!dept || (dept !== scope.leadDepartment && dept !== scope.stageDepartment)) return 'out_of_scope';
  }
  return 'ok';
}
