// Access rules at the service edge. 403 when the role may not act at all; callers return 404
// (never 403, never the data) when a record exists but lies outside the caller's scope.
import { AppError } from '../../domain/errors';
import type { Actor, TRole } from '../../domain/roles';
import type { Permission } from '../access/case-policy';

export function requireRole(actor: Actor, roles: readonly TRole[], act: string): void {
  if (!roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `The role ${actor.role} may not ${act}; it needs one of: ${roles.join(', ')}.`);
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${what} ${id} was not found.`);
}

/**
 * A case policy's answer as the API gives it: 404 outside the caller's scope (the case is not
 * there for them), 403 when the role may not take the act. `what` names the case type ('Application').
 */
export function requirePermission(permission: Permission, actor: Actor, o: { what: string; id: string; act: string; note?: string }): void {
  if (permission === 'out_of_scope') throw notFound(o.what, o.id);
  if (permission === 'forbidden') {
    throw new AppError('FORBIDDEN', `The role ${actor.role}${actor.departmentCode ? ` of ${actor.departmentCode}` : ''} may not ${o.act} this ${o.what.toLowerCase()}${o.note ?? ''}.`);
  }
}
