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
          const data = { ...run, historyGz: new Uint8Array(run.historyGz), codeVersion: a.codeVersion, archivedAt: a.archivedAt };
          await tx.historyRun.upsert({ where: { caseId_runNo: { caseId: a.caseId, runNo: run.runNo } }, create: { caseId: a.caseId, ...data }, update: data });
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

    runs: (caseId: string) => prisma.historyRun.findMany({ where: { caseId }, orderBy: { runNo: 'asc' } }),
  };
}
export type HistoryArchiveRepository = ReturnType<typeof createHistoryArchiveRepository>;
