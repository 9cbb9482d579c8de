// Bearer authentication for everything under /api/v1 except sign-in. Registered inside the
// protected scope, so a route added there cannot forget it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import type { AuthService } from '../services/auth-service';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every protected route; null elsewhere. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** A route with a mutating method that changes nothing (a quote): auditors may call it. */
    changesNothing?: boolean;
    /** A route a buyer account may reach (the product catalogue, /me, its notifications); buyers get 403 elsewhere. */
    buyerMay?: boolean;
  }
}

/** Methods that change something, unless the route says `changesNothing`. */
export const MUTATING_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function installAuthHook(scope: FastifyInstance, auth: AuthService): void {
  scope.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) throw new AppError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    request.actor = await auth.authenticate(match[1]);
    // Auditors read and replay everything and change nothing (DESIGN.md "Users and access"): one
    // rule before any route's own checks, so a route added later cannot forget it.
    if (request.actor.role === 'auditor' && MUTATING_METHODS.includes(request.method) && request.routeOptions.config.changesNothing !== true) {
      throw new AppError('FORBIDDEN', `Auditors read and replay; they change nothing (${request.method} ${request.routeOptions.url ?? request.url}).`);
    }
    // Buyers (measure 10) read the product catalogue and nothing of the case system: one rule
    // here, so a route added later is closed to them unless it says otherwise.
    if (request.actor.role === 'buyer' && request.routeOptions.config.buyerMay !== true) {
      throw new AppError('FORBIDDEN', `Buyer accounts read the product catalogue only (${request.method} ${request.routeOptions.url ?? request.url}).`);
    }
  });
}

/** The signed-in actor of a protected route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return request.actor;
}
