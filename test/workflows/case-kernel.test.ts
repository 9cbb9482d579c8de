// The case kernel's stage clocks and continue-as-new on the SLA probe (a case type of a few lines):
// parallel stage clocks, each named by its stage and acted on by supervisors one at a time; and a
// case that continues as new while its clock fires the reminder and the rungs of the ladder, each
// once across the runs.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { clocksQuery, supervisorActUpdate, type SupervisorActInput } from '../../workflows/sla';
import { resolveProbeSignal, slaProbeWorkflow, type SlaProbeInput } from './fixtures/sla-probe';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { fixtureBundle, startTimeSkippingServer, startWorker, type RunningWorker } from '../support/temporal';
import { guardServerClock, lockedClient, skipPast as skipServerPast } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
/** Waiting for a result through it keeps time skipping locked (test/support/time-skipping.ts). */
let client: Client;
let tdb: TestDatabase;
let worker: RunningWorker;
let reviewerId: string;
let supervisorId: string;
const TQ = 'case-kernel-test';

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  client = lockedClient(env);
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'case-kernel-test');
  reviewerId = (await tdb.repos.users.findByUsername('kjj.reviewer'))!.id;
  supervisorId = (await tdb.repos.users.findByUsername('supervisor'))!.id;
  worker = await startWorker(env, { taskQueue: TQ, workflowBundle: await fixtureBundle(), activities: createActivities({ repos: tdb.repos, now: () => new Date() }) });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await tdb?.drop();
});

jest.setTimeout(120_000);
// The server clock moves only by env.sleep to chosen instants: days per test, never years.
guardServerClock(() => env, { maxDaysAhead: 60 });

let seq = 0;
function probe(o: Partial<SlaProbeInput> = {}): SlaProbeInput {
  seq++;
  return { caseId: `K-${seq}`, title: `kernel probe ${seq}`, departmentCode: 'KJJ', assigneeId: reviewerId, stage: 'review', budgetDays: 3, ...o };
}

async function start(input: SlaProbeInput) {
  return client.workflow.start(slaProbeWorkflow, { taskQueue: TQ, workflowId: `kernel-${input.caseId}`, args: [input] });
}

type Handle = Awaited<ReturnType<typeof start>>;

const supervise = (handle: Handle, a: Omit<SupervisorActInput, 'actor'>) =>
  handle.executeUpdate(supervisorActUpdate, { args: [{ ...a, actor: { userId: supervisorId, username: 'supervisor', role: 'supervisor', departmentCode: 'GXJ' } }] });

/** Moves the server's time a minute past `iso`. */
const skipPast = (iso: string) => skipServerPast(env, iso);

/** The activity types each run of a workflow scheduled, run by run (following continue-as-new). */
async function activitiesPerRun(workflowId: string, firstRunId: string): Promise<string[][]> {
  const runs: string[][] = [];
  let runId: string | null | undefined = firstRunId;
  while (runId) {
    const history: Awaited<ReturnType<Handle['fetchHistory']>> = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    runs.push(events.flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name ? [e.activityTaskScheduledEventAttributes.activityType.name] : [])));
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return runs;
}

it('runs parallel stage clocks, each named by its stage: a hold stops one, the other keeps running and escalates alone', async () => {
  const input = probe({ stage: 'planning_review', budgetDays: 3, parallel: [{ stage: 'fire_review', budgetDays: 5 }] });
  const handle = await start(input);
  const clocks = await eventually('both stage clocks planned', () => handle.query(clocksQuery), (c) => c.length === 2 && c.every((l) => l.deadlineAt !== null));
  expect(clocks.map((c) => [c.stage, c.state])).toEqual([
    ['planning_review', 'running'],
    ['fire_review', 'running'],
  ]);
  expect(clocks[0]!.episode).not.toBe(clocks[1]!.episode);

  const held = await supervise(handle, { act: 'hold', stage: 'fire_review', reason: '等待消防意见 waiting for the fire brigade' });
  expect(held.clocks.map((c) => [c.stage, c.state])).toEqual([
    ['planning_review', 'running'],
    ['fire_review', 'suspended'],
  ]);
  // The stage must be one with an open clock: the refusal names the open ones.
  const refused = await supervise(handle, { act: 'extend', stage: 'land_review', workingDays: 2, reason: 'x' }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (refused as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('STATE_CONFLICT');
  expect((cause as ApplicationFailure).message).toContain('open: planning_review, fire_review');

  // Past every rung of the planning clock: only it escalates; the held fire clock fires nothing.
  const planning = clocks[0]!;
  await skipPast(planning.rungs.at(-1)!.at);
  const escalations = await eventually('the planning clock escalated three levels', () => tdb.repos.escalations.listForCase(input.caseId), (e) => e.length === 3);
  expect(escalations.map((e) => e.rungKey)).toEqual(planning.rungs.map((r) => r.key));

  const released = await supervise(handle, { act: 'release', stage: 'fire_review', reason: '意见已到 opinion received' });
  const fire = released.clocks.find((c) => c.stage === 'fire_review')!;
  expect(fire.state).toBe('running');
  expect(fire.suspensions).toEqual([expect.objectContaining({ kind: 'supervisor_hold', to: expect.any(String) })]);

  await handle.signal(resolveProbeSignal);
  await handle.result();
  const after = await handle.query(clocksQuery);
  expect(after.map((c) => [c.stage, c.state, c.stopReason])).toEqual([
    ['planning_review', 'stopped', 'decided'],
    ['fire_review', 'stopped', 'decided'],
  ]);
  // The read model carries every stage clock.
  const row = await tdb.repos.cases.findById(input.caseId);
  expect((row?.view as { clocks: unknown[] }).clocks).toHaveLength(2);
});

it('continues as new while the clock fires its reminder and rungs: each fires once across the runs, and the case ends intact', async () => {
  const input = probe({ budgetDays: 2, continueAsNew: { maxHistoryEvents: 30 } });
  const handle = await start(input);
  const first = await eventually('the clock planned', () => handle.query(clocksQuery), (c) => c[0]?.deadlineAt !== null && c.length === 1);
  const ledger = first[0]!;
  const extended = await supervise(handle, { act: 'extend', workingDays: 1, reason: '延期一天 one more day' });
  const deadline = extended.clock!;
  await skipPast(deadline.rungs.at(-1)!.at);
  await eventually('three levels escalated', () => tdb.repos.escalations.listForCase(input.caseId), (e) => e.length === 3);
  // A few more days: nothing fires again in the runs that follow.
  await env.sleep(3 * 24 * 3600_000);
  await handle.signal(resolveProbeSignal);
  const result = await handle.result();

  expect(result?.firedRungKeys).toEqual(deadline.rungs.map((r) => r.key));
  expect(result?.extensions).toEqual([expect.objectContaining({ workingDays: 1 })]);
  expect(result?.episode).toBe(ledger.episode);
  expect((await tdb.repos.escalations.listForCase(input.caseId)).map((e) => e.level)).toEqual([1, 2, 3]);
  // Fired once across the runs: the activities each run scheduled (idempotent keys would hide a repeat in the database).
  const runs = await activitiesPerRun(handle.workflowId, handle.firstExecutionRunId);
  expect(runs.length).toBeGreaterThan(2);
  const scheduled = runs.flat();
  expect(scheduled.filter((a) => a === 'fireEscalationRung')).toHaveLength(3);
  expect(scheduled.filter((a) => a === 'sendDeadlineReminder')).toHaveLength(1);
  // The read model's last write is the closed case, at a version above every earlier run's.
  const row = await tdb.repos.cases.findById(input.caseId);
  expect(row?.status).toBe('closed');
  expect(row?.projectionVersion).toBeGreaterThan(5);
});

it('answers a supervisor act retried with the same id after the case continued as new, without applying it again', async () => {
  const input = probe({ budgetDays: 5, continueAsNew: { maxHistoryEvents: 12 } });
  const handle = await start(input);
  await eventually('the clock planned', () => handle.query(clocksQuery), (c) => c[0]?.deadlineAt !== null && c.length === 1);
  const actor = { userId: supervisorId, username: 'supervisor', role: 'supervisor', departmentCode: 'GXJ' };
  const extend = { act: 'extend' as const, workingDays: 2, reason: '补充材料 more documents', actor };
  const runBefore = (await handle.describe()).runId;
  const first = await handle.executeUpdate(supervisorActUpdate, { args: [extend], updateId: 'extend-once' });
  expect(first.clock?.extensions).toHaveLength(1);
  await eventually('the case continues as new after the act', () => handle.describe(), (d) => d.runId !== runBefore);
  // The client's answer was lost; it sends the same Update again to the run now current.
  const again = await handle.executeUpdate(supervisorActUpdate, { args: [extend], updateId: 'extend-once' });
  expect(again.clock?.extensions).toHaveLength(1);
  expect(again.clock?.deadlineAt).toBe(first.clock?.deadlineAt);
  // A new act (another id) is applied.
  const second = await handle.executeUpdate(supervisorActUpdate, { args: [extend], updateId: 'extend-twice' });
  expect(second.clock?.extensions).toHaveLength(2);
  await handle.signal(resolveProbeSignal);
  expect((await handle.result())?.extensions).toHaveLength(2);
  expect((await tdb.repos.audit.listForSubject('case', input.caseId)).map((r) => r.action)).toEqual(['case.extend', 'case.extend']);
});

test('the domain modules a case imports are preloaded: evaluated once per worker thread, frozen, so no case can change what another sees', async () => {
  for (const n of [1, 2]) {
    const result = await client.workflow.execute('preloadProbeWorkflow', { taskQueue: TQ, workflowId: `kernel-preload-${n}-${Date.now()}`, args: [] });
    expect(result).toEqual({ statusesFrozen: true, schemaFrozen: true, changed: 'refused' });
  }
});
