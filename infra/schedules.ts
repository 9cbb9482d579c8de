// Temporal Schedules the system relies on, created idempotently when a worker (or the embedded
// stack) starts.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { historyArchiveWorkflow } from '../workflows/history-archive';
import { HISTORY_ARCHIVE_SCHEDULE_ID, HISTORY_ARCHIVE_WORKFLOW_TYPE } from '../workflows/history-archive-ids';
import type { policyMatchingWorkflow } from '../workflows/policy-matching';
import { NIGHTLY_MATCHING_SCHEDULE_ID, POLICY_MATCHING_WORKFLOW_TYPE } from '../workflows/policy-matching-ids';

/**
 * Nightly policy matching (measure 1) at 02:30 Asia/Shanghai under the version then in effect.
 * The time is given in UTC (18:30): Asia/Shanghai is UTC+8 without daylight saving, and a UTC
 * spec does not depend on the time-zone data of the server's machine. An existing schedule is
 * left as it is (returns false); change it with `temporal schedule update`.
 */
export async function ensureMatchingSchedule(client: Client, taskQueue: string): Promise<boolean> {
  try {
    await client.schedule.create<typeof policyMatchingWorkflow>({
      scheduleId: NIGHTLY_MATCHING_SCHEDULE_ID,
      spec: { calendars: [{ hour: 18, minute: 30 }] },
      action: {
        type: 'startWorkflow',
        workflowType: POLICY_MATCHING_WORKFLOW_TYPE,
        workflowId: NIGHTLY_MATCHING_SCHEDULE_ID,
        taskQueue,
        args: [{ catalogueVersion: null, reason: 'nightly' }],
      },
      // A run still going at the next night is left to finish; a missed night is not caught up
      // beyond a few hours (the next night matches everything again anyway).
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
    });
    return true;
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return false;
    throw err;
  }
}

/** The workflow id of the matching run of a first start (embedded mode). */
export const FIRST_MATCHING_WORKFLOW_ID = 'policy-matching-first-start';

/**
 * One matching run under the version in effect, once per Temporal namespace (embedded mode's
 * first start): a finished or running one is not started again. Returns whether it started.
 */
export async function startFirstMatching(client: Client, taskQueue: string): Promise<boolean> {
  try {
    await client.workflow.start<typeof policyMatchingWorkflow>(POLICY_MATCHING_WORKFLOW_TYPE, {
      workflowId: FIRST_MATCHING_WORKFLOW_ID,
      taskQueue,
      args: [{ catalogueVersion: null, reason: 'first-start' }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/**
 * The history archive sweep every ten minutes: a closed case is archived within about ten minutes
 * of closing (well inside any namespace retention), an open one snapshotted at most daily. A sweep
 * still running at the next tick is left to finish. An existing schedule is left as it is.
 */
export async function ensureHistoryArchiveSchedule(client: Client, taskQueue: string): Promise<boolean> {
  try {
    await client.schedule.create<typeof historyArchiveWorkflow>({
      scheduleId: HISTORY_ARCHIVE_SCHEDULE_ID,
      spec: { intervals: [{ every: '10 minutes' }] },
      action: { type: 'startWorkflow', workflowType: HISTORY_ARCHIVE_WORKFLOW_TYPE, workflowId: HISTORY_ARCHIVE_SCHEDULE_ID, taskQueue, args: [{}] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    });
    return true;
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return false;
    throw err;
  }
}
