// The time-skipping test server from the resolved binary: a workflow that waits a week
// finishes in seconds, and the worker runs the bundle built once for this file.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { pingWorkflow } from '../../workflows';
import { createActivities } from '../../activities';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startTimeSkippingServer, workflowBundle } from '../support/temporal';
import { guardServerClock, lockedClient, serverNow } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
});
afterAll(async () => {
  await env?.teardown();
  await tdb?.drop();
});
guardServerClock(() => env, { maxDaysAhead: 14 });

it('skips a one-week durable timer', async () => {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'ping-test',
    workflowBundle: await workflowBundle(),
    activities: createActivities({ repos: tdb.repos, now: () => new Date() }),
  });
  const week = 7 * 24 * 3600 * 1000;
  const started = Date.now();
  const result = await worker.runUntil(async () => {
    const handle = await lockedClient(env).workflow.start(pingWorkflow, { taskQueue: 'ping-test', workflowId: 'ping-week', args: [{ echo: '你好', delayMs: week }] });
    const from = await serverNow(env);
    // The week passes on the server's clock, skipped by env.sleep to the instant asked for; the
    // result is awaited without unlocking time skipping (test/support/time-skipping.ts).
    await env.sleep(week + 60_000);
    expect(await serverNow(env)).toBeGreaterThanOrEqual(from + week);
    return handle.result();
  });
  expect(result).toEqual({ echo: '你好', waitedMs: week });
  expect(Date.now() - started).toBeLessThan(30_000);
});
