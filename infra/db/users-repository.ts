// Accounts. The only code that reads or writes the users table.
import { randomUUID } from 'node:crypto';
import type { PrismaClient, User } from '../../generated/prisma/client';
import type { TRole } from '../../domain/roles';
import type { DepartmentCode } from '../../domain/departments';

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: TRole;
  departmentCode: DepartmentCode | null;
  enterpriseId: string | null;
}

export type UserRecord = User;

export function createUsersRepository(prisma: PrismaClient) {
  return {
    findByUsername: (username: string) => prisma.user.findUnique({ where: { username } }),
    findById: (id: string) => prisma.user.findUnique({ where: { id } }),
    findManyByIds: (ids: readonly string[]) => prisma.user.findMany({ where: { id: { in: [...ids] } } }),
    /** Creates the account unless the username exists; returns the stored one either way. */
    upsertByUsername: (user: NewUser) =>
      prisma.user.upsert({ where: { username: user.username }, create: { id: randomUUID(), ...user }, update: {} }),
    create: (user: NewUser) => prisma.user.create({ data: { id: randomUUID(), ...user } }),
    count: () => prisma.user.count(),
    /** The active accounts of these enterprises (the recipients of their notifications). */
    listActiveEnterpriseUsers: (enterpriseIds: readonly string[]) =>
      prisma.user.findMany({ where: { enterpriseId: { in: [...enterpriseIds] }, role: 'enterprise', active: true }, orderBy: { username: 'asc' } }),
    /** Active accounts of a role (in one department when given): the recipients of a rung. */
    findActiveByRole: (role: TRole, departmentCode?: string) =>
      prisma.user.findMany({ where: { role, active: true, ...(departmentCode ? { departmentCode } : {}) }, orderBy: { username: 'asc' } }),
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
