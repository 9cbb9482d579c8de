// The history archive's activity (historyArchiveWorkflow): one page of due cases per call, each
// archived from Temporal into Postgres. A case that fails is logged and left for the next sweep
// (one broken case must not stop the others); the page's cursor moves on regardless.
import { ApplicationFailure, heartbeat, log } from '@temporalio/activity';
import { archiveCase } from '../infra/history/archive';
import type { ActivityDeps } from './deps';

export interface ArchivePageInput {
  afterCaseId: string | null;
  limit: number;
}

export interface ArchivePageResult {
  final: number;
  snapshots: number;
  missing: number;
  failed: number;
  /** The last case id of the page, or null when the sweep is through. */
  nextCursor: string | null;
}

/** Open cases are snapshotted at most once a day, and only when they changed since. */
const SNAPSHOT_EVERY_MS = 24 * 60 * 60 * 1000;

export function createHistoryArchiveActivities(deps: ActivityDeps) {
  return {
    async archiveHistoryPage(input: ArchivePageInput): Promise<ArchivePageResult> {
      const source = deps.histories;
      if (!source) throw ApplicationFailure.nonRetryable('this worker has no Temporal client for the history archive (ActivityDeps.histories)', 'ArchiveNotConfigured');
      const now = deps.now();
      const due = await deps.repos.historyArchive.due({ afterCaseId: input.afterCaseId, limit: input.limit, snapshotBefore: new Date(now.getTime() - SNAPSHOT_EVERY_MS) });
      const result: ArchivePageResult = { final: 0, snapshots: 0, missing: 0, failed: 0, nextCursor: due.length === input.limit ? (due.at(-1)?.caseId ?? null) : null };
      for (const c of due) {
        heartbeat(c.caseId);
        try {
          const outcome = await archiveCase(source, deps.repos.historyArchive, c, now);
          if (outcome === 'final') result.final++;
          else if (outcome === 'snapshot') result.snapshots++;
          else {
            result.missing++;
            log.warn('the case has no workflow history in Temporal to archive', { caseId: c.caseId, workflowId: c.workflowId });
          }
        } catch (err) {
          result.failed++;
          log.error('archiving the case failed; the next sweep tries again', { caseId: c.caseId, error: err instanceof Error ? err.message : String(err) });
        }
      }
      return result;
    },
  };
}
