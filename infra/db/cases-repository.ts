// The case read model. Workflows project their state here through an activity at every
// transition; projection_version only grows, so a delayed or retried older write never
// overwrites a newer one.
import type { HistoryEntry } from '../../domain/case-history';
import type { PrismaClient, Prisma } from '../../generated/prisma/client';

export interface CaseProjection {
  caseId: string;
  caseType: string;
  workflowId: string;
  status: string;
  title: string;
  departmentCode: string;
  assigneeId: string | null;
  enterpriseId: string | null;
  policyCode: string | null;
  catalogueVersion: number | null;
  slaState: string | null;
  deadlineAt: Date | null;
  deadlineProvisional: boolean;
  view: Prisma.InputJsonObject;
  /**
   * The case history from entry `from` on (the entries the last projection did not carry, or all
   * from where a rolled-back act left it): stored rows from `from` on are replaced by these.
   */
  history?: { from: number; entries: CaseHistoryRow[] };
  projectionVersion: number;
  openedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
}

/** One entry of a case's history, as the workflow records it. */
export type CaseHistoryRow = HistoryEntry;

/** The versioned upsert of a case row: true when written (no newer projection is stored). */
async function upsertCase(db: Prisma.TransactionClient, p: CaseProjection): Promise<boolean> {
  const view = JSON.stringify(p.view);
  const written = await db.$executeRaw`
    INSERT INTO cases (case_id, case_type, workflow_id, status, title, department_code, assignee_id, enterprise_id,
      policy_code, catalogue_version, sla_state, deadline_at, deadline_provisional, view, projection_version,
      opened_at, closed_at, updated_at)
    VALUES (${p.caseId}, ${p.caseType}, ${p.workflowId}, ${p.status}, ${p.title}, ${p.departmentCode},
      ${p.assigneeId}::uuid, ${p.enterpriseId}::uuid, ${p.policyCode}, ${p.catalogueVersion}, ${p.slaState},
      ${p.deadlineAt}, ${p.deadlineProvisional}, ${view}::jsonb, ${p.projectionVersion}, ${p.openedAt},
      ${p.closedAt}, ${p.updatedAt})
    ON CONFLICT (case_id) DO UPDATE SET
      status = EXCLUDED.status, title = EXCLUDED.title, department_code = EXCLUDED.department_code,
      assignee_id = EXCLUDED.assignee_id, sla_state = EXCLUDED.sla_state, deadline_at = EXCLUDED.deadline_at,
      deadline_provisional = EXCLUDED.deadline_provisional, view = EXCLUDED.view,
      projection_version = EXCLUDED.projection_version, closed_at = EXCLUDED.closed_at, updated_at = EXCLUDED.updated_at
    WHERE cases.projection_version < EXCLUDED.projection_version`;
  return written === 1;
}

export function createCasesRepository(prisma: PrismaClient) {
  return {
    /**
     * Writes the projection unless a newer one is stored, with its history entries in the same
     * transaction (an older projection delivered late writes neither); returns true when written.
     */
    project: (p: CaseProjection): Promise<boolean> =>
      prisma.$transaction(async (tx) => {
        const written = await upsertCase(tx, p);
        if (written && p.history) {
          const { from, entries } = p.history;
          await tx.caseHistoryEntry.deleteMany({ where: { caseId: p.caseId, seq: { gte: from } } });
          if (entries.length > 0) {
            await tx.caseHistoryEntry.createMany({ data: entries.map((e, i) => ({ ...e, caseId: p.caseId, seq: from + i, at: new Date(e.at) })) });
          }
        }
        return written;
      }),
    /** The history of a case in order. */
    history: async (caseId: string): Promise<CaseHistoryRow[]> =>
      (await prisma.caseHistoryEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } })).map((r) => ({
        at: r.at.toISOString(),
        act: r.act,
        by: r.by,
        role: r.role,
        department: r.department,
        note: r.note,
      })),
    findById: (caseId: string) => prisma.caseRecord.findUnique({ where: { caseId } }),
    /** Open cases whose deadline a newly loaded calendar year can move. */
    openCasesAffectedByYear: (year: number) =>
      prisma.caseRecord.findMany({
        where: {
          closedAt: null,
          OR: [{ deadlineProvisional: true }, { deadlineAt: { gte: new Date(Date.UTC(year - 1, 11, 31, 16)) } }],
        },
        select: { caseId: true, workflowId: true },
      }),
    /**
     * Binds an Idempotency-Key to one request (by its hash) on a case; answers the request the key
     * is bound to, which is another one when the key was used before for a different body.
     */
    claimIdempotencyKey: async (key: string, requestHash: string, caseId: string, at: Date): Promise<{ requestHash: string; caseId: string; claimId: string }> => {
      // A refusal may free the key between our insert and our read: then claim it again.
      for (let attempt = 0; attempt < 5; attempt++) {
        await prisma.idempotencyRecord.createMany({ data: [{ key, requestHash, caseId, createdAt: at }], skipDuplicates: true });
        const record = await prisma.idempotencyRecord.findUnique({ where: { key } });
        if (record) return record;
      }
      throw new Error(`idempotency record ${key} was freed five times while it was claimed`);
    },
    /** Frees a key whose request was refused, so a corrected request may use it. */
    releaseIdempotencyKey: async (key: string, requestHash: string): Promise<void> => {
      await prisma.idempotencyRecord.deleteMany({ where: { key, requestHash } });
    },
    /** Open cases in case-number order, a page after `afterCaseId` (the operator's scan for stuck cases). */
    listOpen: (afterCaseId: string | undefined, limit: number) =>
      prisma.caseRecord.findMany({
        where: { closedAt: null, ...(afterCaseId ? { caseId: { gt: afterCaseId } } : {}) },
        orderBy: { caseId: 'asc' },
        take: limit,
        select: { caseId: true, caseType: true, workflowId: true, status: true, title: true, updatedAt: true },
      }),
    /** Next case number of a prefix and year, without gaps and safe under concurrency. */
    nextNumber: (prefix: string, year: number): Promise<number> => nextCaseNumber(prisma, prefix, year),
  };
}
export type CasesRepository = ReturnType<typeof createCasesRepository>;

/**
 * Takes the next number of a prefix and year. Inside a transaction the number is given back if the
 * transaction rolls back (a refused filing uses no number), and the sequence row stays locked until
 * it ends, so numbers are never skipped.
 */
export async function nextCaseNumber(db: PrismaClient | Prisma.TransactionClient, prefix: string, year: number): Promise<number> {
  const rows = await db.$queryRaw<Array<{ next: number }>>`
    INSERT INTO case_sequences (prefix, year, next) VALUES (${prefix}, ${year}, 2)
    ON CONFLICT (prefix, year) DO UPDATE SET next = case_sequences.next + 1
    RETURNING next - 1 AS next`;
  const n = rows[0]?.next;
  if (n === undefined) throw new Error('case sequence returned no row');
  return Number(n);
}
