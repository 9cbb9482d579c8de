// Why the files on the time-skipping server await results through lockedClient and guard the
// server clock (test/support/time-skipping.ts): a locked client's result does not move the
// clock; and once a workflow with activities has completed, unlocking time skipping runs the
// clock ten years on, to the activity timeouts the server keeps, which the guard's check reports.
// This file ends a decade ahead on purpose, so it installs no guard.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { pingWorkflow } from '../../workflows';
import { clockQuery } from '../../workflows/sla';
import { resolveProbeSignal, slaProbeWorkflow } from './fixtures/sla-probe';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { fixtureBundle, startTimeSkippingServer } from '../support/temporal';
import { DAY_MS, expectServerClockNearRealTime, lockedClient, serverNow } from '../support/time-skipping';

const TQ = 'clock-test';
let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'clock-test-password');
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TQ, workflowBundle: await fixtureBundle(), activities: createActivities({ repos: tdb.repos, now: () => new Date() }) });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await tdb?.drop();
});

it('a result awaited through lockedClient does not skip time: the workflow waits until env.sleep moves the clock', async () => {
  const handle = await lockedClient(env).workflow.start(pingWorkflow, { taskQueue: TQ, workflowId: 'ping-day', args: [{ echo: 'x', delayMs: DAY_MS }] });
  const from = await serverNow(env);
  const result = handle.result();
  const early = await Promise.race([result.then(() => 'finished'), new Promise((r) => setTimeout(() => r('waiting'), 3000))]);
  // env.client's result would have skipped the day at once.
  expect(early).toBe('waiting');
  expect((await serverNow(env)) - from).toBeLessThan(60_000);
  await env.sleep(DAY_MS + 60_000);
  await expect(result).resolves.toEqual({ echo: 'x', waitedMs: DAY_MS });
});

it('after a workflow with activities completes, unlocking time skipping runs the clock 3650 days on, and the guard check fails', async () => {
  const reviewer = await tdb.repos.users.findByUsername('kjj.reviewer');
  const handle = await lockedClient(env).workflow.start(slaProbeWorkflow, {
    taskQueue: TQ,
    workflowId: 'probe-decade',
    args: [{ caseId: 'DECADE-1', title: 'decade', departmentCode: 'KJJ', assigneeId: reviewer!.id, stage: 'review', budgetDays: 3 }],
  });
  await eventually('the deadline planned', () => handle.query(clockQuery), (l) => Boolean(l?.deadlineAt));
  await handle.signal(resolveProbeSignal);
  expect((await handle.result())?.state).toBe('stopped');
  const before = await expectServerClockNearRealTime(env, 2, 'after the locked result');

  // What env.client's result does around its wait, here with nothing else to wait for.
  const testService = env.connection.testService!;
  await testService.unlockTimeSkipping({});
  let after: number;
  try {
    after = await eventually('the clock running to the stale activity timeouts', () => serverNow(env), (t) => t - before > 3000 * DAY_MS);
  } finally {
    await testService.lockTimeSkipping({});
  }
  expect((after - before) / DAY_MS).toBeGreaterThan(3649);
  expect((after - before) / DAY_MS).toBeLessThan(3651);
  await expect(expectServerClockNearRealTime(env, 150, 'after the unlock')).rejects.toThrow(/days after real time/);
});
