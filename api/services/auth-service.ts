// Sign-in and token checks. Every login attempt, accepted or refused, is audited.
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { issueToken, verifyToken } from '../auth/jwt';
import type { ServiceDeps } from './deps';
import { auditActor, toActor, toUserView } from './views';

export interface AuthSettings {
  jwtSecret: string;
  tokenTtlSeconds: number;
}

export function createAuthService(deps: ServiceDeps, settings: AuthSettings) {
  const { repos, now } = deps;
  return {
    async login(username: string, password: string, meta: { ip: string }) {
      const user = await repos.users.findByUsername(username);
      // Compare against a dummy hash for unknown users so timing does not reveal which names exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || !user.active) {
        await repos.audit.append({
          at: now(),
          actorId: user?.id ?? null,
          actorUsername: username,
          actorRole: user?.role ?? null,
          actorDepartment: user?.departmentCode ?? null,
          action: 'auth.login',
          subjectType: 'user',
          subjectId: user?.id ?? username,
          outcome: 'refused',
          reason: !user ? 'unknown user' : !ok ? 'wrong password' : 'account disabled',
          payload: { ip: meta.ip },
        });
        throw new AppError('INVALID_CREDENTIALS', 'The username or password is wrong, or the account is disabled.');
      }
      const { token, expiresAt } = issueToken(user.id, settings.jwtSecret, settings.tokenTtlSeconds, now().getTime());
      await repos.audit.append({
        at: now(),
        ...auditActor(toActor(user)),
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        outcome: 'ok',
        payload: { ip: meta.ip, expiresAt: expiresAt.toISOString() },
      });
      return { token, expiresAt: expiresAt.toISOString(), user: toUserView(user) };
    },

    /** Resolves a bearer token to the current account; a disabled account loses access at once. */
    async authenticate(token: string): Promise<Actor> {
      const claims = verifyToken(token, settings.jwtSecret, now().getTime());
      const user = await repos.users.findById(claims.sub);
      if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'The account behind this token no longer exists or is disabled.');
      return toActor(user);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
