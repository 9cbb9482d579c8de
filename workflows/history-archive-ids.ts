// Names and shapes of the history archive sweep, shared by the workflow, the schedule that starts
// it and the tests. No imports.

export const HISTORY_ARCHIVE_WORKFLOW_TYPE = 'historyArchiveWorkflow';

/** The schedule that sweeps every few minutes; its runs take this workflow id. */
export const HISTORY_ARCHIVE_SCHEDULE_ID = 'history-archive';

/** Cases per activity call. */
export const HISTORY_ARCHIVE_PAGE_SIZE = 50;

export interface HistoryArchiveCounts {
  final: number;
  snapshots: number;
  missing: number;
  failed: number;
}

export interface HistoryArchiveInput {
  /** Cases per activity call (default HISTORY_ARCHIVE_PAGE_SIZE); tests use small pages. */
  pageSize?: number;
  /** Set only by continue-as-new: where the previous run stopped, and what it counted. */
  resume?: { afterCaseId: string; counts: HistoryArchiveCounts };
}
