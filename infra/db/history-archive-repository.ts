// The history archive (migration 0008): the runs of each case's workflow and one manifest row per
// case. Ended runs and final manifests are immutable (database triggers); a snapshot of a case
// still open is replaced by the next one, in one transaction with its manifest.
import type { PrismaClient } from '../../generated/prisma/client';

export interface ArchivedRunInput {
  runNo: number;
  workflowId: string;
  runId: string;
  workflowType: string;
  closedAs: string | null;
  eventCount: number;
  startedAt: Date;
  lastEventAt: Date;
  historyGz: Buffer;
  jsonBytes: number;
  sha256: string;
}

/** A stored run as the archive reads it back. */
export type ArchivedRun = Omit<ArchivedRunInput, 'startedAt' | 'lastEventAt' | 'jsonBytes'> & { codeVersion: string; archivedAt: Date };

export interface CaseArchiveInput {
  caseId: string;
  final: boolean;
  runs: ArchivedRunInput[];
  sha256: string;
  codeVersion: string;
  archivedAt: Date;
}

/** A case the archiver should visit: closed without a final archive, or open and changed since its snapshot. */
export interface DueCase {
  caseId: string;
  workflowId: string;
  closed: boolean;
}

export function createHistoryArchiveRepository(prisma: PrismaClient) {
  return {
    /**
     * Cases to archive after `afterCaseId` (keyset over case ids, so one sweep visits each once):
     * closed ones without a final archive, and open ones changed since a snapshot older than
     * `snapshotBefore` (or never snapshotted).
     */
    due: async (o: { afterCaseId: string | null; limit: number; snapshotBefore: Date }): Promise<DueCase[]> => {
      const rows = await prisma.$queryRaw<Array<{ case_id: string; workflow_id: string; closed: boolean }>>`
        SELECT c.case_id, c.workflow_id, (c.closed_at IS NOT NULL) AS closed
        FROM cases c LEFT JOIN case_archives a ON a.case_id = c.case_id
        WHERE c.case_id > ${o.afterCaseId ?? ''}
          AND (
            (c.closed_at IS NOT NULL AND (a.case_id IS NULL OR NOT a.final))
            OR (c.closed_at IS NULL AND (a.case_id IS NULL OR (a.archived_at < c.updated_at AND a.archived_at < ${o.snapshotBefore})))
          )
        ORDER BY c.case_id
        LIMIT ${o.limit}`;
      return rows.map((r) => ({ caseId: r.case_id, workflowId: r.workflow_id, closed: r.closed }));
    },

    /**
     * Writes the runs the archive does not hold as ended yet, and the manifest, in one
     * transaction. Runs already archived as ended are left as they are (they cannot change).
     */
    save: (a: CaseArchiveInput) =>
      prisma.$transaction(async (tx) => {
        const ended = new Set(
          (await tx.historyRun.findMany({ where: { caseId: a.caseId, closedAs: { not: null } }, select: { runNo: true } })).map((r) => r.runNo),
        );
        for (const run of a.runs) {
          if (ended.has(run.runNo)) continue;
          // The bytes go as base64 text decoded by the database: PGlite's Prisma adapter refuses
          // Bytes parameters ("Invalid input for bytea type"), PostgreSQL takes either.
          await tx.$executeRaw`
            INSERT INTO history_runs (case_id, run_no, workflow_id, run_id, workflow_type, closed_as, event_count, started_at, last_event_at, history_gz, json_bytes, sha256, code_version, archived_at)
            VALUES (${a.caseId}, ${run.runNo}, ${run.workflowId}, ${run.runId}, ${run.workflowType}, ${run.closedAs}, ${run.eventCount}, ${run.startedAt}, ${run.lastEventAt},
                    decode(${run.historyGz.toString('base64')}, 'base64'), ${run.jsonBytes}, ${run.sha256}, ${a.codeVersion}, ${a.archivedAt})
            ON CONFLICT (case_id, run_no) DO UPDATE SET
              workflow_id = EXCLUDED.workflow_id, run_id = EXCLUDED.run_id, workflow_type = EXCLUDED.workflow_type, closed_as = EXCLUDED.closed_as,
              event_count = EXCLUDED.event_count, started_at = EXCLUDED.started_at, last_event_at = EXCLUDED.last_event_at, history_gz = EXCLUDED.history_gz,
              json_bytes = EXCLUDED.json_bytes, sha256 = EXCLUDED.sha256, code_version = EXCLUDED.code_version, archived_at = EXCLUDED.archived_at`;
        }
        const manifest = {
          final: a.final,
          runs: a.runs.length,
          events: a.runs.reduce((n, r) => n + r.eventCount, 0),
          sha256: a.sha256,
          codeVersion: a.codeVersion,
          archivedAt: a.archivedAt,
        };
        await tx.caseArchive.upsert({ where: { caseId: a.caseId }, create: { caseId: a.caseId, ...manifest }, update: manifest });
      }),

    manifest: (caseId: string) => prisma.caseArchive.findUnique({ where: { caseId } }),

    /** The runs in order, the history bytes read as base64 (the same on PGlite and PostgreSQL). */
    runs: async (caseId: string): Promise<ArchivedRun[]> => {
      const rows = await prisma.$queryRaw<Array<{ run_no: number; workflow_id: string; run_id: string; workflow_type: string; closed_as: string | null; event_count: number; sha256: string; code_version: string; archived_at: Date; gz: string }>>`
        SELECT run_no, workflow_id, run_id, workflow_type, closed_as, event_count, sha256, code_version, archived_at, encode(history_gz, 'base64') AS gz
        FROM history_runs WHERE case_id = ${caseId} ORDER BY run_no`;
      return rows.map((r) => ({
        runNo: r.run_no,
        workflowId: r.workflow_id,
        runId: r.run_id,
        workflowType: r.workflow_type,
        closedAs: r.closed_as,
        eventCount: r.event_count,
        sha256: r.sha256,
        codeVersion: r.code_version,
        archivedAt: r.archived_at,
        // encode() wraps base64 at 76 characters; Buffer.from ignores the newlines.
        historyGz: Buffer.from(r.gz, 'base64'),
      }));
    },
  };
}
export type HistoryArchiveRepository = ReturnType<typeof createHistoryArchiveRepository>;
