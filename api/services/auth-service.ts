// Sign-in and token checks. Sign-in is guarded against brute force (auth/login-guard.ts), and what
// it writes to the hash-chained audit log is bounded, so that nobody can grow the chain at will:
// - an accepted sign-in: one `auth.login` record;
// - a refused one that was judged (wrong password, unknown user, disabled account): one refused
//   `auth.login` record; at most LOGIN_MAX_FAILURES of them per username per lockout cycle and
//   LOGIN_ADDRESS_MAX_FAILURES per address per window, because the guard refuses the rest unjudged;
// - the failure that starts a lockout (`auth.lockout`, subject the user) or an address throttle
//   (`auth.throttle`, subject the address): one record when it begins;
// - attempts refused while a username is locked or an address throttled: none (the request log
//   still has each one).
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { issueToken, verifyToken } from '../auth/jwt';
import { createLoginGuard, DEFAULT_LOGIN_LIMITS, type LoginLimits, type LoginRefusal } from '../auth/login-guard';
import type { ServiceDeps } from './deps';
import { auditActor, toActor, toUserView } from './views';

export interface AuthSettings {
  /** Signs every new token. */
  jwtSecret: string;
  /** Secrets rotated out that still verify the tokens they signed, until they are removed. */
  jwtPreviousSecrets?: readonly string[];
  tokenTtlSeconds: number;
  loginLimits?: LoginLimits;
}

/** "15 minutes", "1 minute", "45 seconds". */
export function describeSeconds(total: number): string {
  if (total >= 60 && total % 60 === 0) return total === 60 ? '1 minute' : `${total / 60} minutes`;
  return total === 1 ? '1 second' : `${total} seconds`;
}

function refusalError(refusal: LoginRefusal, limits: LoginLimits): AppError {
  const wait = describeSeconds(refusal.retryAfterSeconds);
  const details = { retryAfterSeconds: refusal.retryAfterSeconds };
  if (refusal.code === 'ACCOUNT_LOCKED') {
    return new AppError(
      'ACCOUNT_LOCKED',
      `Sign-in for this username is locked for ${describeSeconds(limits.lockoutSeconds)} after ${limits.maxFailures} failed attempts; try again in ${wait}.`,
      details,
    );
  }
  if (refusal.reason === 'address') {
    return new AppError(
      'TOO_MANY_ATTEMPTS',
      `Too many failed sign-ins from this address (${limits.addressMaxFailures} within ${describeSeconds(limits.addressWindowSeconds)}); try again in ${wait}.`,
      details,
    );
  }
  return new AppError('TOO_MANY_ATTEMPTS', `Other sign-in attempts for this username or address are still in progress; try again in ${wait}.`, details);
}

export function createAuthService(deps: ServiceDeps, settings: AuthSettings) {
  const { repos, now } = deps;
  const limits = settings.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const guard = createLoginGuard(limits, now);
  const verifyingSecrets = [settings.jwtSecret, ...(settings.jwtPreviousSecrets ?? [])];

  return {
    async login(username: string, password: string, meta: { ip: string }) {
      // Before anything is awaited, so that concurrent attempts are counted.
      const gate = guard.begin(username, meta.ip);
      if ('refused' in gate) throw refusalError(gate.refused, limits);
      const { attempt } = gate;

      let user: Awaited<ReturnType<typeof repos.users.findByUsername>>;
      let ok: boolean;
      try {
        user = await repos.users.findByUsername(username);
        // Compare against a dummy hash for unknown users so timing does not reveal which names exist.
        ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      } catch (err) {
        attempt.abandoned();
        throw err;
      }

      if (!user || !ok || !user.active) {
        const { usernameLocked, addressThrottled } = attempt.failed();
        const actor = {
          actorId: user?.id ?? null,
          actorUsername: username,
          actorRole: user?.role ?? null,
          actorDepartment: user?.departmentCode ?? null,
        };
        await repos.audit.append({
          at: now(),
          ...actor,
          action: 'auth.login',
          subjectType: 'user',
          subjectId: user?.id ?? username,
          outcome: 'refused',
          reason: !user ? 'unknown user' : !ok ? 'wrong password' : 'account disabled',
          payload: { ip: meta.ip },
        });
        if (usernameLocked) {
          await repos.audit.append({
            at: now(),
            ...actor,
            action: 'auth.lockout',
            subjectType: 'user',
            subjectId: user?.id ?? username,
            outcome: 'refused',
            reason: `${usernameLocked.failures} failed sign-ins within ${describeSeconds(limits.failureWindowSeconds)}; sign-in locked for ${describeSeconds(limits.lockoutSeconds)}`,
            payload: { ip: meta.ip, failures: usernameLocked.failures, lockedUntil: usernameLocked.until.toISOString() },
          });
        }
        if (addressThrottled) {
          await repos.audit.append({
            at: now(),
            ...actor,
            action: 'auth.throttle',
            subjectType: 'address',
            subjectId: meta.ip,
            outcome: 'refused',
            reason: `${addressThrottled.failures} failed sign-ins from this address within ${describeSeconds(limits.addressWindowSeconds)}; sign-in throttled for ${describeSeconds(limits.addressWindowSeconds)}`,
            payload: { ip: meta.ip, failures: addressThrottled.failures, throttledUntil: addressThrottled.until.toISOString() },
          });
        }
        throw new AppError('INVALID_CREDENTIALS', 'The username or password is wrong, or the account is disabled.');
      }

      attempt.succeeded();
      const { token, expiresAt } = await issueToken(user.id, settings.jwtSecret, settings.tokenTtlSeconds, now().getTime());
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
      const claims = await verifyToken(token, verifyingSecrets, now().getTime());
      const user = await repos.users.findById(claims.sub);
      if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'The account behind this token no longer exists or is disabled.');
      return toActor(user);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
