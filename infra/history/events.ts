// The events of a case's workflow runs that a person reads in a timeline, with their payloads
// decoded: the start, each act (Update) and its outcome, signals, timers that fired, the side
// effects that matter to a case (reminders, escalation rungs, payments, failed activities),
// continue-as-new and the close. Also the case view as each projection carried it, from which the
// timeline reads the SLA clock at any moment.
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { RunHistory } from './runs';

type Event = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;
const T = temporal.api.enums.v1.EventType;

export type WorkflowEventKind =
  | 'started'
  | 'act_requested'
  | 'act_done'
  | 'act_refused'
  | 'signal'
  | 'timer_fired'
  | 'side_effect'
  | 'activity_failed'
  | 'continued_as_new'
  | 'closed';

export interface WorkflowEvent {
  at: Date;
  runNo: number;
  eventId: number;
  kind: WorkflowEventKind;
  /** The Update, signal or activity type; the close's type for `closed`. */
  name: string | null;
  /** The decoded argument (an act's body with its actor), result or failure message. */
  detail: unknown;
}

/** The case view a projection carried at a moment (the input of projectCase). */
export interface ViewSnapshot {
  at: Date;
  view: unknown;
}

/** Activities whose completion a case's participants care about; the rest are bookkeeping. */
const SIDE_EFFECTS = new Set(['sendDeadlineReminder', 'fireEscalationRung', 'payAward', 'requestBudgetCommitment', 'recordAwardGrants']);

function time(e: Event): Date {
  const t = e.eventTime;
  return new Date(Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6));
}

function decode(payloads: Payloads): unknown {
  const list = payloads?.payloads ?? [];
  const values = list.map((p) => {
    try {
      return defaultPayloadConverter.fromPayload(p);
    } catch {
      return '(a payload this code cannot decode)';
    }
  });
  return values.length <= 1 ? (values[0] ?? null) : values;
}

/** The events of every run in order, and the view snapshots, in one pass. */
export function readableEvents(runs: readonly RunHistory[]): { events: WorkflowEvent[]; views: ViewSnapshot[] } {
  const events: WorkflowEvent[] = [];
  const views: ViewSnapshot[] = [];
  runs.forEach((run, i) => {
    const runNo = i + 1;
    const scheduled = new Map<string, string>();
    const updates = new Map<string, string>();
    for (const e of run.history.events ?? []) {
      const base = { at: time(e), runNo, eventId: Number(e.eventId ?? 0) };
      const push = (kind: WorkflowEventKind, name: string | null, detail: unknown) => events.push({ ...base, kind, name, detail });
      switch (Number(e.eventType)) {
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
          const a = e.workflowExecutionStartedEventAttributes;
          if (runNo === 1) push('started', a?.workflowType?.name ?? null, decode(a?.input));
          break;
        }
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
          const input = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
          const id = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ?? '';
          updates.set(id, input?.name ?? 'update');
          push('act_requested', input?.name ?? null, decode(input?.args));
          break;
        }
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
          const a = e.workflowExecutionUpdateCompletedEventAttributes;
          const name = updates.get(a?.meta?.updateId ?? '') ?? null;
          if (a?.outcome?.failure) push('act_refused', name, a.outcome.failure.message ?? 'refused');
          else push('act_done', name, decode(a?.outcome?.success));
          break;
        }
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
          const a = e.workflowExecutionSignaledEventAttributes;
          push('signal', a?.signalName ?? null, decode(a?.input));
          break;
        }
        case T.EVENT_TYPE_TIMER_FIRED:
          push('timer_fired', e.timerFiredEventAttributes?.timerId ?? null, null);
          break;
        case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
          const a = e.activityTaskScheduledEventAttributes;
          const type = a?.activityType?.name ?? 'activity';
          scheduled.set(String(e.eventId), type);
          if (type === 'projectCase') {
            const input = decode(a?.input);
            if (typeof input === 'object' && input !== null && 'view' in input) views.push({ at: base.at, view: input.view });
          }
          if (SIDE_EFFECTS.has(type)) push('side_effect', type, decode(a?.input));
          break;
        }
        case T.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        case T.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
          const a = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
          push('activity_failed', scheduled.get(String(a?.scheduledEventId ?? '')) ?? null, a?.failure?.message ?? 'failed');
          break;
        }
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
          push('continued_as_new', null, null);
          break;
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
          push('closed', 'completed', decode(e.workflowExecutionCompletedEventAttributes?.result));
          break;
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
          push('closed', 'failed', e.workflowExecutionFailedEventAttributes?.failure?.message ?? null);
          break;
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
          push('closed', 'terminated', e.workflowExecutionTerminatedEventAttributes?.reason ?? null);
          break;
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        case T.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
          push('closed', Number(e.eventType) === T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED ? 'canceled' : 'timed_out', null);
          break;
        default:
          break;
      }
    }
  });
  return { events, views };
}
