// The worker process: polls the task queue, runs workflow code from the bundle and activities
// with real dependencies. `node dist/worker.js` in production; scripts/start-embedded.ts runs
// the same createCaseWorker in-process.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { Runtime, Worker, type ActivityInterceptorsFactory, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from './infra/db/migrate';
import { openDatabase } from './infra/db/database';
import { createRepositories } from './infra/db/repositories';
import { loadConfigOrExit } from './infra/config';
import { createLogger, temporalLogger } from './infra/logger';
import { createAppMetrics, type AppMetrics } from './infra/metrics';
import { PaymentConfigError, productionPaymentGateway } from './infra/payments/from-config';
import { startProbeServer, withSdkMetrics } from './infra/probe-server';
import { connectClient, connectWorker, temporalProbe, temporalTargetFromConfig } from './infra/temporal';
import { ensureHistoryArchiveSchedule, ensureMatchingSchedule } from './infra/schedules';
import { workflowCodeVersion } from './infra/history/code-version';
import { APP_VERSION } from './api/version';
import { preloadedModules, WORKFLOWS_PATH } from './infra/workflow-bundle';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** The prebuilt bundle (production): a worker given a path that does not exist refuses to start. */
  workflowBundlePath?: string;
  /** Tests pass an already built bundle to avoid re-bundling. Without either, the workflows are bundled at start-up. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  activityOverrides?: Partial<ReturnType<typeof createActivities>>;
  /** Open cases kept in memory (default DEFAULT_MAX_CACHED_WORKFLOWS); the rest are replayed when they wake. */
  maxCachedWorkflows?: number;
  /** How long a shutdown lets running activities finish before they are cancelled (ms). */
  shutdownGraceTimeMs?: number;
  /** Where failed activity executions are counted. */
  metrics?: Pick<AppMetrics, 'activityFailures'>;
}


/**
 * The workflow cache, sized deliberately. A cached case costs about 0.5 MB of worker memory since
 * the domain modules are preloaded (infra/workflow-bundle.ts; 2.5 MB before). Measured with the
 * bench (bench/README.md, open-cases, 10,000 open cases with armed timers on one worker): peak RSS
 * 958 MiB at 500 (802 MiB once all are planned), 1,761 MiB at 2,000. A case outside the cache is
 * replayed from its history when its timer fires or someone acts on it (tens of milliseconds of
 * worker CPU for a short case, a few hundred for a long one): more memory buys fewer replays.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;
/** Where `npm run build` writes the bundle, next to the compiled worker. */
export const PREBUILT_BUNDLE_PATH = path.join(__dirname, 'workflow-bundle.js');

/** Counts every activity execution that throws, by activity and failure type, and rethrows. */
function countActivityFailures(metrics: Pick<AppMetrics, 'activityFailures'>): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          const failureType = err instanceof ApplicationFailure ? (err.type ?? 'ApplicationFailure') : err instanceof Error ? err.name : 'unknown';
          metrics.activityFailures.inc({ activity: ctx.info.activityType, failure_type: failureType });
          throw err;
        }
      },
    },
  });
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  if (options.workflowBundlePath && !existsSync(options.workflowBundlePath)) {
    throw new Error(`no prebuilt workflow bundle at ${options.workflowBundlePath}: run \`npm run build\` (production workers never bundle at start)`);
  }
  const bundle = options.workflowBundle ?? (options.workflowBundlePath ? { codePath: options.workflowBundlePath } : undefined);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: preloadedModules() } }),
    activities: { ...createActivities(options.deps), ...options.activityOverrides },
    ...(options.metrics ? { interceptors: { activity: [countActivityFailures(options.metrics)] } } : {}),
    // Keep the worker within a small machine's means; raise in production as needed.
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
    maxCachedWorkflows: options.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(options.shutdownGraceTimeMs !== undefined ? { shutdownGraceTime: options.shutdownGraceTimeMs } : {}),
  });
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  // Annotated so that TypeScript narrows after a call (a never-returning arrow needs its type).
  const refuse: (message: string) => never = (message) => {
    log.fatal(message);
    process.exit(78); // EX_CONFIG
  };
  const databaseUrl = config.DATABASE_URL;
  if (!config.TEMPORAL_ADDRESS || !databaseUrl) return refuse('the worker process needs TEMPORAL_ADDRESS and DATABASE_URL (use `npm start` for the embedded mode)');
  // Fail fast: a production worker never bundles workflow code at start (slow, and every worker
  // must run byte-identical code).
  if (!existsSync(PREBUILT_BUNDLE_PATH)) refuse(`no prebuilt workflow bundle at ${PREBUILT_BUNDLE_PATH}: build the image or run \`npm run build\``);
  let target: ReturnType<typeof temporalTargetFromConfig>;
  try {
    target = temporalTargetFromConfig(config);
  } catch (err) {
    return refuse(`the Temporal connection settings cannot be used: ${err instanceof Error ? err.message : String(err)}`);
  }
  // SDK and Core logs (and the workflow and activity loggers) through pino; the SDK's metrics on
  // loopback, served with the app's by this worker's /metrics. Signals are handled below.
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${config.TEMPORAL_SDK_METRICS_PORT}` } },
    },
    shutdownSignals: [],
  });

  const db = await openDatabase({ url: databaseUrl });
  const repos = createRepositories(db.prisma);
  let payments: ReturnType<typeof productionPaymentGateway>;
  try {
    payments = productionPaymentGateway(config, repos.funding);
  } catch (err) {
    if (err instanceof PaymentConfigError) return refuse(err.message);
    throw err;
  }
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  // Who each case waits on, for rows written before the inbox's columns or under older rules.
  const backfilled = await repos.cases.backfillWaiting();
  if (backfilled > 0) log.info({ cases: backfilled }, 'inbox columns computed for stored cases');
  // One client for the schedules and the history archive (which reads histories from Temporal).
  const temporalClient = await connectClient(target);
  if (await ensureMatchingSchedule(temporalClient.client, config.TEMPORAL_TASK_QUEUE)) log.info('nightly policy matching schedule created');
  if (await ensureHistoryArchiveSchedule(temporalClient.client, config.TEMPORAL_TASK_QUEUE)) log.info('history archive schedule created');
  const codeVersion = workflowCodeVersion(APP_VERSION, readFileSync(PREBUILT_BUNDLE_PATH, 'utf8'));

  const connection = await connectWorker(target);
  const metrics = createAppMetrics({ processMetrics: true });
  const worker = await createCaseWorker({
    connection,
    namespace: target.namespace,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: { repos, now: () => new Date(), payments, metrics, histories: { client: temporalClient.client, codeVersion } },
    workflowBundlePath: PREBUILT_BUNDLE_PATH,
    shutdownGraceTimeMs: config.SHUTDOWN_GRACE_SECONDS * 1000,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    metrics,
  });
  const token = config.METRICS_TOKEN;
  const probes = await startProbeServer({
    host: config.WORKER_HTTP_HOST,
    port: config.WORKER_HTTP_PORT,
    live: () => !['FAILED', 'STOPPED'].includes(worker.getState()),
    ready: () => worker.getState() === 'RUNNING',
    checks: [{ name: 'database', check: repos.ping }, temporalProbe(connection, target.namespace)],
    ...(token
      ? {
          metrics: {
            token,
            contentType: metrics.registry.contentType,
            text: async () => withSdkMetrics(await metrics.registry.metrics(), `http://127.0.0.1:${config.TEMPORAL_SDK_METRICS_PORT}/metrics`),
          },
        }
      : {}),
  });
  const stop = (signal: string) => {
    log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'stopping: no new tasks; running activities get the grace time to finish');
    worker.shutdown();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: target.namespace, probes: `${config.WORKER_HTTP_HOST}:${probes.port}` }, 'worker running');
  await worker.run();
  await probes.close();
  await connection.close();
  await temporalClient.connection.close();
  await db.close();
  log.info('worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
