// Every run of a case's workflow, in order, read from Temporal: the first run is named by each
// run's start event (firstExecutionRunId), and each run that continued as new names the next.
import { isGrpcServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { History } from './codec';

const EventType = temporal.api.enums.v1.EventType;

/** The events that end a run: a run whose last event is not one of these is still running. */
const CLOSE_EVENTS: ReadonlyMap<number, string> = new Map([
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 'completed'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, 'failed'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, 'timed_out'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, 'canceled'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, 'terminated'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, 'continued_as_new'],
]);

export interface RunHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  history: History;
  events: number;
  /** How the run ended, or null while it runs. */
  closedAs: string | null;
  startedAt: Date;
  lastEventAt: Date;
}

function eventTime(e: temporal.api.history.v1.IHistoryEvent | undefined): Date {
  const t = e?.eventTime;
  if (!t) return new Date(0);
  return new Date(Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6));
}

/** What a stored or fetched history says about its run. */
export function describeRun(workflowId: string, runId: string, history: History): RunHistory {
  const events = history.events ?? [];
  const first = events[0];
  const last = events.at(-1);
  const started = first?.workflowExecutionStartedEventAttributes;
  return {
    workflowId,
    runId,
    workflowType: started?.workflowType?.name ?? 'unknown',
    history,
    events: events.length,
    closedAs: (last?.eventType !== undefined && last.eventType !== null && CLOSE_EVENTS.get(Number(last.eventType))) || null,
    startedAt: eventTime(first),
    lastEventAt: eventTime(last),
  };
}

/** gRPC status 5, NOT_FOUND: fetchHistory calls the service directly and passes it through. */
const GRPC_NOT_FOUND = 5;
function notFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND);
}

/**
 * The runs of `workflowId` from the first, or null when Temporal does not hold the workflow
 * (never started, or past the namespace's retention).
 */
export async function fetchRuns(client: Client, workflowId: string): Promise<RunHistory[] | null> {
  let latest: History;
  try {
    latest = await client.workflow.getHandle(workflowId).fetchHistory();
  } catch (err) {
    if (notFound(err)) return null;
    throw err;
  }
  const firstRunId = latest.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId;
  if (!firstRunId) throw new Error(`the history of ${workflowId} does not name its first run`);
  const runs: RunHistory[] = [];
  let runId: string | null = firstRunId;
  while (runId) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const run = describeRun(workflowId, runId, history);
    runs.push(run);
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? null;
  }
  return runs;
}
