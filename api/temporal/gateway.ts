// The API's one way to Temporal: start a workflow, send an Update, ask a query, describe a run
// and signal many cases. Built once from the Client in app.ts; absent when the API runs without
// Temporal, and `requireTemporal` is the one place that answers "not connected" with a 503.
// Workflows are started by their registered name (the bundle's export, workflows/index.ts) and
// known here by type only: the API never loads workflow code, yet a start's args are checked.
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { AppError } from '../../domain/errors';
import type * as workflows from '../../workflows';
import { fetchRuns, type RunHistory } from '../../infra/history/runs';
import { dependencyDown, dependencyUnavailable } from '../errors';

/** What app.ts receives to reach Temporal. */
export interface TemporalConnection {
  client: Client;
  taskQueue: string;
}

/** The workflow types the worker serves, by the name it registers them under. */
type Workflows = typeof workflows;
export type WorkflowTypeName = keyof Workflows;

export interface StartOptions<N extends WorkflowTypeName> {
  /** From the case's business key (workflows/ids.ts), so a retried start finds the same run. */
  workflowId: string;
  args: Parameters<Workflows[N]>;
  /** Both policies are required: every start says what an existing run with its id means. */
  idConflictPolicy: WorkflowIdConflictPolicy;
  idReusePolicy: WorkflowIdReusePolicy;
}

/** What a signal fan-out did, case by case counted. */
export interface SignalFanOut {
  /** Workflows asked for. */
  total: number;
  signalled: number;
  /** Workflows that had closed (or never existed): nothing is left to tell them. */
  closed: number;
  /** Other failures, one per workflow. */
  failed: Array<{ workflowId: string; error: unknown }>;
  /** Not tried: Temporal was found unreachable, so the rest would only wait for the same timeout. */
  notTried: number;
}

export interface TemporalGateway {
  start<N extends WorkflowTypeName>(workflowType: N, options: StartOptions<N>): Promise<void>;
  /** Every case act is one Update with one argument; `updateId` makes a retry the same Update. */
  executeUpdate<Ret, Arg>(workflowId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId: string): Promise<Ret>;
  query<Ret, Args extends unknown[]>(workflowId: string, query: QueryDefinition<Ret, Args>, ...args: Args): Promise<Ret>;
  /** The run's description, or null when Temporal has no workflow with this id. */
  describe(workflowId: string): Promise<WorkflowExecutionDescription | null>;
  /**
   * Signals each workflow in the order given. A closed or unknown workflow is skipped and counted;
   * any other failure is collected and the next one tried, unless it says Temporal is unreachable.
   */
  signalAll<Args extends unknown[]>(workflowIds: readonly string[], signal: SignalDefinition<Args>, ...args: Args): Promise<SignalFanOut>;
  /** Every run of the workflow from the first (continue-as-new included), or null when Temporal no longer holds it. */
  runs(workflowId: string): Promise<RunHistory[] | null>;
}

export function createTemporalGateway({ client, taskQueue }: TemporalConnection): TemporalGateway {
  const handle = (workflowId: string) => client.workflow.getHandle(workflowId);
  return {
    runs: (workflowId) => fetchRuns(client, workflowId),

    async start(workflowType, o) {
      // The name and the args were checked together by StartOptions; the client takes the name as text.
      await client.workflow.start(workflowType, {
        taskQueue,
        workflowId: o.workflowId,
        args: o.args,
        workflowIdConflictPolicy: o.idConflictPolicy,
        workflowIdReusePolicy: o.idReusePolicy,
      });
    },

    executeUpdate: (workflowId, update, arg, updateId) => handle(workflowId).executeUpdate(update, { args: [arg], updateId }),

    query: (workflowId, query, ...args) => handle(workflowId).query(query, ...args),

    async describe(workflowId) {
      try {
        return await handle(workflowId).describe();
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    },

    async signalAll(workflowIds, signal, ...args) {
      const out: SignalFanOut = { total: workflowIds.length, signalled: 0, closed: 0, failed: [], notTried: 0 };
      for (const [i, workflowId] of workflowIds.entries()) {
        try {
          await handle(workflowId).signal(signal, ...args);
          out.signalled++;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) {
            out.closed++;
            continue;
          }
          out.failed.push({ workflowId, error: err });
          if (dependencyDown(err) === 'temporal') {
            out.notTried = workflowIds.length - i - 1;
            break;
          }
        }
      }
      return out;
    },
  };
}

/** The gateway, or the 503 naming Temporal when this API runs without it. */
export function requireTemporal(temporal: TemporalGateway | undefined): TemporalGateway {
  if (!temporal) throw dependencyUnavailable('temporal', 'The workflow service (Temporal) is not connected to this API; the request needs it.');
  return temporal;
}

/**
 * A fan-out that missed open cases, as the request's answer: a 503 naming Temporal. The change
 * that prompted the signals is stored, so the same request repeated signals them again.
 */
export function undeliveredSignals(fanOut: SignalFanOut, change: string): AppError | null {
  const missed = fanOut.failed.length + fanOut.notTried;
  if (missed === 0) return null;
  return dependencyUnavailable(
    'temporal',
    `${change} is saved, but ${missed} of ${fanOut.total} waiting cases could not be told (${fanOut.signalled} signalled, ${fanOut.closed} already closed); repeat the request to try again.`,
    // Counts only: the workflow ids name other parties' cases.
    { signalled: fanOut.signalled, closed: fanOut.closed, failed: fanOut.failed.length, notTried: fanOut.notTried },
  );
}
