// The append-only, hash-chained audit log. Appends are serialised by a transaction-scoped
// advisory lock so that two writers never chain onto the same predecessor; an idempotency key
// makes a retried append return the record written the first time.
import { createHash } from 'node:crypto';
import type { PrismaClient, AuditRecord, Prisma } from '../../generated/prisma/client';
import { chainInput, GENESIS_HASH, type AuditFields } from '../../domain/audit-chain';

const AUDIT_LOCK_KEY = 4_620_047;

export type AuditEntry = Omit<AuditFields, 'at' | 'reason' | 'payload' | 'idempotencyKey'> & {
  at: Date;
  reason?: string | null;
  payload?: Prisma.InputJsonObject;
  idempotencyKey?: string | null;
};

export interface ChainVerification {
  ok: boolean;
  records: number;
  lastSeq: string | null;
  lastHash: string;
  firstBrokenSeq: string | null;
  problem: string | null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function fieldsOf(r: AuditRecord): AuditFields {
  return {
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorUsername: r.actorUsername,
    actorRole: r.actorRole,
    actorDepartment: r.actorDepartment,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    outcome: r.outcome === 'refused' ? 'refused' : 'ok',
    reason: r.reason,
    payload: r.payload,
    idempotencyKey: r.idempotencyKey,
  };
}

/**
 * Appends a record inside the caller's transaction, so a change and its audit record are written
 * together or not at all. The chain's lock is held until that transaction ends.
 */
export async function appendAuditRecord(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<AuditRecord> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  // One round trip under the chain's lock for the chain's head and an earlier record of the same
  // key (a statement after the lock's: its snapshot sees every record committed before the lock).
  const [head] = await tx.$queryRaw<Array<{ prev: string | null; repeated: boolean }>>`
    SELECT (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS prev,
           EXISTS (SELECT 1 FROM audit_log WHERE idempotency_key = ${entry.idempotencyKey ?? null}) AS repeated`;
  if (entry.idempotencyKey && head?.repeated) {
    const existing = await tx.auditRecord.findUnique({ where: { idempotencyKey: entry.idempotencyKey } });
    if (existing) return existing;
  }
  const prevHash = head?.prev ?? GENESIS_HASH;
  const fields: AuditFields = {
    ...entry,
    at: entry.at.toISOString(),
    reason: entry.reason ?? null,
    payload: entry.payload ?? {},
    idempotencyKey: entry.idempotencyKey ?? null,
  };
  return tx.auditRecord.create({
    data: {
      ...entry,
      reason: fields.reason,
      payload: entry.payload ?? {},
      idempotencyKey: fields.idempotencyKey,
      prevHash,
      hash: sha256(chainInput(prevHash, fields)),
    },
  });
}

export function createAuditRepository(prisma: PrismaClient) {
  return {
    append: (entry: AuditEntry): Promise<AuditRecord> => prisma.$transaction((tx) => appendAuditRecord(tx, entry)),

    listForSubject: (subjectType: string, subjectId: string, limit = 500) =>
      prisma.auditRecord.findMany({ where: { subjectType, subjectId }, orderBy: { seq: 'asc' }, take: limit }),

    list: (opts: { limit: number; afterSeq?: bigint }) =>
      prisma.auditRecord.findMany({
        where: opts.afterSeq === undefined ? {} : { seq: { gt: opts.afterSeq } },
        orderBy: { seq: 'asc' },
        take: opts.limit,
      }),

    /** Walks the whole chain in pages and recomputes every hash. */
    verifyChain: async (): Promise<ChainVerification> => {
      let prevHash = GENESIS_HASH;
      let records = 0;
      let lastSeq: bigint | null = null;
      for (;;) {
        const page: AuditRecord[] = await prisma.auditRecord.findMany({
          where: lastSeq === null ? {} : { seq: { gt: lastSeq } },
          orderBy: { seq: 'asc' },
          take: 1000,
        });
        if (page.length === 0) break;
        for (const r of page) {
          const broken = (problem: string): ChainVerification => ({
            ok: false, records, lastSeq: lastSeq?.toString() ?? null, lastHash: prevHash, firstBrokenSeq: r.seq.toString(), problem,
          });
          if (r.prevHash !== prevHash) return broken(`record ${r.seq} does not point at the hash of the record before it`);
          if (sha256(chainInput(prevHash, fieldsOf(r))) !== r.hash) return broken(`record ${r.seq} was altered: its hash does not match its content`);
          prevHash = r.hash;
          lastSeq = r.seq;
          records++;
        }
      }
      return { ok: true, records, lastSeq: lastSeq === null ? null : String(lastSeq), lastHash: prevHash, firstBrokenSeq: null, problem: null };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** Whether a stored record's hash is the hash of its own content after its predecessor's hash (a dossier's proof per record). */
export function recordHashHolds(r: AuditRecord): { recomputedHash: string; holds: boolean } {
  const recomputedHash = sha256(chainInput(r.prevHash, fieldsOf(r)));
  return { recomputedHash, holds: recomputedHash === r.hash };
}
