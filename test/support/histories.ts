// Workflow histories for the replay test: recorded by the path tests with RECORD_HISTORY=1 into
// test/histories/<name>.json (protobufjs JSON: longs and enums as strings, bytes as base64), and
// the runs of a case that continued as new.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORY_DIR = path.join(__dirname, '..', 'histories');

/** Writes one run's history as test/histories/<name>.json when RECORD_HISTORY=1 (always fetched: a test asserts it is long enough to replay). */
export async function recordRun(client: Client, workflowId: string, runId: string | undefined, name: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events?.length ?? 0;
  if (process.env.RECORD_HISTORY === '1') {
    const { History } = temporal.api.history.v1;
    const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
    writeFileSync(path.join(HISTORY_DIR, `${name}.json`), JSON.stringify(json, null, 1));
  }
  return events;
}

/** The runs of a workflow in order: each run that continued as new names the next. */
export async function runsOf(client: Client, workflowId: string, firstRunId: string): Promise<Array<{ runId: string; events: number; continued: boolean }>> {
  const runs: Array<{ runId: string; events: number; continued: boolean }> = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const last = history.events?.at(-1);
    const next: string | undefined = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    runs.push({ runId, events: history.events?.length ?? 0, continued: next !== undefined });
    runId = next;
  }
  return runs;
}
