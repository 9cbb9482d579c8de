// Audit records written on behalf of workflows (every human act, every escalation).
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';

export interface AuditActivityInput {
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: 'ok' | 'refused';
  reason?: string | null;
  payload?: Prisma.InputJsonObject;
  /** When the act happened (workflow time), so a retried write records the same instant. */
  at: string;
  /** Required: derived from the workflow id and event, so a retry writes nothing new. */
  idempotencyKey: string;
}

export function createAuditActivities(deps: ActivityDeps) {
  return {
    async appendAuditRecord(input: AuditActivityInput): Promise<{ seq: string; hash: string }> {
      const { at, ...rest } = input;
      const record = await deps.repos.audit.append({ ...rest, at: new Date(at) });
      return { seq: record.seq.toString(), hash: record.hash };
    },
  };
}
