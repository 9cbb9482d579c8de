// Access rules at the service edge. 403 when the role may not act at all; callers return 404
// (never 403, never the data) when a record exists but lies outside the caller's scope.
import { AppError } from '../../domain/errors';
import type { Actor, TRole } from '../../domain/roles';

export function requireRole(actor: Actor, roles: readonly TRole[], act: string): void {
  if (!roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `The role ${actor.role} may not ${act}; it needs one of: ${roles.join(', ')}.`);
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${what} ${id} was not found.`);
}
