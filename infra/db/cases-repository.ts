// The case read model. Workflows project their state here through an activity at every
// transition; projection_version only grows, so a delayed or retried older write never
// overwrites a newer one.
import type { HistoryEntry } from '../../domain/case-history';
import { waitingColumns, WAITING_RULES_VERSION, type WaitingColumns } from '../../domain/inbox';
import type { PrismaClient, Prisma } from '../../generated/prisma/client';
import type { FilingOutcome } from './applications-repository';

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

/**
 * The versioned upsert of a case row and its history rows from `history.from` on, in one statement
 * (one round trip, atomic): the history rows are written only when the row is (an older projection
 * delivered late writes neither). Rows from `from` on that the entries do not cover any more (an act
 * rolled back) are deleted; the others are replaced. True when written.
 */
async function writeProjection(db: PrismaClient, p: CaseProjection): Promise<boolean> {
  const view = JSON.stringify(p.view);
  const w = waitingColumns(p);
  const from = p.history?.from ?? null;
  const entries = JSON.stringify((p.history?.entries ?? []).map((e, i) => ({ ...e, seq: (from ?? 0) + i })));
  const rows = await db.$queryRaw<Array<{ written: boolean }>>`
    WITH up AS (
      INSERT INTO cases (case_id, case_type, workflow_id, status, title, department_code, assignee_id, enterprise_id,
        policy_code, catalogue_version, sla_state, deadline_at, deadline_provisional, view, projection_version,
        opened_at, closed_at, updated_at, waiting_for, expected_act, waiting_rules_version)
      VALUES (${p.caseId}, ${p.caseType}, ${p.workflowId}, ${p.status}, ${p.title}, ${p.departmentCode},
        ${p.assigneeId}::uuid, ${p.enterpriseId}::uuid, ${p.policyCode}, ${p.catalogueVersion}, ${p.slaState},
        ${p.deadlineAt}, ${p.deadlineProvisional}, ${view}::jsonb, ${p.projectionVersion}, ${p.openedAt},
        ${p.closedAt}, ${p.updatedAt}, ${w.waitingFor}::text[], ${w.expectedAct}, ${w.waitingRulesVersion})
      ON CONFLICT (case_id) DO UPDATE SET
        status = EXCLUDED.status, title = EXCLUDED.title, department_code = EXCLUDED.department_code,
        assignee_id = EXCLUDED.assignee_id, sla_state = EXCLUDED.sla_state, deadline_at = EXCLUDED.deadline_at,
        deadline_provisional = EXCLUDED.deadline_provisional, view = EXCLUDED.view,
        projection_version = EXCLUDED.projection_version, closed_at = EXCLUDED.closed_at, updated_at = EXCLUDED.updated_at,
        waiting_for = EXCLUDED.waiting_for, expected_act = EXCLUDED.expected_act, waiting_rules_version = EXCLUDED.waiting_rules_version
      WHERE cases.projection_version < EXCLUDED.projection_version
      RETURNING case_id
    ),
    entries AS (
      SELECT * FROM jsonb_to_recordset(${entries}::jsonb)
        AS e(seq int, at timestamptz, act text, "by" text, role text, department text, note text)
    ),
    dropped AS (
      DELETE FROM case_history h
      WHERE ${from}::int IS NOT NULL AND h.case_id = ${p.caseId} AND h.seq >= ${from}::int + (SELECT count(*) FROM entries)
        AND EXISTS (SELECT 1 FROM up)
    ),
    written AS (
      INSERT INTO case_history (case_id, seq, at, act, "by", role, department, note)
      SELECT up.case_id, e.seq, e.at, e.act, e."by", e.role, e.department, e.note FROM up, entries e
      ON CONFLICT (case_id, seq) DO UPDATE SET at = EXCLUDED.at, act = EXCLUDED.act, "by" = EXCLUDED."by",
        role = EXCLUDED.role, department = EXCLUDED.department, note = EXCLUDED.note
    )
    SELECT EXISTS (SELECT 1 FROM up) AS written`;
  return rows[0]?.written === true;
}

export function createCasesRepository(prisma: PrismaClient) {
  return {
    /** Writes the projection unless a newer one is stored, with its history rows; true when written. */
    project: (p: CaseProjection): Promise<boolean> => writeProjection(prisma, p),
    /**
     * The history of a case in order: the rows the stored version counts (`historyLength` of its
     * view). A row beyond it is one a concurrent older projection left after a rollback shortened
     * the history; the next projection that reaches its number replaces it.
     */
    history: async (caseId: string): Promise<CaseHistoryRow[]> => {
      const rows = await prisma.$queryRaw<Array<{ at: Date; act: string; by: string | null; role: string | null; department: string | null; note: string | null }>>`
        SELECT h.at, h.act, h."by", h.role, h.department, h.note
        FROM case_history h JOIN cases c ON c.case_id = h.case_id
        WHERE h.case_id = ${caseId} AND h.seq < COALESCE((c.view ->> 'historyLength')::int, 2147483647)
        ORDER BY h.seq`;
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    },
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
    findIdempotencyKey: (key: string) => prisma.idempotencyRecord.findUnique({ where: { key } }),
    /**
     * Files a case in one transaction: the Idempotency-Key, the next number of its series and the
     * case's first read-model row (built by `build` once the number is known) with its first history
     * row. Twins of one request wait for each other on a lock per key: the second finds the first's
     * case. Every case type without limits to check under a lock (代办, 诉求) files through here.
     */
    fileCase: <T>(
      p: FilingKey,
      build: (caseId: string) => { row: Omit<Prisma.CaseRecordCreateInput, 'history'>; history: Prisma.CaseHistoryEntryCreateWithoutCaseInput[]; result: T },
    ): Promise<FilingOutcome<T>> =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`case-filing:${p.key}`}))`;
        const claimed = await tx.idempotencyRecord.findUnique({ where: { key: p.key } });
        if (claimed && claimed.requestHash !== p.requestHash) return { kind: 'conflict', caseId: claimed.caseId };
        if (claimed) return { kind: 'replay', caseId: claimed.caseId };
        const caseId = p.caseNumber(await nextCaseNumber(tx, p.numberSeries.prefix, p.numberSeries.year));
        const { row, history, result } = build(caseId);
        await tx.caseRecord.create({ data: { ...withWaiting(row), history: { create: history } } });
        await p.afterCreate?.(tx, caseId);
        await tx.idempotencyRecord.create({ data: { key: p.key, requestHash: p.requestHash, caseId, createdAt: p.at } });
        return { kind: 'filed', caseId, result };
      }),
    /** Open cases in case-number order, a page after `afterCaseId` (the operator's scan for stuck cases). */
    listOpen: (afterCaseId: string | undefined, limit: number) =>
      prisma.caseRecord.findMany({
        where: { closedAt: null, ...(afterCaseId ? { caseId: { gt: afterCaseId } } : {}) },
        orderBy: { caseId: 'asc' },
        take: limit,
        select: { caseId: true, caseType: true, workflowId: true, status: true, title: true, updatedAt: true },
      }),
    /**
     * Computes who waits on each stored case written under older waiting rules (or before
     * migration 0007), a batch at a time; a row a projection rewrote meanwhile is left as written.
     * Returns how many rows it updated.
     */
    backfillWaiting: async (batchSize = 500): Promise<number> => {
      let updated = 0;
      for (;;) {
        const rows = await prisma.caseRecord.findMany({
          where: { waitingRulesVersion: { lt: WAITING_RULES_VERSION } },
          orderBy: { caseId: 'asc' },
          take: batchSize,
          select: { caseId: true, caseType: true, status: true, departmentCode: true, assigneeId: true, enterpriseId: true, closedAt: true, view: true },
        });
        if (rows.length === 0) return updated;
        for (const r of rows) {
          // A projection that rewrote the row meanwhile computed the columns itself: left as it wrote them.
          const { count } = await prisma.caseRecord.updateMany({
            where: { caseId: r.caseId, waitingRulesVersion: { lt: WAITING_RULES_VERSION } },
            data: waitingColumns(r),
          });
          updated += count;
        }
      }
    },
    /** Next case number of a prefix and year, without gaps and safe under concurrency. */
    nextNumber: (prefix: string, year: number): Promise<number> => nextCaseNumber(prisma, prefix, year),
  };
}
export type CasesRepository = ReturnType<typeof createCasesRepository>;

/** What a filing's transaction is keyed and numbered by, and what it does beside the case row. */
export interface FilingKey {
  key: string;
  requestHash: string;
  at: Date;
  caseNumber: (n: number) => string;
  numberSeries: { prefix: string; year: number };
  /** Runs in the transaction once the case row is written (the filing's documents are held so); throwing rolls it all back. */
  afterCreate?: ((tx: Prisma.TransactionClient, caseId: string) => Promise<void>) | undefined;
}

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

/** A first row as a filing writes it, with who it waits on (domain/inbox), like every projection. */
export function withWaiting<R extends Pick<Prisma.CaseRecordCreateInput, 'caseId' | 'caseType' | 'status' | 'departmentCode' | 'assigneeId' | 'enterpriseId' | 'closedAt' | 'view'>>(row: R): R & WaitingColumns {
  return {
    ...row,
    ...waitingColumns({
      caseId: row.caseId,
      caseType: row.caseType,
      status: row.status,
      departmentCode: row.departmentCode,
      assigneeId: row.assigneeId ?? null,
      enterpriseId: row.enterpriseId ?? null,
      closedAt: row.closedAt ?? null,
      view: row.view,
    }),
  };
}
