// Audit records written on behalf of workflows (every human act, every escalation).
import type { AuditEntry } from '../infra/db/audit-repository';
import type { ActivityDeps } from './deps';

/** An audit entry as a workflow sends it (plain JSON in history). */
export type AuditActivityInput = Omit<AuditEntry, 'at' | 'idempotencyKey'> & {
  /** When the act happened (workflow time), so a retried write records the same instant. */
  at: string;
  /** Required: derived from the workflow id and event, so a retry writes nothing new. */
  idempotencyKey: string;
};

export function createAuditActivities(deps: ActivityDeps) {
  return {
    async appendAuditRecord(input: AuditActivityInput): Promise<{ seq: string; hash: string }> {
      const { at, ...rest } = input;
      const record = await deps.repos.audit.append({ ...rest, at: new Date(at) });
      return { seq: record.seq.toString(), hash: record.hash };
    },
  };
}
