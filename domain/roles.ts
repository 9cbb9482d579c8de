// Roles and what each may see. The API enforces these; the rule for each role's scope is here
// so services and tests share one reading of DESIGN.md "Users and access".
import { z } from 'zod';
import { DEPARTMENT_CODES, type DepartmentCode } from './departments';

export const ROLES = ['enterprise', 'reviewer', 'dept_head', 'agent', 'supervisor', 'auditor', 'admin', 'buyer'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZDepartmentCode = z.enum(DEPARTMENT_CODES);

/** The identity every request and every audit record carries. */
export interface Actor {
  userId: string;
  username: string;
  role: TRole;
  departmentCode: DepartmentCode | null;
  enterpriseId: string | null;
}

/** The part of an actor a workflow records with an act (no enterprise id: the case has its own). */
export function actorRef(actor: Actor): Pick<Actor, 'userId' | 'username' | 'role' | 'departmentCode'> {
  return { userId: actor.userId, username: actor.username, role: actor.role, departmentCode: actor.departmentCode };
}

/** Roles whose users belong to a department; their scope is that department. */
export const DEPARTMENT_ROLES: readonly TRole[] = ['reviewer', 'dept_head', 'agent', 'supervisor'];

/** Which combinations of role, department and enterprise make a valid account. */
export function accountShapeProblem(role: TRole, departmentCode: string | null, enterpriseId: string | null): string | null {
  if (role === 'enterprise') {
    if (!enterpriseId) return 'an enterprise user needs an enterpriseId';
    if (departmentCode) return 'an enterprise user belongs to no department';
    return null;
  }
  if (enterpriseId) return `a ${role} account cannot belong to an enterprise`;
  if (DEPARTMENT_ROLES.includes(role) && !departmentCode) return `a ${role} account needs a departmentCode`;
  if (role === 'buyer' && departmentCode) return 'a buyer account belongs to no department';
  return null;
}

/**
 * Buyers (measure 10: government departments, public institutions, SOEs, key private firms)
 * read the recommended products catalogue and their notifications, nothing else: the API lets
 * them reach only the routes marked `buyerMay` (api/plugins/auth.ts).
 */
export const OUTSIDE_ROLES: readonly TRole[] = ['buyer'];

/** Staff who may read any enterprise record (enterprise users see only their own, buyers none). */
export function canReadAnyEnterprise(actor: Actor): boolean {
  return actor.role !== 'enterprise' && !OUTSIDE_ROLES.includes(actor.role);
}
