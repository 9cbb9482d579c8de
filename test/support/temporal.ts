// Temporal servers for tests, from the resolved binaries (TEMPORAL_CLI_PATH /
// TEMPORAL_TEST_SERVER_PATH, then PATH, then the SDK's download), and one workflow bundle
// per test file.
import { ServiceError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { resolveCli, resolveTestServer, startDevServer } from '../../infra/embedded';
import { workflowBundleOptions } from '../../infra/workflow-bundle';
import { testConfig } from './env';

/**
 * The time-skipping server. On a loaded machine it can take longer to answer than the SDK's fixed
 * ten-second connect deadline (which createTimeSkipping does not let us set): that "Failed to
 * connect" is retried with a new server, up to three times, instead of failing the whole file.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const executable = resolveTestServer(testConfig.TEMPORAL_TEST_SERVER_PATH, testConfig.PATH);
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
    } catch (err) {
      if (attempt >= 3 || !(err instanceof ServiceError)) throw err;
      process.stderr.write(`time-skipping server did not answer in time (attempt ${attempt}): ${err.message}; starting another\n`);
    }
  }
}

export function startTestDevServer(): Promise<TestWorkflowEnvironment> {
  return startDevServer({ executable: resolveCli(testConfig.TEMPORAL_CLI_PATH, testConfig.PATH), namespace: 'default' });
}

/** A worker running on a test server until `stop()` (call it in afterAll, before the server's teardown). */
export interface RunningWorker {
  worker: Worker;
  stop: () => Promise<void>;
}

export async function startWorker(
  env: TestWorkflowEnvironment,
  o: { taskQueue: string; workflowBundle: WorkflowBundleWithSourceMap; activities: object },
): Promise<RunningWorker> {
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: o.taskQueue, workflowBundle: o.workflowBundle, activities: o.activities });
  const running = worker.run();
  return {
    worker,
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per test file (jest isolates modules per file). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode(workflowBundleOptions({ logger: quietLogger }));
  return bundle;
}

let fixtures: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The production workflows plus test fixtures (test/workflows/fixtures), once per file. */
export function fixtureBundle(): Promise<WorkflowBundleWithSourceMap> {
  fixtures ??= bundleWorkflowCode(workflowBundleOptions({ workflowsPath: require.resolve('../workflows/fixtures'), logger: quietLogger }));
  return fixtures;
}

let shifted: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The fixture bundle with the shifted-clock interceptor (test/workflows/fixtures/shifted-clock.ts):
 * a workflow started with its memo reads Date.now() from a chosen instant. For a worker with
 * reuseV8Context: false.
 */
export function shiftedClockBundle(): Promise<WorkflowBundleWithSourceMap> {
  shifted ??= bundleWorkflowCode(
    workflowBundleOptions({
      workflowsPath: require.resolve('../workflows/fixtures'),
      workflowInterceptorModules: [require.resolve('../workflows/fixtures/shifted-clock')],
      logger: quietLogger,
    }),
  );
  return shifted;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => process.stderr.write(`${m}\n`), log: noop };

let changed: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The fixture bundle with archiveProbeWorkflow changed without patched() (fixtures/changed). */
export function changedFixtureBundle(): Promise<WorkflowBundleWithSourceMap> {
  changed ??= bundleWorkflowCode(workflowBundleOptions({ workflowsPath: require.resolve('../workflows/fixtures/changed'), logger: quietLogger }));
  return changed;
}
