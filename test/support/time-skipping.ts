// Keeping the time-skipping test server's clock where the tests put it.
//
// The test server keeps, and never removes, a schedule-to-close and a schedule-to-start timeout
// timer for every activity it ever scheduled. When a workflow sets neither (the workflows here
// set only start-to-close), both default to the workflow run timeout, which the server itself
// defaults to ten years (3650 days). The timers do nothing when they fire, but they are timers:
// whenever time skipping is unlocked and nothing earlier is pending, the server jumps to them.
// env.client unlocks time skipping while it waits for a workflow's result, and locks it again
// only once the result has arrived; in between, the awaited workflow has completed and the clock
// runs to its activities' stale timeouts: ten years on, in a year without a holiday notice for
// every later test. (A workflow's own run timeout is cancelled when it completes: a workflow
// without activities leaves nothing behind. Measured: a workflow with a run timeout of 400 days
// leaves timers 400 days on; one with the default, 3650 days on.)
//
// So a file on the time-skipping server waits for results through lockedClient (time runs at the
// wall-clock pace while it waits), moves the clock only with env.sleep (to the instant asked
// for, which comes before any stale ten-year timer), and installs guardServerClock.
import { Client, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { eventually } from './eventually';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export const DAY_MS = 24 * 3600_000;

/** A client of the time-skipping server whose handles wait for results without unlocking time skipping. */
export function lockedClient(env: TestWorkflowEnvironment): Client {
  return new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
}

/** The test server's clock (ms). */
export async function serverNow(env: TestWorkflowEnvironment): Promise<number> {
  const testService = env.connection.testService;
  if (!testService) throw new Error('not a time-skipping server');
  const { time } = await testService.getCurrentTime({});
  if (!time?.seconds) throw new Error('the test server did not report its time');
  return Number(String(time.seconds)) * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

/** Moves the server's clock a minute past an instant (nothing when it is there already). */
export async function skipPast(env: TestWorkflowEnvironment, iso: string): Promise<void> {
  const delta = Date.parse(iso) + 60_000 - (await serverNow(env));
  if (delta > 0) await env.sleep(delta);
}

/** Fails when the server clock is more than `maxDaysAhead` days after the wall clock. */
export async function expectServerClockNearRealTime(env: TestWorkflowEnvironment, maxDaysAhead: number, when: string): Promise<number> {
  const server = await serverNow(env);
  const real = Date.now();
  const aheadDays = (server - real) / DAY_MS;
  if (aheadDays > maxDaysAhead) {
    throw new Error(
      `Server clock check ${when}: the time-skipping server's clock is at ${new Date(server).toISOString()}, ${aheadDays.toFixed(1)} days after real time ` +
        `${new Date(real).toISOString()} (at most ${maxDaysAhead} allowed). Something unlocked time skipping while nothing earlier was pending than ` +
        `the ten-year activity timeouts the server keeps, most likely a result awaited through env.client instead of lockedClient(env). ` +
        `See test/support/time-skipping.ts.`,
    );
  }
  return server;
}

export interface ServerClockGuardOptions {
  /** How far the server clock may run ahead of real time in this file (days): weeks of skipping, not years. */
  maxDaysAhead: number;
}

/** One test's clock at its start and end, as the guard saw it. */
export interface ClockReading {
  test: string;
  realAtStart: number;
  serverAtStart: number;
  serverAtEnd: number | null;
}

/**
 * Installs, for a file on the time-skipping server, a check before and after every test that the
 * server clock is at most `maxDaysAhead` days ahead of real time; the check after a test names
 * the test that made it run away. Returns the readings, one per test.
 *
 * It does not terminate the workflows a test leaves open: the test server keeps the time-skipping
 * lock of an activity or workflow task that is outstanding when its workflow is terminated, and a
 * later env.sleep then waits in real time (terminateQuietly below waits for a quiet moment).
 */
export function guardServerClock(getEnv: () => TestWorkflowEnvironment | undefined, o: ServerClockGuardOptions): ClockReading[] {
  const readings: ClockReading[] = [];
  beforeEach(async () => {
    const env = getEnv();
    if (!env) return; // the file's beforeAll failed; that failure is the one to read
    const test = expect.getState().currentTestName ?? '?';
    const realAtStart = Date.now();
    const serverAtStart = await expectServerClockNearRealTime(env, o.maxDaysAhead, `before "${test}"`);
    readings.push({ test, realAtStart, serverAtStart, serverAtEnd: null });
  });
  afterEach(async () => {
    const env = getEnv();
    if (!env) return;
    const test = expect.getState().currentTestName ?? '?';
    const serverAtEnd = await expectServerClockNearRealTime(env, o.maxDaysAhead, `after "${test}"`);
    const reading = readings.at(-1);
    if (reading && reading.test === test) reading.serverAtEnd = serverAtEnd;
  });
  // PRINT_SERVER_CLOCK=1 prints the readings when the file ends.
  afterAll(() => {
    if (process.env.PRINT_SERVER_CLOCK !== '1') return;
    const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
    const lines = readings.map((r) => `  start ${iso(r.serverAtStart)} (real ${iso(r.realAtStart)})  end ${iso(r.serverAtEnd)}  ${r.test}`);
    process.stdout.write(`server clock per test (${expect.getState().testPath ?? ''}):\n${lines.join('\n')}\n`);
  });
  return readings;
}

/** Whether a workflow has no activity and no workflow task outstanding (its work after a step is done). */
async function quiet(handle: WorkflowHandle): Promise<boolean> {
  const { raw, status } = await handle.describe();
  return status.name !== 'RUNNING' || ((raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask);
}

/**
 * Waits until a workflow is quiet twice in a row, 20 ms apart (an activity that ends schedules a
 * workflow task, which may schedule the next activity): what it does in the background after an
 * act or a time skip has been done.
 */
export async function settled(handle: WorkflowHandle, what: string): Promise<void> {
  const twiceQuiet = async () => {
    if (!(await quiet(handle))) return false;
    await new Promise((r) => setTimeout(r, 20));
    return quiet(handle);
  };
  await eventually(`${what}: the workflow settles`, twiceQuiet, Boolean, { timeoutMs: 60_000, intervalMs: 20 });
}

/**
 * Terminates a workflow that is still running once it is quiet. Terminating it while a task of it
 * is outstanding leaves that task's time-skipping lock on the test server for good, and every later
 * env.sleep of the file then runs at the wall-clock pace (measured: a one-hour sleep had not ended
 * after 40 s; after a quiet terminate it took 4 ms).
 */
export async function terminateQuietly(handle: WorkflowHandle, reason: string): Promise<void> {
  await settled(handle, `before terminating ${handle.workflowId}`);
  if ((await handle.describe()).status.name !== 'RUNNING') return;
  await handle.terminate(reason).catch((e: unknown) => {
    // It may close between the look and the terminate: then there is nothing to stop.
    if (!(e instanceof WorkflowNotFoundError)) throw e;
  });
}
