// Accounts, created by an administrator. The shape rules (who needs a department, who an
// enterprise) live in domain/roles.ts and again as a CHECK constraint in the database.
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { accountShapeProblem, ZDepartmentCode, ZRole, type Actor } from '../../domain/roles';
import { hashPassword } from '../auth/password';
import { requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { auditActor, toUserView } from './views';

export const ZCreateUser = z
  .object({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, dot, dash or underscore; 3-64 characters'),
    displayName: z.string().trim().min(1).max(100),
    password: z.string().min(10, 'at least 10 characters').max(200),
    role: ZRole,
    departmentCode: ZDepartmentCode.nullable().default(null),
    enterpriseId: z.uuid().nullable().default(null),
  })
  .strict();
export type TCreateUser = z.infer<typeof ZCreateUser>;

export function createUserService({ repos, now }: ServiceDeps) {
  return {
    async me(actor: Actor) {
      const user = await repos.users.findById(actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'The account no longer exists.');
      return toUserView(user);
    },

    async create(actor: Actor, input: TCreateUser) {
      requireRole(actor, ['admin'], 'create accounts');
      const problem = accountShapeProblem(input.role, input.departmentCode, input.enterpriseId);
      if (problem) throw new AppError('VALIDATION_FAILED', `The account is inconsistent: ${problem}.`);
      if (input.enterpriseId && !(await repos.enterprises.findById(input.enterpriseId))) {
        throw new AppError('VALIDATION_FAILED', `enterpriseId ${input.enterpriseId} is not a registered enterprise.`);
      }
      if (await repos.users.findByUsername(input.username)) {
        throw new AppError('ALREADY_EXISTS', `The username ${input.username} is taken.`);
      }
      const { password, ...rest } = input;
      const user = await repos.users.create({ ...rest, passwordHash: await hashPassword(password) });
      await repos.audit.append({
        at: now(),
        ...auditActor(actor),
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        outcome: 'ok',
        payload: { username: user.username, role: user.role, departmentCode: user.departmentCode, enterpriseId: user.enterpriseId },
      });
      return toUserView(user);
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
