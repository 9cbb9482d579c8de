// The worker process: polls the task queue, runs workflow code from the bundle and activities
// with real dependencies. `node dist/worker.js` in production; scripts/start-embedded.ts runs
// the same createCaseWorker in-process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from './infra/db/migrate';
import { openDatabase } from './infra/db/database';
import { createRepositories } from './infra/db/repositories';
import { loadConfigOrExit } from './infra/config';
import { createLogger } from './infra/logger';
import { connectClient, ensureSearchAttributes } from './infra/temporal';
import { ensureMatchingSchedule } from './infra/schedules';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (production); without it the workflows are bundled at start-up. */
  workflowBundlePath?: string;
  /** Tests pass an already built bundle to avoid re-bundling. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  activityOverrides?: Partial<ReturnType<typeof createActivities>>;
}

export const WORKFLOWS_PATH = require.resolve('./workflows');
/** Where `npm run build` writes the bundle, next to the compiled worker. */
export const PREBUILT_BUNDLE_PATH = path.join(__dirname, 'workflow-bundle.js');

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const bundle =
    options.workflowBundle ??
    (options.workflowBundlePath && existsSync(options.workflowBundlePath) ? { codePath: options.workflowBundlePath } : undefined);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: { ...createActivities(options.deps), ...options.activityOverrides },
    // Keep the worker within a small machine's means; raise in production as needed.
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
  });
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    log.fatal('the worker process needs TEMPORAL_ADDRESS and DATABASE_URL (use `npm start` for the embedded mode)');
    process.exit(78);
  }
  const db = await openDatabase({ url: config.DATABASE_URL });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const admin = await connectClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
  const added = await ensureSearchAttributes(admin.connection, config.TEMPORAL_NAMESPACE);
  if (added.length > 0) log.info({ added }, 'search attributes registered');
  if (await ensureMatchingSchedule(admin.client, config.TEMPORAL_TASK_QUEUE)) log.info('nightly policy matching schedule created');
  await admin.connection.close();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: { repos: createRepositories(db.prisma), now: () => new Date() },
    workflowBundlePath: PREBUILT_BUNDLE_PATH,
  });
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
  await worker.run();
  await connection.close();
  await db.close();
  log.info('worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
