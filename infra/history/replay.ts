// Replays a case's runs against workflow code and says whether the code reproduces them: the
// auditor's proof that the recorded decisions lead to the recorded outcome under the code that
// runs now. A history the code no longer reproduces is a verdict (with the first event where it
// diverges), never a crash of the caller.
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import type { RunHistory } from './runs';

export interface Divergence {
  runId: string;
  /** The event the code no longer agrees with, when the SDK's message names one. */
  eventId: number | null;
  eventType: string | null;
  message: string;
}

export interface ReplayVerdict {
  deterministic: boolean;
  runs: number;
  events: number;
  /** The status the last run ended with (its result's `status`), or how it ended; null while it runs. */
  finalStatus: string | null;
  error?: Divergence;
}

/** The workflow code to replay against: the prebuilt bundle's path, or its code. */
export type WorkflowBundle = NonNullable<ReplayWorkerOptions['workflowBundle']>;

const EventType = temporal.api.enums.v1.EventType;

/** "... HistoryEvent(id: 12, ...)", "event 12", "event_id: 12": the forms the SDK and Core use. */
const EVENT_ID = /(?:HistoryEvent\(id:\s*|event[ _]id[:=]?\s*|event\s+#?)(\d+)/i;

function eventTypeName(run: RunHistory, eventId: number): string | null {
  const event = run.history.events?.find((e) => Number(e.eventId) === eventId);
  if (event?.eventType === undefined || event.eventType === null) return null;
  return (EventType[Number(event.eventType)] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, '');
}

function divergence(run: RunHistory, err: Error): Divergence {
  const match = EVENT_ID.exec(err.message);
  const eventId = match?.[1] ? Number(match[1]) : null;
  return { runId: run.runId, eventId, eventType: eventId === null ? null : eventTypeName(run, eventId), message: err.message };
}

function statusIn(value: unknown): string | null {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'string' ? value.status : null;
}

/** The last run's outcome: its result's status when it completed with a case view. */
export function finalStatusOf(runs: readonly RunHistory[]): string | null {
  const last = runs.at(-1);
  if (!last?.closedAs) return null;
  if (last.closedAs !== 'completed') return last.closedAs;
  const payload = last.history.events?.at(-1)?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  if (!payload) return 'completed';
  try {
    const result: unknown = defaultPayloadConverter.fromPayload(payload);
    // Case views carry it at the top (appeals, proxy cases) or in their state (applications).
    const status = statusIn(result) ?? (typeof result === 'object' && result !== null && 'state' in result ? statusIn(result.state) : null);
    if (status) return status;
  } catch {
    // an undecodable result still completed
  }
  return 'completed';
}

/** Replays the runs in order; stops at the first run that the code does not reproduce. */
export async function replayRuns(workflowBundle: WorkflowBundle, runs: readonly RunHistory[]): Promise<ReplayVerdict> {
  const events = runs.reduce((n, r) => n + r.events, 0);
  const verdict: ReplayVerdict = { deterministic: true, runs: runs.length, events, finalStatus: finalStatusOf(runs) };
  if (runs.length === 0) return verdict;
  // The SDK replays one history at a time and answers in the order given.
  const results = Worker.runReplayHistories(
    { workflowBundle, replayName: `replay-${runs[0]?.workflowId ?? 'case'}` },
    runs.map((r) => ({ workflowId: r.workflowId, history: r.history })),
  );
  let index = 0;
  for await (const result of results) {
    const run = runs[index++];
    if (result.error && run) return { ...verdict, deterministic: false, error: divergence(run, result.error) };
  }
  return verdict;
}
