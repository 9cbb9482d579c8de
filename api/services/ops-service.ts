// What an operator needs to see that no case is silently stuck: every open case whose workflow
// has an activity failing and retrying (a database refusing a write, a payment gateway down), or
// a workflow task failing (a code change that does not replay), with the reason Temporal keeps.
// Scans open cases from the read model a page at a time and asks Temporal about each.
import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { Actor } from '../../domain/roles';
import { requireRole } from '../auth/guards';
import { requireTemporal, type TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';

export interface StuckCase {
  caseId: string;
  caseType: string;
  status: string;
  title: string;
  workflowId: string;
  problems: Array<{ kind: 'activity' | 'workflow_task' | 'workflow_missing' | 'workflow_ended'; activity: string | null; attempt: number; reason: string; since: string | null }>;
}

/** Temporal's timestamps ({ seconds, nanos }) as ISO text. */
function isoOf(t: { seconds?: { toString(): string } | number | null } | null | undefined): string | null {
  if (!t?.seconds) return null;
  return new Date(Number(t.seconds.toString()) * 1000).toISOString();
}

/** Describes a page of workflows a few at a time: the frontend is not to be flooded by one operator. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** What is wrong with a run the read model shows open (`status`): nothing, when it is healthy. */
function problemsOf(d: WorkflowExecutionDescription, status: string): StuckCase['problems'] {
  const problems: StuckCase['problems'] = [];
  // The read model shows the case open, but its workflow has ended (failed, terminated, or done
  // without its last projection).
  if (d.status.name !== 'RUNNING') {
    problems.push({ kind: 'workflow_ended', activity: null, attempt: 0, reason: `the workflow is ${d.status.name} while the read model shows the case open (${status})`, since: d.closeTime?.toISOString() ?? null });
  }
  for (const a of d.raw.pendingActivities ?? []) {
    // The first attempt is work in progress; from the second on, something failed.
    if ((a.attempt ?? 1) < 2 && !a.lastFailure) continue;
    problems.push({ kind: 'activity', activity: a.activityType?.name ?? null, attempt: a.attempt ?? 1, reason: a.lastFailure?.message ?? 'retrying', since: isoOf(a.lastStartedTime) });
  }
  const task = d.raw.pendingWorkflowTask;
  if (task && (task.attempt ?? 1) > 1) {
    problems.push({ kind: 'workflow_task', activity: null, attempt: task.attempt ?? 1, reason: 'the workflow task fails and is retried (see the worker log: a change that does not replay, or a bug)', since: isoOf(task.scheduledTime) });
  }
  return problems;
}

export function createOpsService(deps: ServiceDeps, gateway: TemporalGateway | undefined) {
  const { repos } = deps;
  return {
    async stuckCases(actor: Actor, q: { afterCaseId?: string | undefined; limit: number }) {
      requireRole(actor, ['admin'], 'see stuck cases');
      const temporal = requireTemporal(gateway);
      const open = await repos.cases.listOpen(q.afterCaseId, q.limit);
      const described = await mapLimited(open, 8, async (c): Promise<StuckCase> => {
        const d = await temporal.describe(c.workflowId);
        const problems: StuckCase['problems'] = d
          ? problemsOf(d, c.status)
          : [{ kind: 'workflow_missing', activity: null, attempt: 0, reason: `the read model shows the case open (${c.status}) but Temporal has no workflow ${c.workflowId}`, since: c.updatedAt.toISOString() }];
        return { caseId: c.caseId, caseType: c.caseType, status: c.status, title: c.title, workflowId: c.workflowId, problems };
      });
      const last = open[open.length - 1];
      return {
        scanned: open.length,
        items: described.filter((c) => c.problems.length > 0),
        nextAfterCaseId: open.length === q.limit && last ? last.caseId : null,
      };
    },
  };
}
export type OpsService = ReturnType<typeof createOpsService>;
