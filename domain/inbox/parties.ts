// Who a case waits on, as party keys a row stores (cases.waiting_for) and a caller matches. One
// key per kind of party, so the inbox is one indexed query (a GIN index on the array):
//   staff:<DEPT>      the reviewers and heads of a department
//   head:<DEPT>       the heads of a department only
//   supervisor        every supervisor (GXJ 督办)
//   user:<uuid>       one person: an assigned reviewer, the 代办 agent of a proxy case
//   enterprise:<uuid> the users of one enterprise
import type { Actor } from '../roles';

export const staffOf = (department: string) => `staff:${department}`;
export const headOf = (department: string) => `head:${department}`;
export const SUPERVISORS = 'supervisor';
export const userParty = (userId: string) => `user:${userId}`;
export const enterpriseParty = (enterpriseId: string) => `enterprise:${enterpriseId}`;

/** The party keys a caller answers for. Auditors and administrators act on no case: none. */
export function partyKeysOf(actor: Actor): string[] {
  const dept = actor.departmentCode;
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId ? [enterpriseParty(actor.enterpriseId)] : [];
    case 'reviewer':
      return dept ? [staffOf(dept), userParty(actor.userId)] : [userParty(actor.userId)];
    case 'dept_head':
      return dept ? [staffOf(dept), headOf(dept), userParty(actor.userId)] : [userParty(actor.userId)];
    case 'agent':
      return [userParty(actor.userId)];
    case 'supervisor':
      return [SUPERVISORS, userParty(actor.userId)];
    default:
      return [];
  }
}

/**
 * The open escalations a caller answers for (the SLA ladder, domain/sla/policy.ts): a department
 * head the level-1 rungs of the own department, supervisors levels 2 and 3 (the city office has no
 * accounts: GXJ supervisors carry its rung). `department: null` matches any target department.
 */
export function escalationTargetsOf(actor: Actor): Array<{ targetRole: string; department: string | null }> {
  if (actor.role === 'dept_head' && actor.departmentCode) return [{ targetRole: 'department_head', department: actor.departmentCode }];
  if (actor.role === 'supervisor') return [{ targetRole: 'supervisor', department: null }];
  return [];
}
