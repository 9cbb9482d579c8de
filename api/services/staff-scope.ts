// Who counts as GXJ staff for the platform measures (measures 1, 10, 37 are led by 工信局):
// its reviewers, heads and supervisors, and administrators.
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';

export function isGxjStaff(actor: Actor): boolean {
  return actor.role === 'admin' || (['reviewer', 'dept_head', 'supervisor'].includes(actor.role) && actor.departmentCode === 'GXJ');
}

export function requireGxjStaff(actor: Actor, act: string): void {
  if (!isGxjStaff(actor)) throw new AppError('FORBIDDEN', `Only GXJ staff (reviewers, heads, supervisors of 工信局) and administrators may ${act}.`);
}

/** Staff of any department, supervisors, auditors and administrators: neither enterprises nor buyers. */
export function requireStaff(actor: Actor, act: string): void {
  if (actor.role === 'enterprise' || actor.role === 'buyer') throw new AppError('FORBIDDEN', `The role ${actor.role} may not ${act}.`);
}
