// Reading the audit log: auditors and administrators only; nobody can change it.
import type { Actor } from '../../domain/roles';
import type { AuditRecord } from '../../generated/prisma/client';
import { requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';

const READERS = ['auditor', 'admin', 'supervisor'] as const;

export function toAuditView(r: AuditRecord) {
  return {
    seq: r.seq.toString(),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorUsername: r.actorUsername,
    actorRole: r.actorRole,
    actorDepartment: r.actorDepartment,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    outcome: r.outcome,
    reason: r.reason,
    payload: r.payload,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export function createAuditService({ repos }: ServiceDeps) {
  return {
    async verify(actor: Actor) {
      requireRole(actor, ['auditor', 'admin'], 'verify the audit log');
      return repos.audit.verifyChain();
    },
    async list(actor: Actor, query: { subjectType?: string | undefined; subjectId?: string | undefined; afterSeq?: bigint | undefined; limit: number }) {
      requireRole(actor, READERS, 'read the audit log');
      const rows =
        query.subjectType && query.subjectId
          ? await repos.audit.listForSubject(query.subjectType, query.subjectId, query.limit)
          : await repos.audit.list({ limit: query.limit, afterSeq: query.afterSeq });
      return rows.map(toAuditView);
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
