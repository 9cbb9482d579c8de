// Maps stored records to the shapes the API returns (never the password hash).
import type { UserRecord } from '../../infra/db/users-repository';
import type { Escalation } from '../../generated/prisma/client';
import type { Actor } from '../../domain/roles';
import { ZDepartmentCode } from '../../domain/roles';
import type { TUserView } from '../schemas/common';

export function toActor(user: UserRecord): Actor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    departmentCode: user.departmentCode === null ? null : ZDepartmentCode.parse(user.departmentCode),
    enterpriseId: user.enterpriseId,
  };
}

export function toUserView(user: UserRecord): TUserView {
  const actor = toActor(user);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: actor.role,
    departmentCode: actor.departmentCode,
    enterpriseId: actor.enterpriseId,
  };
}

/** The actor fields every audit record carries. */
export function auditActor(actor: Actor) {
  return {
    actorId: actor.userId,
    actorUsername: actor.username,
    actorRole: actor.role,
    actorDepartment: actor.departmentCode,
  };
}

/** An escalation as every case view shows it. */
export function toEscalationView(e: Escalation) {
  return {
    level: e.level,
    stage: e.stage,
    targetDepartment: e.targetDepartment,
    deadlineAt: e.deadlineAt.toISOString(),
    overdueWorkingDays: e.overdueWorkingDays,
    firedAt: e.firedAt.toISOString(),
    closedAt: e.closedAt?.toISOString() ?? null,
    closedReason: e.closedReason,
  };
}
