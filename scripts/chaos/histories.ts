// What the Temporal histories of the run's cases show after the faults: workflow task failures
// (a non-determinism or a code error: there must be none), and activities that needed more than
// one attempt with the failure of the attempt before (work lost with a killed worker, a query cut
// with the database). Temporal writes only an activity's last attempt to the history; its
// ActivityTaskStarted event carries the attempt number and the previous attempt's failure.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { applicationWorkflowId } from '../../workflows/ids';

const E = temporal.api.enums.v1.EventType;

export interface HistoryFindings {
  workflows: number;
  /** Per case: the workflow's status as Temporal reports it. */
  statusOf: Map<string, string>;
  workflowTaskFailures: Array<{ caseId: string; cause: string }>;
  /** Workflow tasks that timed out (a task a killed worker had taken), with the epoch ms of each. */
  workflowTaskTimeouts: number[];
  /** Activities that took more than one attempt, with the failure before the last attempt. */
  retried: Array<{ caseId: string; activity: string; attempts: number; lastFailure: string; atMs: number }>;
  /** Activities that failed or timed out for good (none is expected: they retry without limit). */
  finalFailures: Array<{ caseId: string; activity: string }>;
  unreadable: Array<{ caseId: string; error: string }>;
}

/** A failure in a few words: its message, or the kind of timeout (a timeout's message is empty). */
function describeFailure(failure: temporal.api.failure.v1.IFailure | null | undefined): string {
  if (!failure) return '?';
  const timeout = failure.timeoutFailureInfo?.timeoutType;
  if (timeout !== undefined && timeout !== null) return `timeout ${temporal.api.enums.v1.TimeoutType[timeout] ?? String(timeout)}`.replace('TIMEOUT_TYPE_', '');
  // Prisma's messages start with the invocation and end with the driver's words: keep the end.
  const message = (failure.message ?? '').split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
  const type = failure.applicationFailureInfo?.type;
  return `${type ? `${type}: ` : ''}${message}` || '?';
}

function epochMs(t: temporal.api.history.v1.IHistoryEvent['eventTime']): number {
  return t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;
}

export async function readHistories(client: Client, caseIds: string[]): Promise<HistoryFindings> {
  const f: HistoryFindings = { workflows: 0, statusOf: new Map(), workflowTaskFailures: [], workflowTaskTimeouts: [], retried: [], finalFailures: [], unreadable: [] };
  for (const caseId of caseIds) {
    const handle = client.workflow.getHandle(applicationWorkflowId(caseId));
    try {
      const description = await handle.describe();
      f.statusOf.set(caseId, description.status.name);
      const history = await handle.fetchHistory();
      f.workflows++;
      const activityOf = new Map<number, string>();
      for (const ev of history.events ?? []) {
        const id = Number(ev.eventId ?? 0);
        switch (ev.eventType) {
          case E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            activityOf.set(id, ev.activityTaskScheduledEventAttributes?.activityType?.name ?? '?');
            break;
          case E.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
            const a = ev.activityTaskStartedEventAttributes;
            const attempts = a?.attempt ?? 1;
            if (attempts > 1) {
              const activity = activityOf.get(Number(a?.scheduledEventId ?? 0)) ?? '?';
              f.retried.push({ caseId, activity, attempts, lastFailure: describeFailure(a?.lastFailure), atMs: epochMs(ev.eventTime) });
            }
            break;
          }
          case E.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
            f.finalFailures.push({ caseId, activity: activityOf.get(Number(ev.activityTaskTimedOutEventAttributes?.scheduledEventId ?? 0)) ?? '?' });
            break;
          case E.EVENT_TYPE_ACTIVITY_TASK_FAILED:
            f.finalFailures.push({ caseId, activity: activityOf.get(Number(ev.activityTaskFailedEventAttributes?.scheduledEventId ?? 0)) ?? '?' });
            break;
          case E.EVENT_TYPE_WORKFLOW_TASK_FAILED:
            f.workflowTaskFailures.push({ caseId, cause: `${String(ev.workflowTaskFailedEventAttributes?.cause)}: ${ev.workflowTaskFailedEventAttributes?.failure?.message ?? ''}` });
            break;
          case E.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
            f.workflowTaskTimeouts.push(epochMs(ev.eventTime));
            break;
          default:
            break;
        }
      }
    } catch (err) {
      f.unreadable.push({ caseId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return f;
}
