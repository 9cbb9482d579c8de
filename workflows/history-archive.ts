// The history archive sweep: stores the workflow histories of closed cases (final) and snapshots
// of open ones that changed (activities/history-archive.ts), page by page in case-id order.
// Started by a schedule (infra/schedules.ts); every page is idempotent, so an overlapping or
// repeated sweep writes nothing twice.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { HISTORY_ARCHIVE_PAGE_SIZE, type HistoryArchiveCounts, type HistoryArchiveInput } from './history-archive-ids';

// A page reads up to HISTORY_ARCHIVE_PAGE_SIZE histories from Temporal and writes them; it
// heartbeats per case. Transient failures are retried; a worker without the archive configured
// fails the sweep (non-retryable ArchiveNotConfigured).
const { archiveHistoryPage } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10, nonRetryableErrorTypes: ['ArchiveNotConfigured'] },
});

const NONE: HistoryArchiveCounts = { final: 0, snapshots: 0, missing: 0, failed: 0 };

export async function historyArchiveWorkflow(input: HistoryArchiveInput = {}): Promise<HistoryArchiveCounts> {
  let counts = input.resume?.counts ?? NONE;
  let afterCaseId: string | null = input.resume?.afterCaseId ?? null;
  for (;;) {
    const page = await archiveHistoryPage({ afterCaseId, limit: input.pageSize ?? HISTORY_ARCHIVE_PAGE_SIZE });
    counts = { final: counts.final + page.final, snapshots: counts.snapshots + page.snapshots, missing: counts.missing + page.missing, failed: counts.failed + page.failed };
    if (page.nextCursor === null) return counts;
    afterCaseId = page.nextCursor;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof historyArchiveWorkflow>({ ...input, resume: { afterCaseId, counts } });
  }
}
